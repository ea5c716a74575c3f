package dev.minibatch.report;

import dev.minibatch.results.ResultsFile;
import dev.minibatch.cli.Main;
import dev.minibatch.results.RunResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The loss plot of a run that stopped early marks its best epoch and the epoch it stopped after. */
class EarlyStoppingMarksTest {
    @TempDir
    Path dir;

    @Test
    void theBestAndTheStoppingEpochAreMarkedOnceWhenTheTrainersAgree() {
        Path out = dir.resolve("es");
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "train", "configs/seed.yaml",
                "--out", out.toString(), "-q", "--epochs", "200", "--set", "split.validation_size=0.2", "--set",
                "training.early_stopping.monitor=val_loss", "--set", "training.early_stopping.patience=5");
        assertEquals(0, code, err.toString());
        RunResults r = ResultsFile.read(out);
        RunResults.EarlyStop es = r.trainers().get("scratch").earlyStopping();
        List<Charts.Series> curves = List.of(Charts.Series.line("scratch", new double[] {1, 2}, new double[] {300, 190}));
        List<Charts.Series> marks = Plots.earlyStoppingMarks(r.trainers(), curves);
        assertEquals(2, marks.size(), "one pair: the trainers stopped alike");
        assertEquals("best epoch " + es.bestEpoch(), marks.get(0).name());
        assertArrayEquals(new double[] {es.bestEpoch(), es.bestEpoch()}, marks.get(0).x());
        assertArrayEquals(new double[] {190, 300}, marks.get(0).y(), "across the curves' range");
        assertEquals("stopped after epoch " + es.stoppedAfterEpoch(), marks.get(1).name());
    }
}
