package dev.minibatch.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the CLI in a separate JVM (to kill it, or to give it a small heap), on the test classpath. */
final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * Starts {@code minibatch ARGS} in a new JVM with stderr merged into stdout.
     *
     * @param jvmOptions options before the main class (e.g. -Xmx64m, -Dkey=value).
     * @param args the command line.
     * @return the started process.
     * @throws IOException if it cannot start.
     */
    static Process start(List<String> jvmOptions, String... args) throws IOException {
        return start(java.util.Map.of(), jvmOptions, args);
    }

    /**
     * Starts {@code minibatch ARGS} in a new JVM with more environment variables.
     *
     * @param env variables added to this process's environment.
     * @param jvmOptions options before the main class.
     * @param args the command line.
     * @return the started process.
     * @throws IOException if it cannot start.
     */
    static Process start(java.util.Map<String, String> env, List<String> jvmOptions, String... args)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("-Dorg.bytedeco.javacpp.maxPhysicalBytes=0");
        cmd.addAll(jvmOptions);
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        return pb.start();
    }

    /**
     * Reads the process's output until a line contains a text.
     *
     * @param p the process.
     * @param text what to wait for.
     * @return everything read, ending with that line.
     * @throws IOException if the output ends first (the text is then not in the returned string).
     */
    static String waitFor(Process p, String text) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = r.readLine()) != null; ) {
            seen.append(line).append('\n');
            if (line.contains(text)) {
                return seen.toString();
            }
        }
        return seen.toString();
    }

    /**
     * Reads everything the process prints until it ends.
     *
     * @param p the process.
     * @return its output.
     * @throws IOException if reading fails.
     */
    static String output(Process p) throws IOException {
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /**
     * Waits for the process to end.
     *
     * @param p the process.
     * @return its exit code.
     * @throws InterruptedException if interrupted.
     */
    static int exitCode(Process p) throws InterruptedException {
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("child JVM did not finish in 120 s");
        }
        return p.exitValue();
    }
}
