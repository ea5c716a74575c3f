package dev.minibatch.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Divergence and overflow on the tutorial's shape (one feature, one target), where NaN weights once hid. */
class DivergenceCliTest {
    @TempDir
    Path dir;

    private static final String ONE_FEATURE = """
            name: one
            data:
              n_samples: 200
              n_features: 1
              noise: 20.0
            split:
              test_size: 0.2
            training:
              epochs: 5
              batch_size: 32
            """;

    private Path config() throws IOException {
        Path f = dir.resolve("one.yaml");
        Files.writeString(f, ONE_FEATURE);
        return f;
    }

    /** Diverged in the first epoch: no curve to draw, but the report beside the run folder says who and when. */
    @Test
    void nanWeightsStopEitherTrainerWithExitThreeAndLeaveTheRunFolderUnwritten() throws IOException {
        for (String trainer : new String[] {"both", "framework", "scratch"}) {
            Path out = dir.resolve("out-" + trainer);
            CliTest.Outcome o = CliTest.run("train", config().toString(), "--learning-rate", "1e200", "--trainer",
                    trainer, "--out", out.toString(), "--quiet");
            assertEquals(ExitCodes.DIVERGED, o.code(), trainer + ": " + o.err());
            assertTrue(o.err().contains("diverged") && o.err().contains("NaN") && o.err().contains("epoch 1"),
                    o.err());
            assertEquals(1, o.err().strip().lines().count(), o.err());
            assertFalse(Files.exists(out), trainer + " wrote " + out);
            Path report = dir.resolve("out-" + trainer + "-diverged");
            assertTrue(o.err().contains("its report: " + report.resolve("report.html")), o.err());
            var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(report.resolve("diverged.json")
                    .toFile());
            String first = trainer.equals("scratch") ? "scratch" : "framework";
            assertEquals(first, json.get("trainer").asText());
            assertEquals(1, json.get("diverged_in_epoch").asInt());
            assertEquals(0, json.get("history").get(first).size(), "no finite epoch");
            assertTrue(Files.readString(report.resolve("report.md")).contains("Trainers that ran, in order: " + first
                    + " (left the finite range in epoch 1, after 0 finite epochs)"));
        }
    }

    /** A sweep keeps the batch sizes that trained, names the one that diverged, and exits 3. */
    @Test
    void aSweepKeepsEveryBatchSizeThatDidNotDiverge() throws IOException {
        Path out = dir.resolve("sweep");
        CliTest.Outcome o = CliTest.run("sweep", "configs/seed.yaml", "--batch-sizes", "1,full", "--learning-rate",
                "2.5", "--epochs", "3", "--out", out.toString());
        assertEquals(ExitCodes.DIVERGED, o.code(), o.err());
        assertTrue(o.err().startsWith("minibatch: batch size 1: framework trainer diverged"), o.err());
        assertTrue(o.out().contains("wrote "), o.out());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("sweep.json").toFile());
        assertEquals(2, json.get("rows").size(), "the full batch, both trainers");
        assertTrue(json.get("rows").get(0).get("full").asBoolean());
        assertEquals(1, json.get("diverged").get(0).get("batch_size").asInt());
        String md = Files.readString(out.resolve("sweep.md"));
        assertTrue(md.contains("Diverged, so not in the tables and plots: batch size 1 ") && md.contains("## Diverged"),
                md);
    }

    /** A huge L2 is named as the cause, not the learning rate; a momentum of 1 or more is refused before training. */
    @Test
    void theSettingMostLikelyAtFaultIsNamed() throws IOException {
        CliTest.Outcome l2 = CliTest.run("train", config().toString(), "--set", "training.l2=1e6", "--epochs", "40", "--out",
                dir.resolve("l2").toString(), "--quiet");
        assertEquals(ExitCodes.DIVERGED, l2.code(), l2.err());
        assertTrue(l2.err().contains("training.l2 1000000.0 is probably too large"), l2.err());
        CliTest.Outcome mu = CliTest.run("train", config().toString(), "--set", "training.optimizer=nesterovs",
                "--set", "training.momentum=1.5", "--out", dir.resolve("mu").toString(), "--quiet");
        assertEquals(ExitCodes.BAD_INPUT, mu.code(), mu.err());
        assertTrue(mu.err().contains("training.momentum: must be a number from 0 up to, not including, 1"), mu.err());
        // a schedule that raises the rate is blamed, with the rate it reached, not the base rate that was fine
        CliTest.Outcome raised = CliTest.run("train", config().toString(), "--learning-rate", "0.001", "--set",
                "training.lr_schedule.type=exponential", "--set", "training.lr_schedule.gamma=1.5", "--epochs", "40",
                "--out", dir.resolve("raised").toString(), "--quiet");
        assertEquals(ExitCodes.DIVERGED, raised.code(), raised.err());
        assertTrue(raised.err().contains("training.lr_schedule (exponential) had raised the learning rate from 0.001"
                + " to "), raised.err());
        assertFalse(raised.err().contains("the learning rate 0.001 is probably too large"), raised.err());
    }

    /** A run that ends finite with its parameters grown by 17 orders of magnitude is warned about, not passed. */
    @Test
    void aRunCloseToDivergingIsWarnedAbout() throws IOException {
        Path out = dir.resolve("grown");
        CliTest.Outcome o = CliTest.run("train", "configs/seed.yaml", "--learning-rate", "2.5", "--epochs", "4",
                "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("warning: scratch: the parameters grew from max |θ|"), o.out());
        assertTrue(Files.readString(out.resolve("report.md")).contains("the run is close to diverging"));
    }

    @Test
    void floatRunsDivergeToo() throws IOException {
        Path out = dir.resolve("out");
        CliTest.Outcome o = CliTest.run("train", config().toString(), "--learning-rate", "1e30", "--dtype", "float",
                "--out", out.toString(), "--quiet");
        assertEquals(ExitCodes.DIVERGED, o.code(), o.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void dataThatOverflowsIsBlamedOnTheDataNotTheLearningRate() throws IOException {
        Path out = dir.resolve("out");
        CliTest.Outcome o = CliTest.run("train", config().toString(), "--set", "data.noise=1e300", "--out",
                out.toString(), "--quiet");
        assertEquals(ExitCodes.BAD_INPUT, o.code(), o.err());
        assertTrue(o.err().contains("data.noise") && o.err().contains("overflows double"), o.err());
        assertFalse(o.err().contains("too large"), o.err());
        assertFalse(Files.exists(out));

        o = CliTest.run("train", config().toString(), "--set", "data.noise=1e20", "--dtype", "float", "--out",
                out.toString(), "--quiet");
        assertEquals(ExitCodes.BAD_INPUT, o.code(), o.err());
        assertTrue(o.err().contains("overflows float"), o.err());
    }

    @Test
    void aRunThatDivergesLaterKeepsItsCurveInADivergedReportBesideTheUntouchedRunFolder() throws IOException {
        Path out = dir.resolve("runs/one");
        CliTest.Outcome o = CliTest.run("train", config().toString(), "--learning-rate", "5", "--epochs", "100",
                "--out", out.toString(), "--quiet");
        assertEquals(ExitCodes.DIVERGED, o.code(), o.err());
        Path report = dir.resolve("runs/one-diverged");
        assertTrue(o.err().contains("the curve up to the divergence: ") && o.err().contains("one-diverged"), o.err());
        assertFalse(Files.exists(out));
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(report.resolve("diverged.json")
                .toFile());
        var h = json.get("history").get("framework");
        assertTrue(h.size() >= 2, "the finite epochs before the blow-up");
        double first = h.get(0).get("train_loss").asDouble();
        double last = h.get(h.size() - 1).get("train_loss").asDouble();
        assertTrue(Double.isFinite(last) && last > first * 1e6, first + " -> " + last);
        assertTrue(Files.exists(report.resolve("report.html")) && Files.exists(report.resolve("loss.png")));
    }
}
