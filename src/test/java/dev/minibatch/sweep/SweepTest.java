package dev.minibatch.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minibatch.Textbook;
import dev.minibatch.backend.BackendSelector;
import dev.minibatch.cli.Main;
import dev.minibatch.agreement.Convergence;
import dev.minibatch.config.BackendRequest;
import dev.minibatch.config.ConfigException;
import dev.minibatch.config.ConfigLoader;
import dev.minibatch.config.RunConfig;
import dev.minibatch.run.TrainerChoice;
import dev.minibatch.run.TrainingRun;
import dev.minibatch.train.EpochListener;
import dev.minibatch.train.Parameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SweepTest {
    @TempDir
    static Path dir;
    static Path config;
    static TrainingRun.Prepared prepared;

    @BeforeAll
    static void setUp() throws IOException {
        config = dir.resolve("small.yaml");
        Files.writeString(config, "name: small\ndata:\n  n_samples: 50\n  n_features: 2\n  noise: 3.0\n"
                + "split:\n  test_size: 0.2\ntraining:\n  epochs: 3\n  batch_size: 8\n  learning_rate: 0.05\n");
        prepared = TrainingRun.prepare(ConfigLoader.load(config, List.of()));
    }

    private static Sweep.Result sweep(List<Integer> sizes) {
        return Sweep.run(prepared, sizes, TrainerChoice.BOTH, LrScaling.NONE,
                BackendSelector.decide(BackendRequest.CPU, false, () -> null), EpochListener.NONE);
    }

    @Test
    void fullMakesOneEpochExactlyOneStepOfFullBatchGradientDescent() {
        RunConfig one = prepared.config().with(dev.minibatch.config.Settings.EPOCHS, 1);
        TrainingRun.Prepared p = new TrainingRun.Prepared(one, prepared.data(), prepared.init(), prepared.plan());
        Sweep.Result r = Sweep.run(p, List.of(40), TrainerChoice.BOTH, LrScaling.NONE,
                BackendSelector.decide(BackendRequest.CPU, false, () -> null), EpochListener.NONE);
        Parameters expected = Textbook.fullBatchStep(prepared.data().inMemory(), prepared.init().parameters(), one.training().loss(),
                0.05);
        for (Sweep.Row row : r.rows()) {
            assertTrue(row.full());
            assertEquals(1, row.updatesPerEpoch());
            double[] lossAfter = row.trainLoss();
            assertEquals(1, lossAfter.length);
            double direct = dev.minibatch.agreement.LeastSquares.loss(true, expected, prepared.data().inMemory().xTrain(),
                    prepared.data().inMemory().yTrain());
            assertEquals(direct, lossAfter[0], 1e-12 * direct, row.trainer());
        }
    }

    @Test
    void sgdMakesOneUpdatePerRowAndEveryBatchSizeAgrees() {
        Sweep.Result r = sweep(List.of(1, 8, 40));
        assertEquals(6, r.rows().size());
        for (Sweep.Row row : r.rows()) {
            int expected = (40 + row.batchSize() - 1) / row.batchSize();
            assertEquals(expected, row.updatesPerEpoch());
            assertTrue(row.agree(), "trainers agree at batch " + row.batchSize());
            assertTrue(row.usPerUpdate() > 0 && row.samplesPerS() > 0);
        }
        assertEquals(40, r.rows().get(0).updatesPerEpoch());
        assertTrue(r.allAgree());
        assertEquals(0.0, r.rows().get(4).batchLossSpread(), "one update per epoch has no spread");
    }

    @Test
    void theNearOptimumDetectorFindsTheFirstEpochWithinOnePercent() {
        assertEquals(4, Convergence.firstEpochWithin(new double[] {5, 3, 1.02, 1.009, 1.0}, 1.0, 0.01));
        assertEquals(2, Convergence.firstEpochWithin(new double[] {2, 1.01, 1.0}, 1.0, 0.01), "the bound counts");
        assertEquals(0, Convergence.firstEpochWithin(new double[] {5, 3, 1.5}, 1.0, 0.01));
    }

    @Test
    void lrScalingRules() {
        assertEquals(0.01, LrScaling.NONE.rate(0.01, 32, 128));
        assertEquals(0.04, LrScaling.LINEAR.rate(0.01, 32, 128), 1e-15);
        assertEquals(0.02, LrScaling.SQRT.rate(0.01, 32, 128), 1e-15);
    }

    @Test
    void theCommandWritesTheTableWithTheDocumentedKeys() throws IOException {
        Path out = dir.resolve("out");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(new PrintWriter(o), new PrintWriter(e), "sweep", config.toString(), "--batch-sizes",
                "1,8,full", "--epochs", "2", "--out", out.toString(), "-q");
        assertEquals(0, code, e.toString());
        JsonNode rows = new ObjectMapper().readTree(out.resolve("sweep.json").toFile()).get("rows");
        assertEquals(6, rows.size());
        for (String key : List.of("batch_size", "trainer", "updates_per_epoch", "seconds_per_epoch", "us_per_update",
                "samples_per_s", "batch_bytes", "epochs_to_1pct_of_optimum", "final_train_loss", "final_test_mse")) {
            assertTrue(rows.get(0).has(key), key);
        }
        String md = Files.readString(out.resolve("sweep.md"));
        assertTrue(md.contains("Update stability") && md.contains("Convergence") && md.contains("1 (SGD)"));
        assertTrue(Files.isRegularFile(out.resolve("sweep.html")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "zero        | 0,8       | 0 is outside 1 to 40",
        "negative    | -3        | -3 is outside 1 to 40",
        "too large   | 8,41      | 41 is outside 1 to 40",
        "duplicate   | 8,8       | 8 appears twice",
        "full twice  | 40,full   | full appears twice (full is 40)",
        "not number  | 8,abc     | 'abc' is not a batch size",
        "empty item  | 8,,16     | '' is not a batch size",
    })
    void badBatchSizeListsExitWithTwo(String what, String list, String expected) {
        ConfigException ex = assertThrows(ConfigException.class, () -> BatchSizes.parse(list, 40));
        assertTrue(ex.getMessage().startsWith("--batch-sizes: "), ex.getMessage());
        assertTrue(ex.getMessage().contains(expected), ex.getMessage());
        Path out = dir.resolve("bad-" + what.replace(' ', '-'));
        StringWriter e = new StringWriter();
        int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(e), "sweep", config.toString(),
                "--batch-sizes", list, "--out", out.toString());
        assertEquals(2, code);
        assertEquals(1, e.toString().lines().count(), e.toString());
        assertFalse(Files.exists(out));
    }

    @org.junit.jupiter.api.Test
    void aSteadyDescentIsNotCountedAsNoise() {
        assertEquals(0.0, Sweep.detrendedStd(new double[] {10, 9, 8, 7, 6, 5}), 1e-12);
        assertEquals(Math.sqrt(0.2), Sweep.detrendedStd(new double[] {1, 0, 1, 0}), 1e-12, "zig-zag around a slope of -0.2");
        assertEquals(0.0, Sweep.detrendedStd(new double[] {3, 4}));
    }

    @Test
    void oneBatchSizeIsDescribedNotRanked() {
        String md = SweepReport.build(sweep(List.of(8))).markdown();
        assertTrue(md.contains("With one batch size there is nothing to rank"), md);
        assertTrue(!md.contains("noisiest") && !md.contains("first in wall-clock time"), md);
        String two = SweepReport.build(sweep(List.of(4, 8))).markdown();
        assertTrue(two.contains("noisiest") && !two.contains("nothing to rank"), two);
    }
}
