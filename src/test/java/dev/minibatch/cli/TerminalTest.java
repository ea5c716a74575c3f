package dev.minibatch.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What train and sweep print fits 80 columns, and the verbose lines and --log-csv speak Keras' language. */
class TerminalTest {
    @TempDir
    Path dir;

    private static void fits(String out) {
        for (String line : out.lines().toList()) {
            assertTrue(line.length() <= Terminal.DEFAULT_WIDTH, line.length() + " columns: " + line);
        }
    }

    @Test
    void linesBreakBetweenPartsNeverInsideOne() {
        String text = "data: 800 train / 200 test rows, 1 feature, 1 target; backend CPU (OPENBLAS, 2 threads)";
        String w = Terminal.wrap(text, 80);
        assertEquals("data: 800 train / 200 test rows, 1 feature, 1 target; backend CPU (OPENBLAS,\n  2 threads)",
                w.replace(System.lineSeparator(), "\n"));
        assertEquals(text, Terminal.wrap(text, 200));
    }

    @Test
    void theTutorialsRunAndASweepFitEightyColumns() throws Exception {
        CliTest.Outcome t = CliTest.run("train", "configs/seed.yaml", "--out", dir.resolve("seed").toString(),
                "--epochs", "3");
        assertEquals(0, t.code(), t.err());
        fits(t.out());
        assertTrue(t.out().contains("bias | weights") && t.out().contains("train MSE"), t.out());
        CliTest.Outcome wide = CliTest.run("train", "configs/seed.yaml", "--out", dir.resolve("wide").toString(),
                "--epochs", "2", "--set", "data.n_features=12");
        assertEquals(0, wide.code(), wide.err());
        fits(wide.out());
        assertTrue(wide.out().contains(" …"), "the weights that do not fit are left out, and it says so");
        CliTest.Outcome s = CliTest.run("sweep", "configs/seed.yaml", "--out", dir.resolve("sweep").toString(),
                "--epochs", "2", "--batch-sizes", "1,32,full");
        assertEquals(0, s.code(), s.err());
        fits(s.out());
    }

    /** The summary's train MSE is the half-MSE loss doubled: the same convention as the test MSE beside it. */
    @Test
    void theTrainingLossBesideTheTestMseIsAnMse() throws Exception {
        Path out = dir.resolve("seed");
        CliTest.Outcome t = CliTest.run("train", "configs/seed.yaml", "--out", out.toString(), "--epochs", "3",
                "--trainer", "scratch");
        assertEquals(0, t.code(), t.err());
        double half = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("results.json")
                .toFile()).get("trainers").get("scratch").get("final_train_loss").asDouble();
        String row = t.out().lines().filter(l -> l.startsWith("scratch")).findFirst().orElseThrow();
        assertTrue(row.contains(String.format(java.util.Locale.ROOT, "%.6g", 2 * half)), row + " vs " + half);
    }

    /** With k targets the half-MSE loss Σe²/(2m) is Σ over the targets: the train MSE divides by k as the test's. */
    @Test
    void severalTargetsTrainMseIsPerTarget() throws Exception {
        Path out = dir.resolve("k3");
        CliTest.Outcome t = CliTest.run("train", "configs/seed.yaml", "--out", out.toString(), "--epochs", "2",
                "--trainer", "scratch", "--set", "data.n_targets=3", "--set", "data.n_features=2");
        assertEquals(0, t.code(), t.err());
        double half = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("results.json")
                .toFile()).get("trainers").get("scratch").get("final_train_loss").asDouble();
        String row = t.out().lines().filter(l -> l.startsWith("scratch")).findFirst().orElseThrow();
        assertTrue(row.contains(String.format(java.util.Locale.ROOT, "%.6g", 2 * half / 3)), row + " vs " + half);
    }

    @Test
    void verboseLinesAndTheCsvLogFollowKeras() throws Exception {
        Path log = dir.resolve("log.csv");
        CliTest.Outcome t = CliTest.run("train", "configs/seed.yaml", "--out", dir.resolve("v").toString(),
                "--epochs", "2", "--verbose", "--log-csv", log.toString(), "--set", "split.validation_size=0.2");
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("Epoch 2/2 (scratch)\n20/20 - 0s - loss: "), t.out());
        assertTrue(t.out().lines().anyMatch(l -> l.matches("20/20 - \\d+s - loss: [0-9.]+ - val_loss: [0-9.]+"
                + " - train_loss: [0-9.]+ - test_mse: [0-9.]+ - \\d+(s|ms|us)/epoch - \\d+(s|ms|us)/step")), t.out());
        List<String> rows = Files.readAllLines(log);
        assertEquals("trainer,epoch,loss,val_loss,train_loss,test_mse,epoch_seconds", rows.get(0));
        assertEquals(5, rows.size(), "a header and two epochs of each trainer");
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("v/results.json").toFile());
        var h = json.get("trainers").get("framework").get("history").get(1);
        String[] f = rows.get(2).split(",");
        assertEquals("framework", f[0]);
        assertEquals(h.get("batch_loss_mean").asDouble(), Double.parseDouble(f[2]), 0.0);
        assertEquals(h.get("val_loss").asDouble(), Double.parseDouble(f[3]), 0.0);
        assertEquals(h.get("test_mse").asDouble(), Double.parseDouble(f[5]), 0.0);

        // the log is never one of the run's inputs, and a refused run leaves an earlier log as it was
        Path yaml = Files.writeString(dir.resolve("c.yaml"), "name: c\ntraining:\n  epochs: 2\n");
        CliTest.Outcome self = CliTest.run("train", yaml.toString(), "--out", dir.resolve("c").toString(),
                "--log-csv", yaml.toString());
        assertEquals(ExitCodes.BAD_INPUT, self.code(), self.err());
        assertTrue(self.err().contains("which the run reads") && Files.readString(yaml).startsWith("name: c"));
        String before = Files.readString(log);
        CliTest.Outcome refused = CliTest.run("train", "configs/seed.yaml", "--out", dir.resolve("r").toString(),
                "--log-csv", log.toString(), "--set", "training.batch_size=5000");
        assertEquals(ExitCodes.BAD_INPUT, refused.code(), refused.err());
        assertEquals(before, Files.readString(log), "a refused run does not touch the log");
        Path sweepLog = dir.resolve("sweep.csv");
        CliTest.Outcome sweep = CliTest.run("sweep", "configs/seed.yaml", "--out", dir.resolve("s").toString(),
                "--epochs", "2", "--batch-sizes", "32,full", "--log-csv", sweepLog.toString(), "-q");
        assertEquals(0, sweep.code(), sweep.err());
        assertEquals(9, Files.readAllLines(sweepLog).size(), "a header and 2 epochs × 2 batch sizes × 2 trainers");
        assertTrue(Files.readAllLines(sweepLog).get(1).startsWith("1/2 b=32 framework,1,"));

        CliTest.Outcome folder = CliTest.run("train", "configs/seed.yaml", "--out", dir.resolve("f").toString(),
                "--log-csv", dir.toString());
        assertEquals(ExitCodes.BAD_INPUT, folder.code(), folder.err());
        assertTrue(folder.err().contains("is a folder; name a file"), folder.err());

        CliTest.Outcome inside = CliTest.run("train", "configs/seed.yaml", "--out", dir.resolve("w").toString(),
                "--log-csv", dir.resolve("w/log.csv").toString());
        assertEquals(ExitCodes.BAD_INPUT, inside.code(), inside.err());
        assertTrue(inside.err().contains("is inside the run folder"), inside.err());
    }
}
