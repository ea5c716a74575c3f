package dev.minibatch.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minibatch.config.ConfigLoader;
import dev.minibatch.config.ConfigOverride;
import dev.minibatch.config.RunConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The run's header line names the rate of the first update, and the schedule that changes it. */
class SummaryTest {
    private static RunConfig seed(String... sets) {
        return ConfigLoader.load(Path.of("configs", "seed.yaml"), java.util.Arrays.stream(sets).map(s -> new
                ConfigOverride(s.substring(0, s.indexOf('=')), s.substring(s.indexOf('=') + 1), "--set " + s))
                .toList());
    }

    @Test
    void theHeaderShowsTheFirstRateAndTheSchedule() {
        assertTrue(Summary.header(seed()).contains(", sgd lr 0.01, batch 32,"), Summary.header(seed()));
        String map = Summary.header(seed("training.lr_schedule.type=map",
                "training.lr_schedule.values={0: 0.05, 10: 0.01}"));
        assertTrue(map.contains("sgd lr 0.05 (map schedule)"), map);
        String step = Summary.header(seed("training.lr_schedule.type=step"));
        assertTrue(step.contains("sgd lr 0.01 (step schedule)"), step);
        assertTrue(Summary.header(seed("training.optimizer=adadelta")).contains(", adadelta, batch"),
                Summary.header(seed("training.optimizer=adadelta")));
    }

    /** A Spark run says so in its header, with its master, as a one-machine run does not. */
    @Test
    void aSparkRunSaysSparkAndItsMaster() {
        String spark = Summary.header(seed("distributed.master=local[2]"));
        assertTrue(spark.endsWith("; on Spark local[2] (2 workers, parameter averaging every 5 batches)"), spark);
        assertTrue(!Summary.header(seed()).contains("Spark"), Summary.header(seed()));
    }
}
