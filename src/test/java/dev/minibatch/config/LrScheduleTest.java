package dev.minibatch.config;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.InverseSchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.PolySchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-written schedules equal DL4J's ISchedules at every point, bit for bit. */
class LrScheduleTest {
    private static final double LR = 0.05;

    @Test
    void everyScheduleEqualsDl4jsOwnForIterationsAndEpochs() {
        Map<Integer, Double> values = Map.of(0, 0.1, 5, 0.05, 17, 0.001);
        for (LrSchedule.Unit unit : LrSchedule.Unit.values()) {
            ScheduleType st = unit == LrSchedule.Unit.ITERATION ? ScheduleType.ITERATION : ScheduleType.EPOCH;
            Map<LrSchedule, ISchedule> pairs = Map.of(
                    new LrSchedule(LrSchedule.Type.STEP, unit, 0, 0.7, 3, 0, 1, new TreeMap<>()),
                    new StepSchedule(st, LR, 0.7, 3),
                    new LrSchedule(LrSchedule.Type.EXPONENTIAL, unit, 0.93, 0, 1, 0, 1, new TreeMap<>()),
                    new ExponentialSchedule(st, LR, 0.93),
                    new LrSchedule(LrSchedule.Type.INVERSE, unit, 0.2, 0, 1, 0.6, 1, new TreeMap<>()),
                    new InverseSchedule(st, LR, 0.2, 0.6),
                    new LrSchedule(LrSchedule.Type.POLY, unit, 0, 0, 1, -2.0, 30, new TreeMap<>()),
                    new PolySchedule(st, LR, -2.0, 30),
                    new LrSchedule(LrSchedule.Type.MAP, unit, 0, 0, 1, 0, 1, new TreeMap<>(values)),
                    new MapSchedule(st, values));
            pairs.forEach((ours, dl4j) -> {
                for (int i = 0; i < 60; i++) {
                    assertEquals(dl4j.valueAt(i, i / 7), ours.valueAt(LR, i, i / 7), 0.0, ours + " at " + i);
                }
            });
        }
    }

    @Test
    void theConfigReadsAScheduleAndRefusesAMapWithoutItsStart() throws Exception {
        Path dir = Files.createTempDirectory("lr");
        Path f = Files.writeString(dir.resolve("c.yaml"), """
                training:
                  lr_schedule:
                    type: map
                    unit: epoch
                    values: {0: 0.1, 20: 0.01}
                """);
        RunConfig c = ConfigLoader.load(f, List.of());
        assertEquals(0.01, c.training().lrSchedule().valueAt(0.5, 0, 25));
        Files.writeString(f, "training:\n  lr_schedule:\n    type: map\n    values: {5: 0.1}\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f, List.of()));
        assertTrue(e.getMessage().contains("training.lr_schedule.values: must give the rate at 0"), e.getMessage());
    }
}
