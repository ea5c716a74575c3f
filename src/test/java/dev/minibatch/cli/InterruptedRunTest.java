package dev.minibatch.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs that are killed, that collide, and that run out of memory, each in a child JVM. */
class InterruptedRunTest {
    @TempDir
    Path dir;

    private static final String SMALL = """
            name: small
            data:
              n_samples: 120
              n_features: 3
              noise: 1.0
            training:
              epochs: 2
              batch_size: 16
            """;

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Trains the small config into a folder, as the run the next one replaces. */
    private static Path firstRun(Path config, Path out) throws IOException {
        Files.writeString(config, SMALL);
        CliTest.Outcome first = CliTest.run("train", config.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, first.code(), first.err());
        return out;
    }

    @Test
    void aKillDuringTheWritePhaseLeavesTheOldRunAndASecondRunMeanwhileIsRefused() throws Exception {
        Path config = dir.resolve("small.yaml");
        Path runs = dir.resolve("runs");
        Path out = firstRun(config, runs.resolve("small"));
        byte[] before = Files.readAllBytes(out.resolve("results.json"));
        List<String> filesBefore = names(out);

        Process child = ChildJvm.start(List.of("-Dminibatch.test.pauseAt=staged:120000"), "train",
                config.toString(), "--out", out.toString(), "--epochs", "5", "--trainer", "scratch", "--quiet", "--force");
        try {
            String said = ChildJvm.waitFor(child, "test pause staged");
            assertTrue(said.contains("test pause staged"), said);
            assertTrue(names(runs).contains(".small.staging-" + child.pid()), names(runs).toString());

            CliTest.Outcome second = CliTest.run("train", config.toString(), "--out", out.toString(), "--quiet",
                    "--force");
            assertEquals(ExitCodes.BAD_INPUT, second.code(), second.err());
            assertTrue(second.err().contains("in use by another minibatch run (pid " + child.pid()),
                    second.err());
            assertEquals(1, second.err().strip().lines().count(), second.err());
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook runs
            child.waitFor();
        }
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(out.resolve("results.json"))),
                "the killed run must leave the old results untouched");
        assertEquals(filesBefore, names(out));

        CliTest.Outcome third = CliTest.run("train", config.toString(), "--out", out.toString(), "--quiet",
                "--trainer", "scratch", "--force");
        assertEquals(0, third.code(), third.err());
        assertEquals(List.of("small"), names(runs), "the next run cleans what the killed one left");
        assertFalse(names(out).contains("framework-model.zip"), "a scratch run leaves no framework model");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "SIG{0} at {1}: the folder holds the {2} run")
    @org.junit.jupiter.params.provider.CsvSource({"TERM, staged, old", "INT, aside, new"})
    void aSignalWhileTheRunIsSwappedInLeavesOneRunWhole(String sig, String phase, String which) throws Exception {
        Path config = dir.resolve("small.yaml");
        Path runs = dir.resolve("runs");
        Path out = firstRun(config, runs.resolve("small"));
        byte[] before = Files.readAllBytes(out.resolve("results.json"));
        List<String> filesBefore = names(out);

        Process child = ChildJvm.start(List.of("-Dminibatch.test.pauseAt=" + phase + ":3000"), "train",
                config.toString(), "--out", out.toString(), "--epochs", "3", "--trainer", "scratch", "--quiet",
                "--force");
        String said = ChildJvm.waitFor(child, "test pause " + phase);
        assertTrue(said.contains("test pause " + phase), said);
        sig = dev.minibatch.io.Signals.deliverable(sig);
        Process kill = new ProcessBuilder("kill", "-" + sig, String.valueOf(child.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor());
        said += ChildJvm.output(child);
        assertEquals(dev.minibatch.io.Signals.exitCode(sig), ChildJvm.exitCode(child), said);
        assertEquals(List.of("small"), names(runs), "nothing left beside the run");
        if (which.equals("old")) {
            assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(out.resolve("results.json"))));
            assertEquals(filesBefore, names(out));
        } else {
            String results = Files.readString(out.resolve("results.json"));
            assertTrue(results.contains("\"epochs\" : 3,"), results);
            assertFalse(names(out).contains("framework-model.zip"));
        }
    }

    @Test
    void runningOutOfMemoryHasItsOwnExitCodeAndSaysWhatToSet() throws Exception {
        // data.cache: never — with the default (auto) this run would train from the disk cache instead
        Path config = Files.writeString(dir.resolve("big.yaml"), SMALL.replace("n_samples: 120",
                "n_samples: 3000000\n  cache: never").replace("n_features: 3", "n_features: 10"));
        Path out = dir.resolve("out");
        Process child = ChildJvm.start(List.of("-Xmx64m"), "train", config.toString(), "--out", out.toString(),
                "--quiet");
        String said = ChildJvm.output(child);
        assertEquals(ExitCodes.OUT_OF_MEMORY, ChildJvm.exitCode(child), said);
        assertTrue(said.contains("out of memory") && said.contains("3,000,000 rows")
                && said.contains("MINIBATCH_HEAP"), said);
        assertFalse(said.contains("\tat "), said);
        assertEquals(List.of("big.yaml"), names(dir), "nothing written");
    }
}
