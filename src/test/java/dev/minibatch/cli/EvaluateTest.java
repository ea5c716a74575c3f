package dev.minibatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minibatch.results.RegressionMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** evaluate's metrics against scikit-learn's (notebooks-export/evaluate_reference.py). */
class EvaluateTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static JsonNode reference() throws IOException {
        return JSON.readTree(Path.of("notebooks-export", "reference", "evaluate.json").toFile());
    }

    /** Relative 1e-12: numpy sums pairwise, Java in order, so the last bits of a mean may differ. */
    private static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, Math.abs(expected) * 1e-12, what);
    }

    @Test
    void perTargetAndUniformAverageAreScikitLearns() throws IOException {
        JsonNode t = reference().get("three_targets");
        double[][] y = JSON.convertValue(t.get("y_true"), double[][].class);
        double[][] p = JSON.convertValue(t.get("y_pred"), double[][].class);
        List<RegressionMetrics> per = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            double[] yc = new double[y.length];
            double[] pc = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                yc[i] = y[i][c];
                pc[i] = p[i][c];
            }
            RegressionMetrics m = RegressionMetrics.of(yc, pc);
            per.add(m);
            for (String k : List.of("mse", "rmse", "mae", "r2")) {
                close(t.get("per_target").get(k).get(c).asDouble(), value(m, k), k + " of target " + c);
            }
        }
        RegressionMetrics overall = RegressionMetrics.uniformAverage(per);
        for (String k : List.of("mse", "rmse", "mae", "r2")) {
            close(t.get("overall").get(k).asDouble(), value(overall, k), "overall " + k);
        }
    }

    @Test
    void theDiabetesRunEvaluatedOnItsCsvMatchesScikitLearnEndToEnd() throws IOException {
        Path out = dir.resolve("diabetes");
        CliTest.Outcome trained = CliTest.run("train", "configs/diabetes.yaml", "--out", out.toString(), "--quiet",
                "--trainer", "scratch");
        assertEquals(0, trained.code(), trained.err());
        Path json = dir.resolve("metrics.json");
        CliTest.Outcome o = CliTest.run("evaluate", "--model", out.toString(), "--input", "data/diabetes.csv",
                "--json", json.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("R²") && o.out().contains("442 rows"), o.out());
        JsonNode expected = reference().get("diabetes").get("metrics");
        JsonNode got = JSON.readTree(json.toFile());
        for (String k : List.of("mse", "rmse", "mae", "r2")) {
            // the JVM's θ equals NumPy's to ~1e-15 relative (DiabetesReferenceTest); the metrics follow it
            assertEquals(expected.get(k).asDouble(), got.get("overall").get(k).asDouble(),
                    Math.abs(expected.get(k).asDouble()) * 1e-10, k);
            assertEquals(got.get("overall").get(k).asDouble(), got.get("targets").get("target").get(k).asDouble());
        }
        assertEquals(442, got.get("rows").asInt());
        var schema = com.networknt.schema.JsonSchemaFactory.getInstance(com.networknt.schema.SpecVersion.VersionFlag
                .V202012).getSchema(JSON.readTree(Path.of("docs", "results.schema.json").toFile()));
        assertTrue(schema.validate(got).isEmpty(), "evaluate --json follows docs/results.schema.json");
    }

    /**
     * {@code --split test} evaluates the run on its own held-out rows, made again from its config: the numbers are
     * the run's own test metrics, to the bit (a regression's test MSE; a classifier's accuracy and log-loss, a
     * standardised CSV run and a validation split included).
     */
    @Test
    void theRunsOwnSplitIsEvaluatedToItsOwnTestMetrics() throws IOException {
        Path reg = dir.resolve("diabetes");
        assertEquals(0, CliTest.run("train", "configs/diabetes.yaml", "--out", reg.toString(), "--quiet",
                "--epochs", "5").code());
        Path regJson = dir.resolve("reg.json");
        CliTest.Outcome r = CliTest.run("evaluate", "--model", reg.toString(), "--split", "test", "--json",
                regJson.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("on its test split (89 rows)"), r.out());
        double mse = JSON.readTree(regJson.toFile()).path("overall").path("mse").asDouble();
        assertEquals(JSON.readTree(reg.resolve("results.json").toFile()).path("trainers").path("framework")
                .path("test_mse").asDouble(), mse, 0.0);

        Path cls = dir.resolve("moons");
        assertEquals(0, CliTest.run("train", "configs/moons.yaml", "--out", cls.toString(), "--quiet", "--epochs", "5",
                "--set", "split.validation_size=0.2").code());
        Path clsJson = dir.resolve("cls.json");
        CliTest.Outcome c = CliTest.run("evaluate", "--model", cls.toString(), "--split", "test", "--json",
                clsJson.toString());
        assertEquals(0, c.code(), c.err());
        JsonNode fw = JSON.readTree(cls.resolve("results.json").toFile()).path("trainers").path("framework");
        JsonNode got = JSON.readTree(clsJson.toFile());
        assertEquals(fw.path("test_accuracy").asDouble(), got.path("accuracy").asDouble(), 0.0);
        assertEquals(fw.path("test_loss").asDouble(), got.path("log_loss").asDouble(), 1e-12, "DL4J's clipped"
                + " cross-entropy against scikit-learn's log_loss");
        assertEquals(0, CliTest.run("evaluate", "--model", cls.toString(), "--split", "validation").code());

        CliTest.Outcome none = CliTest.run("evaluate", "--model", reg.toString());
        assertEquals(ExitCodes.BAD_INPUT, none.code());
        assertTrue(none.err().contains("--input CSV, or --split test"), none.err());
        CliTest.Outcome noVal = CliTest.run("evaluate", "--model", reg.toString(), "--split", "validation");
        assertEquals(ExitCodes.BAD_INPUT, noVal.code());
        assertTrue(noVal.err().contains("has no validation split"), noVal.err());
    }

    @Test
    void aFileWithoutTheTargetColumnIsRefused() throws IOException {
        Path out = dir.resolve("diabetes");
        assertEquals(0, CliTest.run("train", "configs/diabetes.yaml", "--out", out.toString(), "--quiet",
                "--epochs", "2").code());
        Path features = Files.writeString(dir.resolve("f.csv"), "age,sex,bmi,bp,s1,s2,s3,s4,s5,s6\n"
                + "59,2,32.1,101,157,93.2,38,4,4.8598,87\n");
        CliTest.Outcome o = CliTest.run("evaluate", "--model", out.toString(), "--input", features.toString());
        assertEquals(ExitCodes.BAD_INPUT, o.code());
        assertTrue(o.err().contains("no column 'target'"), o.err());
    }

    private static double value(RegressionMetrics m, String key) {
        return switch (key) {
            case "mse" -> m.mse();
            case "rmse" -> m.rmse();
            case "mae" -> m.mae();
            default -> m.r2();
        };
    }

    /** scikit-learn's R² of one row is undefined (NaN, with a warning): so is evaluate's, said as such. */
    @Test
    void theRSquaredOfOneRowIsUndefined() throws IOException {
        RegressionMetrics m = RegressionMetrics.of(new double[] {1.0}, new double[] {2.0});
        assertTrue(Double.isNaN(m.r2()));
        assertEquals(1.0, m.mse());
        Path out = dir.resolve("d1");
        assertEquals(0, CliTest.run("train", "configs/diabetes.yaml", "--out", out.toString(), "--quiet", "--trainer",
                "scratch", "--epochs", "2").code());
        List<String> lines = Files.readAllLines(Path.of("data", "diabetes.csv"));
        Path one = Files.write(dir.resolve("one.csv"), List.of(lines.get(0), lines.get(1)));
        CliTest.Outcome o = CliTest.run("evaluate", "--model", out.toString(), "--input", one.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("undefined"), o.out());
    }
}
