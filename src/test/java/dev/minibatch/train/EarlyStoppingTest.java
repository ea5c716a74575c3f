package dev.minibatch.train;

import dev.minibatch.backend.BackendDecision;
import dev.minibatch.config.ConfigException;
import dev.minibatch.config.ConfigLoader;
import dev.minibatch.config.ConfigOverride;
import dev.minibatch.config.RunConfig;
import dev.minibatch.data.Dataset;
import dev.minibatch.data.Datasets;
import dev.minibatch.data.TrainTestSplit;
import dev.minibatch.run.RunOutcome;
import dev.minibatch.run.TrainerChoice;
import dev.minibatch.run.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The validation split (Keras' validation_split) and early stopping, the same in both trainers. */
class EarlyStoppingTest {
    @TempDir
    Path dir;

    private static final String BASE = """
            name: es
            data:
              n_samples: 400
              n_features: 3
              noise: 10.0
            split:
              test_size: 0.25
              validation_size: 0.2
            training:
              epochs: 300
              batch_size: 16
              learning_rate: 0.05
            """;

    private RunConfig config(String yaml, ConfigOverride... overrides) throws IOException {
        return ConfigLoader.load(Files.writeString(dir.resolve("es.yaml"), yaml), List.of(overrides));
    }

    @Test
    void theValidationRowsAreTheLastRowsOfTheTrainingSplitAsKerasTakesThem() throws IOException {
        Dataset d = Datasets.load(config(BASE));
        int[] train = TrainTestSplit.split(400, 0.25, 42).train();
        int keep = (int) (train.length * (1 - 0.2)); // Keras: split_at = int(len(x) * (1 - validation_split))
        assertEquals(keep, d.nTrain());
        assertEquals(train.length - keep, d.nVal());
        Dataset all = Datasets.load(config(BASE.replace("  validation_size: 0.2\n", "")));
        assertArrayEquals(all.xTrain()[keep], d.xVal()[0], "the first validation row is training row " + keep);
        assertArrayEquals(all.xTrain()[0], d.xTrain()[0]);
    }

    @Test
    void bothTrainersStopAtTheSameEpochWithTheSameParametersAndRestoreTheBest() throws IOException {
        RunConfig c = config(BASE, new ConfigOverride("training.early_stopping.monitor", "val_loss", "--set"),
                new ConfigOverride("training.early_stopping.patience", "3", "--set"),
                new ConfigOverride("training.early_stopping.restore_best", "true", "--set"));
        RunOutcome run = TrainingRun.execute(TrainingRun.Request.of(c, TrainerChoice.BOTH));
        TrainingResult f = run.trainers().get("framework");
        TrainingResult s = run.trainers().get("scratch");
        assertTrue(f.stop().stoppedAfterEpoch() > 0 && f.stop().stoppedAfterEpoch() < 300, f.stop().reason());
        assertEquals(f.stop().stoppedAfterEpoch(), s.stop().stoppedAfterEpoch());
        assertEquals(f.history().size(), f.stop().stoppedAfterEpoch());
        assertTrue(run.agreement().agree(), run.agreement().verdict());
        assertEquals(0.0, run.agreement().maxAbsParamDiff());

        // patience: the last 3 epochs did not improve on the best by more than min_delta (0)
        List<EpochRecord> h = f.history();
        EpochRecord best = h.get(f.stop().bestEpoch() - 1);
        assertEquals(f.stop().stoppedAfterEpoch() - 3, best.epoch());
        for (EpochRecord e : h.subList(0, best.epoch() - 1)) {
            assertTrue(e.valLoss() > best.valLoss());
        }
        for (EpochRecord e : h.subList(best.epoch(), h.size())) {
            assertTrue(e.valLoss() >= best.valLoss());
        }
        // restore_best: the run ends with the best epoch's parameters and test MSE
        assertEquals(best.parameters().maxAbsDiff(f.fin()), 0.0);
        assertEquals(best.testMse(), f.testMse());
        assertEquals(best.trainLoss(), f.finalRecord().trainLoss());
    }

    @Test
    void withoutRestoreTheRunEndsWithItsLastEpochAndTrainLossCanBeMonitored() throws IOException {
        RunConfig c = config(BASE, new ConfigOverride("training.early_stopping.monitor", "train_loss", "--set"),
                new ConfigOverride("training.early_stopping.patience", "2", "--set"),
                new ConfigOverride("training.early_stopping.min_delta", "0.01", "--set"));
        RunOutcome run = TrainingRun.execute(TrainingRun.Request.of(c, TrainerChoice.SCRATCH));
        TrainingResult s = run.trainers().get("scratch");
        assertTrue(s.stop().stoppedAfterEpoch() > 0, s.stop().reason());
        EpochRecord last = s.history().get(s.history().size() - 1);
        assertEquals(0.0, last.parameters().maxAbsDiff(s.fin()));
        assertTrue(s.stop().reason().startsWith("stopped after epoch " + s.stop().stoppedAfterEpoch() + " of 300"),
                s.stop().reason());
    }

    @Test
    void withoutEarlyStoppingTheValidationLossIsRecordedAndNothingElseChanges() throws IOException {
        RunOutcome run = TrainingRun.execute(TrainingRun.Request.of(config(BASE.replace("epochs: 300", "epochs: 5")),
                TrainerChoice.BOTH));
        TrainingResult f = run.trainers().get("framework");
        assertEquals(5, f.history().size());
        assertTrue(f.history().stream().allMatch(EpochRecord::hasValidation));
        assertEquals(null, f.stop());
        assertTrue(Arrays.stream(new double[] {f.history().get(4).valLoss()}).allMatch(Double::isFinite));
    }

    @Test
    void monitoringValLossNeedsAValidationSplit() {
        ConfigException e = assertThrows(ConfigException.class, () -> config(BASE.replace(
                "  validation_size: 0.2\n", ""), new ConfigOverride("training.early_stopping.monitor", "val_loss",
                "--set training.early_stopping.monitor=val_loss")));
        assertTrue(e.getMessage().contains("val_loss needs a validation set; set split.validation_size"),
                e.getMessage());
    }
}
