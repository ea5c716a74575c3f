package dev.minibatch.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * README's commands, run in the order shown, as a new user runs them: in a fresh working folder (the repository's
 * configs/, data/ and notebooks-export/ linked in, no runs/ yet), one after the other, each getting the exit code
 * and the files it promises. Every `scripts/minibatch` line of README's first two command blocks runs as written,
 * with one change: the sweep gets `--epochs 3` (its default batch sizes include SGD, 80,000 DL4J steps at 100
 * epochs). `scripts/test` and `scripts/minibatch-spark` are left out (the suite itself; the spark build). On a
 * machine without a GPU, `--kernels cuda` must refuse with exit 2 and say why.
 */
class ReadmeCommandsTest {
    @TempDir
    Path dir;

    /** Runs each line of a file as a minibatch command in this JVM, printing "EXIT n" after each. */
    public static void main(String[] args) throws IOException {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            out.println("RUN " + line);
            int code = Main.run(out, new PrintWriter(System.out, true, StandardCharsets.UTF_8), words(line)
                    .toArray(String[]::new));
            out.println("EXIT " + code);
        }
    }

    /** Splits a command line as the shell would for these lines: words, with '…' quoting. */
    static List<String> words(String line) {
        List<String> w = new ArrayList<>();
        Matcher m = Pattern.compile("'([^']*)'|(\\S+)").matcher(line);
        while (m.find()) {
            w.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return w;
    }

    /** The `scripts/minibatch` commands of README's first two bash blocks, in order, without the launcher. */
    static List<String> commands() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        Matcher blocks = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        List<String> out = new ArrayList<>();
        for (int b = 0; b < 2 && blocks.find(); b++) {
            for (String line : blocks.group(1).split("\n")) {
                String cmd = line.replaceFirst("\\s+#.*$", "").strip();
                if (cmd.startsWith("scripts/minibatch ")) {
                    out.add(cmd.substring("scripts/minibatch ".length()));
                }
            }
        }
        return out;
    }

    @Test
    void readmesCommandsRunInOrderOnAFreshFolder() throws Exception {
        List<String> cmds = commands();
        assertTrue(cmds.size() >= 10 && cmds.get(0).equals("train configs/seed.yaml"), cmds.toString());
        for (String linked : List.of("configs", "data", "notebooks-export")) {
            Files.createSymbolicLink(dir.resolve(linked), Path.of(linked).toAbsolutePath());
        }
        List<String> run = cmds.stream().map(c -> c.startsWith("sweep ") ? c + " --epochs 3" : c).toList();
        Path list = Files.write(dir.resolve("commands.txt"), run);
        List<String> jvm = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0",
                ReadmeCommandsTest.class.getName(), list.toString()));
        Process p = new ProcessBuilder(jvm).directory(dir.toFile()).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), said);

        List<String> exits = said.lines().filter(l -> l.startsWith("EXIT ")).toList();
        assertEquals(run.size(), exits.size(), said);
        for (int i = 0; i < run.size(); i++) {
            boolean noGpu = run.get(i).contains("--kernels cuda") && said.contains("kernels cuda: cannot use the GPU");
            assertEquals("EXIT " + (noGpu ? ExitCodes.BAD_INPUT : 0), exits.get(i), run.get(i) + ":\n" + said);
        }
        for (String f : List.of("runs/seed/report.html", "runs/seed-sweep/sweep.html", "runs/diabetes/results.json",
                "runs/seed-2/checkpoints", "runs/compare/compare.html")) {
            assertTrue(Files.exists(dir.resolve(f)), f + " after README's commands:\n" + said);
        }
        String results = Files.readString(dir.resolve("runs/seed-2/results.json"));
        assertTrue(results.contains("\"epochs\" : 150,"), "the resumed run trained on to 150 epochs");
        assertTrue(said.contains("python reference (seed.json): matches it: largest relative difference"), said);
        assertTrue(said.contains("runs/seed holds an earlier run; writing runs/seed-2"), said);
    }
}
