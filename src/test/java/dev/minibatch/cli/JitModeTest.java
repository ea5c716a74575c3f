package dev.minibatch.cli;

import dev.minibatch.config.ConfigLoader;
import dev.minibatch.config.ConfigOverride;
import dev.minibatch.config.RunConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The quick JIT for short runs, the full one for long runs (a relaunch), never a relaunch outside the launcher. */
class JitModeTest {
    @TempDir
    Path dir;

    @Test
    void theTutorialsRunStaysOnTheQuickJitAndALongRunDoesNot() {
        RunConfig seed = ConfigLoader.load(Path.of("configs/seed.yaml"), List.of());
        double s = JitMode.estimatedQuickSeconds(seed, List.of(seed.training().batchSize()));
        assertTrue(s > 1 && s < JitMode.QUICK_LIMIT_SECONDS, "2,500 steps, ~1.5 s: " + s);
        assertTrue(JitMode.estimatedQuickSeconds(seed, List.of(1, 32, 0)) > JitMode.QUICK_LIMIT_SECONDS,
                "a sweep with SGD makes 80,000 steps more");
        RunConfig big = ConfigLoader.load(Path.of("configs/seed.yaml"), List.of(
                new ConfigOverride("data.n_samples", "1000000", "--set"),
                new ConfigOverride("data.n_features", "100", "--set")));
        assertTrue(JitMode.estimatedQuickSeconds(big, List.of(32)) > 100);
        assertEquals(null, JitMode.relaunchIfLong(big, List.of(32), true, null), "not started by the launcher");
    }

    /** Started as the launcher starts it, a long run relaunches itself, and the child does the work (and refusing). */
    @Test
    void aLongRunStartedOnTheQuickJitRelaunchesWithTheFullOne() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("file"), "x");
        Process p = ChildJvm.start(List.of("-XX:TieredStopAtLevel=1", "-Dminibatch.jit=quick"), "train",
                "configs/seed.yaml", "--set", "data.n_samples=1000000", "--set", "data.n_features=100", "--out",
                notAFolder.toString(), "--verbose");
        String said = ChildJvm.output(p);
        assertEquals(ExitCodes.BAD_INPUT, ChildJvm.exitCode(p), said);
        assertTrue(said.contains("relaunching with the full JIT (C1 + C2)"), said);
        assertTrue(said.contains("exists and is not a folder"), said);
        assertEquals(1, said.lines().filter(l -> l.contains("exists and is not a folder")).count(),
                "refused once, by the child: " + said);

        Process quick = ChildJvm.start(List.of("-XX:TieredStopAtLevel=1", "-Dminibatch.jit=quick"), "train",
                "configs/seed.yaml", "--out", notAFolder.toString(), "--verbose");
        String short_ = ChildJvm.output(quick);
        assertEquals(ExitCodes.BAD_INPUT, ChildJvm.exitCode(quick), short_);
        assertFalse(short_.contains("relaunching"), short_);
    }
}
