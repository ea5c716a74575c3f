package dev.minibatch.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A long run relaunches itself in a child JVM with the full JIT ({@link JitMode}); {@code kill -9} to the process
 * the user started must end that child too, at every phase — while the child starts, while it trains, and while it
 * writes the run folder — and the folder must not be replaced afterwards.
 */
class KilledLauncherTest {
    @TempDir
    Path dir;

    /** Estimated at about 9 s on the quick JIT (14,400 steps), so it relaunches; the scratch trainer alone is quick. */
    private static final String LONG = """
            name: long
            data:
              n_samples: 120
              n_features: 3
              noise: 1.0
            training:
              epochs: 150
              batch_size: 1
            """;

    @ParameterizedTest(name = "killed {0}")
    @ValueSource(strings = {"starting", "training", "writing"})
    void noChildOutlivesTheLauncher(String phase) throws Exception {
        Path config = Files.writeString(dir.resolve("long.yaml"), LONG);
        Path out = dir.resolve("runs/long");
        String pause = switch (phase) {
            case "training" -> "-Dminibatch.test.pauseAtEpoch=scratch:2:120000";
            case "writing" -> "-Dminibatch.test.pauseAt=staged:120000";
            default -> "-Dminibatch.test.none=0";
        };
        Process launcher = ChildJvm.start(List.of("-Dminibatch.jit=quick", pause), "train", config.toString(),
                "--out", out.toString(), "--trainer", "scratch", "--quiet");
        List<ProcessHandle> children;
        try {
            if (phase.equals("starting")) {
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (launcher.descendants().findAny().isEmpty() && System.nanoTime() < until) {
                    Thread.sleep(20);
                }
            } else {
                String said = ChildJvm.waitFor(launcher, "test pause");
                assertTrue(said.contains("test pause"), said);
            }
            children = launcher.descendants().toList();
            assertFalse(children.isEmpty(), "the long run relaunched itself in a child JVM");
        } finally {
            launcher.destroyForcibly();                      // SIGKILL to the process the user started
            launcher.waitFor();
        }
        for (ProcessHandle c : children) {
            c.onExit().get(20, TimeUnit.SECONDS);           // throws a TimeoutException while it lives on
            assertFalse(c.isAlive(), "pid " + c.pid() + " outlived the launcher");
        }
        assertFalse(Files.exists(out.resolve("results.json")), "the killed run wrote its folder");
        Path runs = out.getParent();
        if (Files.isDirectory(runs)) {
            try (var s = Files.list(runs)) {
                assertEquals(List.of(), s.map(p -> p.getFileName().toString())
                        .filter(n -> n.contains("staging") || n.endsWith(".lock")).toList(),
                        "the child cleaned its staging folder and lock as SIGTERM does");
            }
        }
    }
}
