package dev.minibatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minibatch.model.SavedModels;
import dev.minibatch.report.RunReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What train leaves in its folder: the report files, the saved models, and predict and compare built on them. */
class ReportAndModelTest {
    @TempDir
    static Path dir;
    static Path run;
    static JsonNode results;

    @BeforeAll
    static void train() throws IOException {
        run = dir.resolve("seed");
        CliTest.Outcome o = CliTest.run("train", "configs/seed.yaml", "--out", run.toString(), "--epochs", "100", "-q");
        assertEquals(0, o.code(), o.err());
        results = new ObjectMapper().readTree(run.resolve("results.json").toFile());
    }

    @Test
    void everyOutputFileIsThere() {
        for (String f : List.of("results.json", "report.md", "report.html", "loss.png", "fit.png", "train_test.png",
                SavedModels.FRAMEWORK_FILE, SavedModels.SCRATCH_WEIGHTS, SavedModels.SCRATCH_BIAS)) {
            assertTrue(Files.isRegularFile(run.resolve(f)), f);
        }
        // an exact-zero agreement is stated in words instead of an empty log plot
        assertFalse(Files.exists(run.resolve("param_diff.png")));
    }

    @Test
    void theMarkdownHoldsTheNumbersOfResultsJson() throws IOException {
        String md = Files.readString(run.resolve("report.md"));
        for (String trainer : List.of("framework", "scratch")) {
            JsonNode t = results.get("trainers").get(trainer);
            assertTrue(md.contains(RunReport.num(t.get("test_mse").asDouble())), "test MSE of " + trainer);
            assertTrue(md.contains(RunReport.num(t.get("bias").get(0).asDouble())), "bias of " + trainer);
            assertTrue(md.contains(RunReport.num(t.get("weights").get(0).get(0).asDouble())), "weight of " + trainer);
            assertTrue(md.contains(t.get("engine").asText()), "engine of " + trainer);
        }
        assertTrue(md.contains(RunReport.num(results.get("optimum").get("train_loss").asDouble())));
        assertTrue(md.contains("exactly 0 after every one of the 100 epochs"), md);
        assertTrue(md.contains("![training loss per epoch](loss.png)"));
    }

    @Test
    void theSeedRunMatchesItsNumpyReference() {
        JsonNode ref = results.get("reference");
        assertEquals("seed.json", ref.get("file").asText());
        assertTrue(ref.get("exact").asBoolean());
        assertTrue(ref.get("agree").asBoolean(), ref.toString());
        assertTrue(ref.get("comparison").get("framework").get("max_rel_param_diff").asDouble() < 1e-12);
    }

    @Test
    void theKerasRunIsComparedWithThePytorchReferenceAsABand() throws IOException {
        Path k = dir.resolve("keras");
        assertEquals(0, CliTest.run("train", "configs/keras.yaml", "--out", k.toString(), "-q").code());
        JsonNode ref = new ObjectMapper().readTree(k.resolve("results.json").toFile()).get("reference");
        assertEquals("keras.json", ref.get("file").asText());
        assertEquals("pytorch", ref.get("kind").asText());
        assertFalse(ref.get("exact").asBoolean());
        assertTrue(ref.get("agree").asBoolean(), ref.get("verdict").asText());
        assertTrue(ref.get("verdict").asText().contains("band"));
        String md = Files.readString(k.resolve("report.md"));
        assertTrue(md.contains("shuffle orders differ"));
        // the band judges the final losses only: the judged columns come first, the parameters are "not judged"
        assertTrue(md.contains("| trainer | rel Δ final training loss | rel Δ test MSE | within the band |"
                + " max rel Δθ (not judged) |"), md);
        assertFalse(md.contains("| agrees |"), "no 'agrees' column beside numbers the band does not judge");
    }

    @Test
    void theHtmlIsWellFormedAndCarriesItsImagesInside() throws Exception {
        String html = Files.readString(run.resolve("report.html"));
        assertFalse(html.contains("http://") || html.contains("https://"), "no network references");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(
                html.replace("<!DOCTYPE html>", "").getBytes(StandardCharsets.UTF_8)));
        NodeList imgs = doc.getElementsByTagName("img");
        assertEquals(3, imgs.getLength());
        for (int i = 0; i < imgs.getLength(); i++) {
            String src = ((Element) imgs.item(i)).getAttribute("src");
            assertTrue(src.startsWith("data:image/png;base64,"), src.substring(0, 30));
            byte[] png = Base64.getDecoder().decode(src.substring("data:image/png;base64,".length()));
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));
        }
        assertTrue(doc.getElementsByTagName("table").getLength() >= 4);
    }

    @Test
    void savedModelsPredictExactlyWhatTheTrainedParametersDo() throws IOException {
        INDArray x = Nd4j.createFromArray(new double[][] {{-1.5}, {0.0}, {0.25}, {2.0}});
        double w = results.get("trainers").get("framework").get("weights").get(0).get(0).asDouble();
        double b = results.get("trainers").get("framework").get("bias").get(0).asDouble();
        INDArray expected = x.mul(w).addi(b);
        INDArray framework = SavedModels.loadFramework(run, 1, 1, List.of()).output(x);
        INDArray scratch = SavedModels.predictScratch(SavedModels.loadScratch(run, 1, 1, List.of()), List.of(),
                dev.minibatch.config.Activation.IDENTITY, x);
        assertArrayEquals(expected.toDoubleVector(), framework.castTo(DataType.DOUBLE).toDoubleVector(), 0.0);
        assertArrayEquals(expected.toDoubleVector(), scratch.toDoubleVector(), 0.0);

        Path csv = dir.resolve("in.csv");
        Files.writeString(csv, "x0\n-1.5\n0\n0.25\n2\n");
        for (String trainer : List.of("framework", "scratch")) {
            Path out = dir.resolve("pred-" + trainer + ".csv");
            CliTest.Outcome o = CliTest.run("predict", "--model", run.toString(), "--trainer", trainer, "--input",
                    csv.toString(), "--output", out.toString());
            assertEquals(0, o.code(), o.err());
            List<String> lines = Files.readAllLines(out);
            assertEquals("y0", lines.get(0), "named after the target");
            for (int i = 0; i < 4; i++) {
                assertEquals(expected.getDouble(i), Double.parseDouble(lines.get(i + 1)), 0.0, trainer + " row " + i);
            }
        }
    }

    @Test
    void aCsvRunWritesItsStandardisationAndPredictAppliesIt() throws IOException {
        Path d = dir.resolve("diabetes");
        assertEquals(0, CliTest.run("train", "configs/diabetes.yaml", "--out", d.toString(), "--epochs", "3",
                "--trainer", "scratch", "-q").code());
        JsonNode r = new ObjectMapper().readTree(d.resolve("results.json").toFile());
        JsonNode pre = r.get("preprocess");
        assertTrue(pre.get("standardize").asBoolean());
        assertEquals(10, pre.get("mean").size());
        assertEquals("target", r.get("data").get("target_names").get(0).asText());
        // only the settings that applied: a CSV's, not make_regression's
        assertTrue(!r.get("config").get("data").has("n_samples") && !r.get("config").get("data").has("noise")
                && !r.get("config").get("data").has("random_state"), r.get("config").toString());
        String md = Files.readString(d.resolve("report.md"));
        assertTrue(!md.contains("data seed") && !md.contains("n_samples"), md);
        // the first patient of data/diabetes.csv, raw values
        double[] raw = {59.0, 2.0, 32.1, 101.0, 157.0, 93.2, 38.0, 4.0, 4.8598, 87.0};
        double expected = r.get("trainers").get("scratch").get("bias").get(0).asDouble();
        for (int j = 0; j < raw.length; j++) {
            double z = (raw[j] - pre.get("mean").get(j).asDouble()) / pre.get("scale").get(j).asDouble();
            expected += z * r.get("trainers").get("scratch").get("weights").get(j).get(0).asDouble();
        }
        Path csv = dir.resolve("patient.csv");
        Files.writeString(csv, "age,sex,bmi,bp,s1,s2,s3,s4,s5,s6\n59.0,2.0,32.1,101.0,157.0,93.2,38.0,4.0,4.8598,87.0\n");
        CliTest.Outcome o = CliTest.run("predict", "--model", d.toString(), "--input", csv.toString());
        assertEquals(0, o.code(), o.err());
        assertEquals(expected, Double.parseDouble(o.out().lines().skip(1).findFirst().orElseThrow()), 1e-9);
    }

    @Test
    void aBadCsvStopsTrainWithExitTwoAndNothingWritten() throws IOException {
        Path csv = dir.resolve("broken.csv");
        Files.writeString(csv, "a,y\n1,2\n3,oops\n4,5\n");
        Path cfg = dir.resolve("broken.yaml");
        Files.writeString(cfg, "data:\n  source: csv\n  path: broken.csv\n");
        Path out = dir.resolve("broken-out");
        CliTest.Outcome o = CliTest.run("train", cfg.toString(), "--out", out.toString());
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("broken.csv: line 3, column 'y' (2): 'oops' is not a number"), o.err());
        assertEquals("", o.out(), "the refusal is the only thing said: no header line before it");
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertFalse(Files.exists(out));
    }

    /** A target named with a comma or a quote is CSV-quoted in predict's header, as class names are. */
    @Test
    void predictQuotesATargetNameWithACommaOrAQuote() throws IOException {
        StringBuilder rows = new StringBuilder("x0,\"price, \"\"usd\"\"\"\n");
        for (int i = 0; i < 20; i++) {
            rows.append(i).append(',').append(2 * i + 1).append('\n');
        }
        Path csv = Files.writeString(dir.resolve("prices.csv"), rows);
        Path cfg = Files.writeString(dir.resolve("prices.yaml"), "data:\n  source: csv\n  path: prices.csv\n"
                + "  targets: ['price, \"usd\"']\ntraining:\n  epochs: 2\n  batch_size: 5\n");
        Path out = dir.resolve("prices");
        assertEquals(0, CliTest.run("train", cfg.toString(), "--out", out.toString(), "-q").code());
        CliTest.Outcome o = CliTest.run("predict", "--model", out.toString(), "--input",
                Files.writeString(dir.resolve("x.csv"), "1.0\n").toString());
        assertEquals(0, o.code(), o.err());
        assertEquals("\"price, \"\"usd\"\"\"", o.out().lines().findFirst().orElseThrow(), o.out());
        assertEquals(2, o.out().lines().count(), o.out());
    }

    @Test
    void predictNamesTheLineOfABadRow() throws IOException {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "x0\n1.0\n2.0,3.0\n");
        CliTest.Outcome o = CliTest.run("predict", "--model", run.toString(), "--input", csv.toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("bad.csv: line 3: expected 1 cells (as the header has), found 2"), o.err());
        Files.writeString(csv, "1.0\nabc\n");
        o = CliTest.run("predict", "--model", run.toString(), "--input", csv.toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("bad.csv: line 2, column 1: 'abc' is not a number"), o.err());
        o = CliTest.run("predict", "--model", dir.resolve("nowhere").toString(), "--input", csv.toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("not a run folder"), o.err());
    }

    /**
     * A half-MSE run and an MSE run of the same fit are compared in one convention (their curves then coincide
     * up to the shuffle), and every setting in which they differ has its row.
     */
    @Test
    void compareShowsLossesInOneConventionAndEverySettingThatDiffers() throws IOException {
        Path mse = dir.resolve("seed-mse");
        assertEquals(0, CliTest.run("train", "configs/seed.yaml", "--out", mse.toString(), "--set",
                "training.loss=mse", "--set", "training.learning_rate=0.005", "--set", "training.agreement_tolerance=1e-9",
                "-q")
                .code());
        Path cmp = dir.resolve("cmp-mse");
        CliTest.Outcome o = CliTest.run("compare", run.toString(), mse.toString(), "--out", cmp.toString());
        assertEquals(0, o.code(), o.err());
        String md = Files.readString(cmp.resolve("compare.md"));
        assertTrue(md.contains("| final training loss (MSE) |") && md.contains("half-MSE runs' losses"), md);
        for (String key : new String[] {"training.loss", "training.learning_rate", "training.agreement_tolerance"}) {
            assertTrue(md.contains("| config: " + key + " |"), key + ": " + md);
        }
        assertTrue(!md.contains("| config: training.epochs |"), "only what differs");
        // the terminal names every differing setting too, as the page does
        String said = o.unwrapped();
        assertTrue(said.contains("settings that differ: training.loss (half_mse | mse), training.learning_rate"
                + " (0.01 | 0.005)") && said.contains("training.agreement_tolerance"), said);
        JsonNode c = new ObjectMapper().readTree(cmp.resolve("compare.json").toFile());
        // the MSE run at half the rate takes the half-MSE run's steps (its gradient is twice as large): in one
        // convention their losses are equal to rounding, where in their own they are a factor of 2 apart
        double rel = c.get("differences_vs_first").get(2).get("max_rel_epoch_loss_diff").asDouble();
        assertTrue(rel < 1e-9, "compared as MSE, not a convention apart: " + rel);
    }

    @Test
    void compareReportsTheLargestDifferenceAndRefusesOtherData() throws IOException {
        Path f = dir.resolve("seed-float");
        assertEquals(0, CliTest.run("train", "configs/seed.yaml", "--out", f.toString(), "--dtype", "float",
                "--epochs", "100", "-q").code());
        Path cmp = dir.resolve("cmp");
        CliTest.Outcome o = CliTest.run("compare", run.toString(), f.toString(), "--out", cmp.toString());
        assertEquals(0, o.code(), o.err());
        JsonNode c = new ObjectMapper().readTree(cmp.resolve("compare.json").toFile());
        double d = c.get("differences_vs_first").get(1).get("max_abs_param_diff").asDouble();
        assertTrue(d > 0 && d < 1e-4, "float vs double: " + d);
        assertTrue(Files.isRegularFile(cmp.resolve("compare.html")));

        Path other = dir.resolve("noisier");
        assertEquals(0, CliTest.run("train", "configs/seed.yaml", "--out", other.toString(), "--set",
                "data.noise=5", "--epochs", "2", "-q").code());
        o = CliTest.run("compare", run.toString(), other.toString(), "--out", dir.resolve("cmp2").toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("trained on different data (data.noise: 20.0 vs 5.0)"), o.err());
        assertFalse(Files.exists(dir.resolve("cmp2")));
    }
}
