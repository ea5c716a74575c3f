package dev.minibatch.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code train --spark} in the default build, which carries no Spark: bad masters and settings get one line and
 * exit 2 before anything starts, and the scratch trainer's simulation of parameter averaging runs alone.
 */
class SparkCliTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "malformed master   | local[two]        | --trainer=both    | is not a Spark master URL",
        "unreachable master | spark://127.0.0.1:1 | --trainer=scratch | cannot reach the Spark master at 127.0.0.1:1",
        "no spark here      | local[2]          | --trainer=both    | this build has no Spark",
        "too many workers   | local[2]          | --trainer=scratch | distributed.workers: 900 workers for 800 training rows",
    })
    void badSparkInputIsOneLineAndExit2(String what, String master, String trainer, String expected) {
        CliTest.Outcome r = CliTest.run("train", "configs/seed.yaml", "--spark", master, trainer, "--out",
                System.getProperty("java.io.tmpdir") + "/minibatch-spark-cli-" + ProcessHandle.current().pid(),
                "--set", "distributed.workers=" + (what.equals("too many workers") ? 900 : 2), "--quiet");
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void sharedGradientsWithoutASimulationAndCheckpointsAreRefusedWithTheReason() {
        CliTest.Outcome shared = CliTest.run("train", "configs/seed.yaml", "--spark", "local[2]", "--trainer",
                "scratch", "--set", "distributed.training_master=shared_gradients");
        assertEquals(ExitCodes.BAD_INPUT, shared.code(), shared.err());
        assertTrue(shared.err().contains("simulates parameter averaging only"), shared.err());
        CliTest.Outcome cluster = CliTest.run("train", "configs/seed.yaml", "--spark", "spark://127.0.0.1:1",
                "--set", "distributed.training_master=shared_gradients");
        assertEquals(ExitCodes.BAD_INPUT, cluster.code(), cluster.err());
        CliTest.Outcome ck = CliTest.run("train", "configs/seed.yaml", "--spark", "local[2]", "--trainer", "scratch",
                "--set", "training.checkpoint_every=5");
        assertEquals(ExitCodes.BAD_INPUT, ck.code(), ck.err());
        assertTrue(ck.err().contains("checkpoints and --resume are not supported on Spark"), ck.err());
    }
}
