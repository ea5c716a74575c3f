package dev.minibatch.cli;

import picocli.CommandLine;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Runs the current command again in a child JVM with other JVM options or environment, and waits for it: the
 * CPU backend after a GPU-first ND4J ({@link BackendStartup}), the full JIT for a long run ({@link JitMode}).
 * The child shares the terminal; Ctrl-C reaches both, and a SIGTERM to this process is passed on to the child,
 * whose own clean-up then runs, before this one exits. A SIGKILL to this process, which no hook sees, ends the child
 * too: it watches this process and stops when it is gone ({@link ParentWatch}), so no minibatch process outlives the
 * one the user started.
 */
final class Relaunch {
    private Relaunch() {
    }

    /**
     * Runs the command in a child JVM.
     *
     * @param spec the running command, whose original arguments the child repeats.
     * @param jvmOptions turns this JVM's options into the child's.
     * @param env variables to set in the child's environment.
     * @return the child's exit code.
     */
    static int run(CommandLine.Model.CommandSpec spec, UnaryOperator<List<String>> jvmOptions, Map<String, String> env) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command()
                .orElse(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java"));
        List<String> options = jvmOptions.apply(new ArrayList<>(ManagementFactory.getRuntimeMXBean()
                .getInputArguments()));
        options.removeIf(o -> o.startsWith("-D" + ParentWatch.PROPERTY + "="));   // a child's child watches its own
        options.add("-D" + ParentWatch.PROPERTY + "=" + ProcessHandle.current().pid());
        cmd.addAll(options);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(spec.root().commandLine().getParseResult().originalArgs());
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        pb.environment().putAll(env);
        Process child;
        try {
            child = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start a child JVM: " + e.getMessage(), e);
        }
        Thread forward = new Thread(() -> {
            child.destroy();                       // SIGTERM: the child's shutdown hooks clean its output folder
            try {
                child.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "minibatch-child-stop");
        Runtime.getRuntime().addShutdownHook(forward);
        try {
            int code = child.waitFor();
            try {
                Runtime.getRuntime().removeShutdownHook(forward);
            } catch (IllegalStateException stopping) {
                // Ctrl-C reached this JVM too: it is stopping, and the hook has nothing left to stop
            }
            return code;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.INTERNAL;
        }
    }
}
