package dev.minibatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A classifier from the command line: DL4J's iris example trained on the bundled CSV of species names, evaluated and
 * used to predict; and the bad inputs a classifier can get, each refused with exit 2 and one line naming the file or
 * key, before anything is trained or written.
 */
class ClassifierCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void irisTrainsEvaluatesAndPredictsWithItsSpeciesNames() throws IOException {
        Path run = dir.resolve("iris");
        CliTest.Outcome t = CliTest.run("train", "configs/iris.yaml", "--out", run.toString(), "--epochs", "200");
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("test acc") && t.out().contains("trainers agree"), t.out());
        JsonNode results = JSON.readTree(run.resolve("results.json").toFile());
        assertEquals(List.of("setosa", "versicolor", "virginica"), JSON.convertValue(results.at("/data/classes"),
                List.class));
        assertTrue(results.at("/trainers/scratch/test_accuracy").asDouble() > 0.8, results.at("/trainers/scratch")
                .toString().substring(0, 200));

        Path metrics = dir.resolve("m.json");
        CliTest.Outcome e = CliTest.run("evaluate", "--model", run.toString(), "--input", "data/iris.csv", "--json",
                metrics.toString());
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("confusion matrix") && e.out().contains("virginica"), e.out());
        JsonNode m = JSON.readTree(metrics.toFile());
        for (String key : List.of("accuracy", "log_loss", "precision", "recall", "f1", "confusion_matrix", "classes")) {
            assertTrue(m.has(key), key + " in " + m);
        }
        assertFalse(m.has("roc_auc"), "three classes: no ROC AUC");
        assertEquals(150, m.get("rows").asInt());
        assertTrue(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(JSON.readTree(
                Path.of("docs", "results.schema.json").toFile())).validate(m).isEmpty(), "the schema");

        CliTest.Outcome labelled = CliTest.run("predict", "--model", run.toString(), "--input", "data/iris.csv");
        assertEquals(2, labelled.code(), labelled.err());
        assertTrue(labelled.err().contains("column 'species' is the model's label; predict takes the features only"),
                labelled.err());

        Path rows = Files.writeString(dir.resolve("new.csv"), "petal_length,petal_width,sepal_length,sepal_width\n"
                + "1.4,0.2,5.1,3.5\n6.0,2.5,6.3,3.3\n");
        CliTest.Outcome p = CliTest.run("predict", "--model", run.toString(), "--input", rows.toString());
        assertEquals(0, p.code(), p.err());
        String[] lines = p.out().strip().split("\n");
        assertEquals("species,p_setosa,p_versicolor,p_virginica", lines[0]);
        assertTrue(lines[1].startsWith("setosa,") && lines[2].startsWith("virginica,"), p.out());
        double sum = 0;
        for (String v : lines[1].split(",", 2)[1].split(",")) {
            sum += Double.parseDouble(v);
        }
        assertEquals(1.0, sum, 1e-12, "a softmax row sums to 1");
    }

    /**
     * The committed classification configs against their NumPy loops (classification_reference.py): logistic and
     * softmax regression, the moons network and DL4J's iris example, parameters and every epoch's loss to 1e-10
     * relative, and the same initial layers bit for bit.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"logistic", "softmax", "moons", "iris"})
    void theClassificationConfigsMatchTheirNumPyLoops(String name) throws IOException {
        Path out = dir.resolve(name);
        CliTest.Outcome o = CliTest.run("train", "configs/" + name + ".yaml", "--trainer", "scratch", "--out",
                out.toString(), "--quiet");
        assertEquals(0, o.code(), o.err());
        JsonNode r = JSON.readTree(out.resolve("results.json").toFile());
        JsonNode ref = r.get("reference");
        assertEquals(name + ".json", ref.get("file").asText(), r.path("reference_absent").asText());
        JsonNode c = ref.get("comparison").get("scratch");
        assertTrue(c.get("max_rel_param_diff").asDouble() <= 1e-10, c.toString());
        assertTrue(c.get("max_rel_epoch_loss_diff").asDouble() <= 1e-10, c.toString());
        assertEquals(ref.get("initial_layers"), r.get("trainers").get("scratch").get("initial_layers"));
        String md = Files.readString(out.resolve("report.md"));
        boolean oneLayer = name.equals("logistic") || name.equals("softmax");
        assertEquals(oneLayer, md.contains("| final weights |"), "θ itself for logistic and softmax regression");
        assertEquals(!oneLayer, md.contains("| final ‖(W, b)‖ per layer |"), "layer norms for a network");
    }

    /**
     * Early stopping on the validation accuracy (Keras' mode max), and a sweep of a classifier: its table measures
     * convergence against the unpenalised logistic regression and reports test accuracies.
     */
    @Test
    void earlyStoppingOnValAccuracyAndASweepOfLogisticRegression() throws IOException {
        Path run = dir.resolve("es");
        CliTest.Outcome o = CliTest.run("train", "configs/moons.yaml", "--out", run.toString(), "--quiet", "--set",
                "split.validation_size=0.2", "--set", "training.early_stopping.monitor=val_accuracy", "--set",
                "training.early_stopping.patience=3", "--set", "training.early_stopping.restore_best=true");
        assertEquals(0, o.code(), o.err());
        JsonNode t = JSON.readTree(run.resolve("results.json").toFile()).at("/trainers/scratch");
        JsonNode es = t.get("early_stopping");
        assertEquals("val_accuracy", es.get("monitor").asText());
        int stopped = es.get("stopped_after_epoch").asInt();
        int best = es.get("best_epoch").asInt();
        assertTrue(stopped > 0 && stopped < 200, es.toString());
        double max = 0;
        for (int e = 0; e < stopped; e++) {
            max = Math.max(max, t.get("history").get(e).get("val_accuracy").asDouble());
        }
        assertEquals(max, es.get("best_loss").asDouble(), 0.0, "the best epoch holds the highest val_accuracy");
        assertEquals(max, t.get("history").get(best - 1).get("val_accuracy").asDouble(), 0.0);
        assertEquals(t.get("history").get(best - 1).get("test_accuracy").asDouble(), t.get("test_accuracy")
                .asDouble(), 0.0, "restore_best ends with the best epoch's model");

        Path sweep = dir.resolve("sweep");
        CliTest.Outcome s = CliTest.run("sweep", "configs/logistic.yaml", "--batch-sizes", "32,full", "--out",
                sweep.toString());
        assertEquals(0, s.code(), s.err());
        assertTrue(s.out().contains("test acc"), s.out());
        JsonNode sw = JSON.readTree(sweep.resolve("sweep.json").toFile());
        double optimum = sw.get("optimum_train_loss").asDouble();
        assertEquals(0.30749, optimum, 1e-5, "the unpenalised logistic regression's training loss");
        JsonNode row = sw.get("rows").get(1);
        assertTrue(row.get("epochs_to_1pct_of_optimum").asInt() > 0, row.toString().substring(0, 300));
        assertTrue(row.get("final_test_accuracy").asDouble() > 0.8);
    }

    @Test
    void moonsPredictBothClassesProbabilities() throws IOException {
        Path run = dir.resolve("moons");
        assertEquals(0, CliTest.run("train", "configs/moons.yaml", "--out", run.toString(), "--epochs", "5",
                "--quiet").code());
        Path rows = Files.writeString(dir.resolve("pts.csv"), "x0,x1\n0,1\n1,-0.5\n");
        CliTest.Outcome p = CliTest.run("predict", "--model", run.toString(), "--input", rows.toString());
        assertEquals(0, p.code(), p.err());
        String[] lines = p.out().strip().split("\n");
        assertEquals("y,p_0,p_1", lines[0]);
        String[] cells = lines[1].split(",");
        assertEquals(1.0, Double.parseDouble(cells[1]) + Double.parseDouble(cells[2]), 1e-15);
    }

    private Path csv(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private Path config(String data, String extra) throws IOException {
        return csv("c" + data.hashCode() + extra.hashCode() + ".yaml", "name: c\ndata:\n  source: csv\n  path: " + data + "\n" + extra
                + "training:\n  loss: categorical_crossentropy\n  epochs: 2\n  batch_size: 2\n");
    }

    @Test
    void badClassInputIsRefusedWithOneLine() throws IOException {
        Path oneClass = csv("one.csv", "a,label\n1,x\n2,x\n3,x\n4,x\n5,x\n");
        Path numbers = csv("num.csv", "a,label\n1,0\n2,1\n3,0\n4,1\n5,0\n6,1\n");
        Path onlyInTest = csv("rare.csv", "a,label\n1,x\n2,z\n3,x\n4,y\n5,x\n6,y\n7,x\n8,y\n");   // row 1 is a test row
        Path empty = csv("empty.csv", "a,label\n1,x\n2,\n");
        Path nan = csv("nan.csv", "a,label\n1,x\n2,NaN\n3,y\n4,x\n");
        Path three = csv("three.csv", "a,label\n1,x\n2,y\n3,z\n4,x\n5,y\n6,z\n7,x\n8,y\n");
        String[][] cases = {
            {config(oneClass.toString(), "").toString(), "has one class ('x')"},
            {config(numbers.toString(), "").toString(), "holds numbers; if they are class labels say so with"
                    + " data.classes: auto"},
            {config(numbers.toString(), "  classes: [0, 2]\n").toString(), "label '1' is not one of data.classes"},
            {config(onlyInTest.toString(), "").toString(), "class 'z' is in the test or validation rows"},
            {config(empty.toString(), "").toString(), "the class label is empty"},
            {config(nan.toString(), "").toString(), "the class label is 'NaN', a missing value"},
            {config(three.toString(), "  classes: [x, y, z, w]\n").toString(), "class 'w' of data.classes has no row"},
        };
        for (String[] c : cases) {
            Path out = dir.resolve("out");
            CliTest.Outcome o = CliTest.run("train", c[0], "--out", out.toString());
            assertEquals(2, o.code(), c[1] + ": " + o.err());
            assertTrue(o.err().contains(c[1]), "expected '" + c[1] + "' in: " + o.err());
            assertEquals(1, o.err().strip().lines().count(), o.err());
            assertFalse(Files.exists(out), "nothing written");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "training.loss=mse|data.source make_moons gives class labels",
        "model.output_activation=tanh|is defined on sigmoid outputs, got tanh",
        "data.source=make_regression|needs class labels",
        "model.hidden_layers=[{units: 4, activation: softmax}]|softmax",
        "data.classes=auto|data.classes is for a csv's label column",
        "data.centers=4|it applies to make_blobs",
        "data.n_classes=5|it applies to make_classification",
    })
    void settingsThatDoNotFitAClassifierAreRefused(String set, String message) {
        CliTest.Outcome o = CliTest.run("train", "configs/moons.yaml", "--set", set, "--out",
                dir.resolve("x").toString());
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains(message), o.err());
    }

    /**
     * A classifier's CSV through the disk cache (data larger than the heap): the labels streamed, the classes and
     * the stratified split decided as in memory — every layer and every epoch's loss and accuracy the same bits.
     */
    @Test
    void aClassifiersCsvTrainsFromTheDiskCacheToTheSameBits() throws IOException {
        Path mem = dir.resolve("mem");
        Path disk = dir.resolve("disk");
        assertEquals(0, CliTest.run("train", "configs/iris.yaml", "--out", mem.toString(), "--epochs", "30",
                "--quiet", "--set", "data.cache=never").code());
        CliTest.Outcome o = CliTest.run("train", "configs/iris.yaml", "--out", disk.toString(), "--epochs", "30",
                "--quiet", "--set", "data.cache=always", "--set", "data.cache_dir=" + dir.resolve("cache"));
        assertEquals(0, o.code(), o.err());
        JsonNode a = JSON.readTree(mem.resolve("results.json").toFile());
        JsonNode b = JSON.readTree(disk.resolve("results.json").toFile());
        assertTrue(b.at("/data/cache").asText().contains("cache"), "read from the disk cache");
        assertEquals(a.at("/data/classes"), b.at("/data/classes"));
        for (String t : List.of("framework", "scratch")) {
            assertEquals(a.at("/trainers/" + t + "/layers"), b.at("/trainers/" + t + "/layers"), t);
            for (int e = 0; e < 30; e++) {
                for (String k : List.of("train_loss", "test_loss", "train_accuracy", "test_accuracy")) {
                    assertEquals(a.at("/trainers/" + t + "/history/" + e + "/" + k),
                            b.at("/trainers/" + t + "/history/" + e + "/" + k), t + " epoch " + (e + 1) + " " + k);
                }
            }
        }
    }

    /**
     * Several independent labels: a CSV of two 0/1 columns and the binary cross-entropy trains one sigmoid per label,
     * both trainers bit for bit; evaluate gives each label's metrics, predict each label's probability, and a label
     * that is not 0 or 1 is refused naming the row and column.
     */
    @Test
    void severalIndependentLabelsTrainEvaluateAndPredict() throws IOException {
        java.util.Random rnd = new java.util.Random(3);
        StringBuilder sb = new StringBuilder("x0,x1,a,b\n");
        for (int i = 0; i < 200; i++) {
            double x0 = rnd.nextGaussian();
            double x1 = rnd.nextGaussian();
            sb.append(x0).append(',').append(x1).append(',').append(x0 + 0.3 * rnd.nextGaussian() > 0 ? 1 : 0)
                    .append(',').append(x0 + x1 > 0 ? 1 : 0).append('\n');
        }
        Path data = csv("labels.csv", sb.toString());
        Path cfg = csv("labels.yaml", "name: l\ndata:\n  source: csv\n  path: " + data + "\n  targets: [a, b]\n"
                + "training:\n  loss: binary_crossentropy\n  learning_rate: 0.5\n  epochs: 10\n  batch_size: 16\n");
        Path run = dir.resolve("labels");
        CliTest.Outcome t = CliTest.run("train", cfg.toString(), "--out", run.toString());
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("trainers agree: max |Δθ| = 0"), t.out());
        JsonNode r = JSON.readTree(run.resolve("results.json").toFile());
        assertTrue(r.at("/trainers/scratch/test_accuracy").asDouble() > 0.8, r.at("/trainers/scratch").toString()
                .substring(0, 200));
        assertTrue(Files.exists(run.resolve("accuracy.png")));

        Path json = dir.resolve("labels.json");
        CliTest.Outcome e = CliTest.run("evaluate", "--model", run.toString(), "--input", data.toString(), "--json",
                json.toString());
        assertEquals(0, e.code(), e.err());
        JsonNode m = JSON.readTree(json.toFile());
        assertTrue(m.at("/labels/a/accuracy").asDouble() > 0.8 && m.at("/labels/b/roc_auc").asDouble() > 0.9,
                m.toString().substring(0, 300));
        assertTrue(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(JSON.readTree(
                Path.of("docs", "results.schema.json").toFile())).validate(m).isEmpty(), "the schema");
        Path rows = csv("rows.csv", "x0,x1\n2,2\n-2,-2\n");
        CliTest.Outcome p = CliTest.run("predict", "--model", run.toString(), "--input", rows.toString());
        assertEquals(0, p.code(), p.err());
        assertTrue(p.out().startsWith("a,b\n"), p.out());

        Path half = csv("half.csv", "x0,x1,a,b\n1,2,0.5,1\n2,1,0,1\n3,1,1,0\n4,4,0,0\n5,5,1,1\n");
        Path bad = csv("half.yaml", "name: h\ndata:\n  source: csv\n  path: " + half + "\n  targets: [a, b]\n"
                + "training:\n  loss: binary_crossentropy\n  epochs: 2\n  batch_size: 2\n");
        CliTest.Outcome o = CliTest.run("train", bad.toString(), "--out", dir.resolve("h").toString());
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("data row 1, column 'a': binary_crossentropy's labels are 0 or 1, got 0.5"),
                o.err());
    }

    /** A cache build refused by bad data leaves no half-built cache and no temporary file behind. */
    @Test
    void aRefusedCacheBuildLeavesNothing() throws IOException {
        Path nan = csv("nanlabel.csv", "a,label\n1,x\n2,y\n3,NaN\n4,x\n");
        Path cache = dir.resolve("cache");
        Path cfg = csv("nan.yaml", "name: n\ndata:\n  source: csv\n  path: " + nan + "\n  cache: always\n"
                + "  cache_dir: " + cache + "\ntraining:\n  loss: categorical_crossentropy\n  epochs: 2\n"
                + "  batch_size: 1\n");
        CliTest.Outcome o = CliTest.run("train", cfg.toString(), "--out", dir.resolve("n").toString());
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("the class label is 'NaN', a missing value"), o.err());
        try (var files = Files.walk(cache)) {
            List<Path> left = files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString()
                    .equals(".lock")).toList();
            assertEquals(List.of(), left, "nothing but the lock file");
        }
    }

    /** Three classes with the binary cross-entropy: refused, naming the loss that fits (its accuracy would differ). */
    @Test
    void theBinaryCrossEntropyTakesTwoClasses() {
        CliTest.Outcome o = CliTest.run("train", "configs/softmax.yaml", "--set", "training.loss=binary_crossentropy",
                "--out", dir.resolve("x").toString());
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("binary_crossentropy takes two classes, and make_blobs has 3; use"
                + " categorical_crossentropy"), o.err());
    }

    /** Class names with a comma or a quote are CSV-quoted in predict's header and rows. */
    @Test
    void predictQuotesClassNames() {
        assertEquals("\"dog, wild\"", PredictCommand.cell("dog, wild"));
        assertEquals("\"say \"\"hi\"\"\"", PredictCommand.cell("say \"hi\""));
        assertEquals("cat", PredictCommand.cell("cat"));
    }

    @Test
    void aRegressionCannotBeStratified() {
        CliTest.Outcome o = CliTest.run("train", "configs/seed.yaml", "--set", "split.stratify=true", "--out",
                dir.resolve("x").toString());
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("split.stratify: not used by training.loss half_mse"), o.err());
    }
}
