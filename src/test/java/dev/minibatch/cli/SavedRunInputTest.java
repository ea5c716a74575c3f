package dev.minibatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** predict and compare on damaged or foreign run folders: exit 2 and one line, never an internal error. */
class SavedRunInputTest {
    @TempDir
    static Path dir;
    static Path run;
    static Path input;
    /** A run of one feature and one target, where ND4J reads a NaN 1 × 1 weight as 1e-5. */
    static Path one;

    @BeforeAll
    static void train() throws IOException {
        Path config = Files.writeString(dir.resolve("seed.yaml"), """
                name: seed
                data:
                  n_samples: 100
                  n_features: 2
                training:
                  epochs: 2
                  batch_size: 10
                """);
        run = dir.resolve("runs/seed");
        CliTest.Outcome o = CliTest.run("train", config.toString(), "--out", run.toString(), "--quiet");
        assertEquals(0, o.code(), o.err());
        input = Files.writeString(dir.resolve("in.csv"), "1.0,2.0\n3.0,4.0\n");
        one = dir.resolve("runs/one");
        o = CliTest.run("train", Files.writeString(dir.resolve("one.yaml"), "name: one\ndata:\n  n_samples: 100\n"
                + "  n_features: 1\ntraining:\n  epochs: 2\n  batch_size: 10\n").toString(), "--out", one.toString(),
                "--quiet");
        assertEquals(0, o.code(), o.err());
    }

    private static Path copy(String name) throws IOException {
        return copy(run, name);
    }

    private static Path copy(Path run, String name) throws IOException {
        Path c = dir.resolve(name);
        Files.createDirectories(c);
        try (Stream<Path> files = Files.list(run)) {
            for (Path f : files.toList()) {
                Files.copy(f, c.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return c;
    }

    private static void assertOneLine(CliTest.Outcome o, String expected) {
        assertEquals(ExitCodes.BAD_INPUT, o.code(), o.err());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertTrue(o.err().contains(expected), "expected '" + expected + "' in: " + o.err());
    }

    private static CliTest.Outcome predict(Path model, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("predict", "--model", model.toString(), "--input",
                input.toString()));
        args.addAll(List.of(more));
        return CliTest.run(args.toArray(String[]::new));
    }

    @Test
    void predictRefusesATruncatedOrForeignModelZip() throws IOException {
        Path truncated = copy("truncated");
        byte[] zip = Files.readAllBytes(run.resolve("framework-model.zip"));
        Files.write(truncated.resolve("framework-model.zip"), java.util.Arrays.copyOf(zip, zip.length / 2));
        assertOneLine(predict(truncated), "framework-model.zip: not a readable DL4J model (not a zip archive, or a"
                + " truncated one)");

        Path foreign = copy("foreign");
        try (OutputStream os = Files.newOutputStream(foreign.resolve("framework-model.zip"));
             ZipOutputStream z = new ZipOutputStream(os)) {
            z.putNextEntry(new ZipEntry("readme.txt"));
            z.write("not a model".getBytes());
        }
        assertOneLine(predict(foreign), "framework-model.zip: not a readable DL4J model (the zip has no"
                + " configuration.json entry)");
    }

    /** Each way the zip's entries can be damaged is said in the file's terms, never in DL4J's ("Model wasnt found"). */
    @Test
    void aDamagedModelZipIsDescribedInTheFilesTerms() throws IOException {
        ByteArrayOutputStream five = new ByteArrayOutputStream();
        Nd4j.write(Nd4j.create(new double[] {1, 2, 3, 4, 5}), new DataOutputStream(five));
        Object[][] cases = {
            {"coefficients.bin", null, "the zip has no coefficients.bin entry"},
            {"coefficients.bin", "garbage".getBytes(), "its coefficients.bin cannot be read (truncated or damaged)"},
            {"coefficients.bin", five.toByteArray(), "its coefficients.bin holds 5 values, which do not fit the layers"
                    + " of its configuration.json"},
            {"configuration.json", "garbage".getBytes(), "its configuration.json is not a DL4J network configuration"},
            {"configuration.json", "{\"a\": 1}".getBytes(), "its configuration.json is not a DL4J network"
                    + " configuration"},
        };
        int i = 0;
        for (Object[] c : cases) {
            Path damaged = copy("zip-" + i++);
            rewrite(damaged.resolve("framework-model.zip"), (String) c[0], (byte[]) c[1]);
            CliTest.Outcome o = predict(damaged);
            assertOneLine(o, "framework-model.zip: not a readable DL4J model (" + c[2] + "); re-run minibatch train");
            for (String internal : List.of("wasnt", "Exception", "Invalid parameters", "java.", "null")) {
                assertFalse(o.err().contains(internal), o.err());
            }
        }
    }

    /**
     * A NaN or infinite parameter in framework-model.zip is refused by predict and evaluate. It was read as a number:
     * with one feature ND4J multiplies by the 1 × 1 weight as a scalar and replaces a NaN one by 1e-5, so predict
     * exited 0 with a wrong prediction and evaluate reported a plausible R²; an infinite bias exited 0 with only a
     * warning about the inputs.
     */
    @Test
    void aNonFiniteParameterInTheFrameworkModelIsRefused() throws IOException {
        Path oneInput = Files.writeString(dir.resolve("one.csv"), "1.0\n3.0\n");
        Path labelled = Files.writeString(dir.resolve("one-labelled.csv"), "x0,y0\n1.0,2.0\n3.0,4.0\n-1,-3\n");
        Object[][] cases = {{0, Double.NaN, "parameter 1 of layer 1 is NaN"}, {1, Double.POSITIVE_INFINITY,
            "parameter 2 of layer 1 is Infinity"}};
        for (Object[] c : cases) {
            Path damaged = copy(one, "nonfinite-" + c[0]);
            Path zip = damaged.resolve("framework-model.zip");
            MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), false);
            net.params().putScalar((int) c[0], (double) c[1]);
            ModelSerializer.writeModel(net, zip.toFile(), false);
            String expected = zip + ": " + c[2] + "; the file is damaged";
            assertOneLine(CliTest.run("predict", "--model", damaged.toString(), "--input", oneInput.toString()),
                    expected);
            assertOneLine(CliTest.run("evaluate", "--model", damaged.toString(), "--input", labelled.toString()),
                    expected);
        }
    }

    /** A model of other layers than the run's config describes is refused, the layer count included. */
    @Test
    void aFrameworkModelOfAnotherShapeIsRefused() throws IOException {
        Path network = copy(one, "network-model");
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .list()
                .layer(new DenseLayer.Builder().nIn(1).nOut(3).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(3).nOut(1)
                        .activation(Activation.IDENTITY).build())
                .build());
        net.init();
        ModelSerializer.writeModel(net, network.resolve("framework-model.zip").toFile(), false);
        Path oneInput = Files.writeString(dir.resolve("one-shape.csv"), "1.0\n3.0\n");
        assertOneLine(CliTest.run("predict", "--model", network.toString(), "--input", oneInput.toString()),
                "framework-model.zip: it has 2 layers, the run's config 1 (0 hidden and the output layer); the file"
                        + " is damaged or not this run's");

        Path wider = copy(one, "wider-model");
        Files.copy(run.resolve("framework-model.zip"), wider.resolve("framework-model.zip"),
                StandardCopyOption.REPLACE_EXISTING);
        assertOneLine(CliTest.run("predict", "--model", wider.toString(), "--input", oneInput.toString()),
                "framework-model.zip: layer 1 has 2 inputs and 1 outputs, the run's results.json 1 and 1");
    }

    /**
     * Arrays of results.json that do not fit the run are refused by predict and evaluate, naming the key: a mean of
     * three values for two features was used as it was, and a scale of zeros gave an MSE of NaN with exit 0.
     */
    @Test
    void resultsJsonValuesThatDoNotFitTheRunAreRefused() throws IOException {
        Path labelled = Files.writeString(dir.resolve("fit-labelled.csv"), "x0,x1,y0\n1.0,2.0,3.0\n4.0,5.0,6.0\n");
        List<Object[]> cases = List.of(
            new Object[] {"{\"standardize\": true, \"mean\": [1, 2, 3], \"scale\": [1, 1]}", null,
                "preprocess.mean has 3 values for 2 features"},
            new Object[] {"{\"standardize\": true, \"mean\": [1, 2], \"scale\": [0, 0]}", null,
                "preprocess.scale[0] is 0.0, not a finite number above 0"},
            new Object[] {"{\"standardize\": true, \"mean\": [1, \"NaN\"], \"scale\": [1, 1]}", null,
                "preprocess.mean[1] is NaN, not a finite number"},
            new Object[] {"{\"standardize\": true}", null, "preprocess.mean is missing (preprocess.standardize is"
                + " true)"},
            new Object[] {null, "[\"a\", \"b\", \"c\"]", "data.classes has 3 names for 2 classes (one sigmoid"
                + " output: the negative class, then the positive)"},
            new Object[] {null, "[\"a\", \"a\"]", "data.classes[1] is 'a', a name given twice"});
        int i = 0;
        for (Object[] c : cases) {
            Path damaged = copy("fit-" + i++);
            Path json = damaged.resolve("results.json");
            ObjectMapper m = new ObjectMapper();
            ObjectNode tree = (ObjectNode) m.readTree(json.toFile());
            if (c[0] != null) {
                tree.set("preprocess", m.readTree((String) c[0]));
            } else {
                ((ObjectNode) tree.get("data")).set("classes", m.readTree((String) c[1]));
            }
            m.writeValue(json.toFile(), tree);
            String expected = json + ": " + c[2] + "; the file is damaged";
            assertOneLine(predict(damaged), expected);
            assertOneLine(CliTest.run("evaluate", "--model", damaged.toString(), "--input", labelled.toString()),
                    expected);
        }
    }

    /** A results.json the JSON reader itself refuses is said in the file's terms, never with the reader's names. */
    @Test
    void aResultsJsonTheReaderRefusesIsSaidInTheFilesTerms() throws IOException {
        String[][] cases = {{"{\"preprocess\": " + "1".repeat(1200) + "}", "holds a number of more than 1000 digits"},
            {"[".repeat(3000), "nests arrays or objects more than 1000 levels deep"},
            {"{\"data\": ", "is not valid JSON: it ends early"}, {"{\"data\" 1}", "is not valid JSON (line 1, column"}};
        int i = 0;
        for (String[] c : cases) {
            Path damaged = copy("reader-" + i++);
            Path json = damaged.resolve("results.json");
            Files.writeString(json, c[0]);
            CliTest.Outcome o = predict(damaged);
            assertEquals(ExitCodes.BAD_INPUT, o.code(), o.err());
            assertTrue(o.err().contains(json + ": " + c[1]), c[1] + ": " + o.err());
            assertFalse(o.err().contains("StreamReadConstraints") || o.err().contains("Exception")
                    || o.err().contains("`"), o.err());
            assertEquals(1, o.err().strip().lines().count(), o.err());
        }
    }

    /** A trained run's parameters in results.json are finite numbers; a NaN or a null there is damage. */
    @Test
    void nonFiniteOrNullParametersInResultsJsonAreRefused() throws IOException {
        String[][] cases = {{"bias", "[\"NaN\"]", "'trainers.framework.bias' is not an array of 1 finite numbers"},
            {"weights", "[[null], [1.0]]", "'trainers.framework.weights' is not a 2 × 1 array of finite numbers"}};
        int i = 0;
        for (String[] c : cases) {
            Path damaged = copy("finite-" + i++);
            Path json = damaged.resolve("results.json");
            ObjectMapper m = new ObjectMapper();
            ObjectNode tree = (ObjectNode) m.readTree(json.toFile());
            ((ObjectNode) tree.get("trainers").get("framework")).set(c[0], m.readTree(c[1]));
            m.writeValue(json.toFile(), tree);
            CliTest.Outcome o = CliTest.run("compare", damaged.toString(), run.toString());
            assertEquals(ExitCodes.BAD_INPUT, o.code(), o.err());
            assertTrue(o.err().contains(c[2]), o.err());
        }
    }

    /** Replaces (or, given {@code null}, removes) one entry of a zip. */
    private static void rewrite(Path zip, String name, byte[] content) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : Collections.list(z.entries())) {
                entries.put(e.getName(), z.getInputStream(e).readAllBytes());
            }
        }
        if (content == null) {
            entries.remove(name);
        } else {
            entries.put(name, content);
        }
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (var e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
            }
        }
    }

    @Test
    void predictRefusesACorruptOrMisshapenNpy() throws IOException {
        Path corrupt = copy("corrupt-npy");
        Files.writeString(corrupt.resolve("scratch-weights.npy"), "garbage");
        assertOneLine(predict(corrupt, "--trainer", "scratch"), "scratch-weights.npy: not a usable NumPy .npy"
                + " parameter file: it does not start with NumPy's magic string");

        // a truncated file was read as garbage (predictions of 1e168, exit 0): its size is checked against the header
        Path truncated = copy("truncated-npy");
        byte[] npy = Files.readAllBytes(run.resolve("scratch-weights.npy"));
        Files.write(truncated.resolve("scratch-weights.npy"), java.util.Arrays.copyOf(npy, npy.length - 8));
        assertOneLine(predict(truncated, "--trainer", "scratch"), "holds 8 (truncated or damaged)");

        // a non-finite value (a damaged or diverged file)
        Path nan = copy("nan-npy");
        byte[] bad = npy.clone();
        java.nio.ByteBuffer.wrap(bad).order(java.nio.ByteOrder.LITTLE_ENDIAN).putDouble(bad.length - 8, Double.NaN);
        Files.write(nan.resolve("scratch-weights.npy"), bad);
        assertOneLine(predict(nan, "--trainer", "scratch"), "value [1, 0] is NaN");

        Path shape = copy("shape-npy");
        Files.copy(run.resolve("scratch-bias.npy"), shape.resolve("scratch-weights.npy"),
                StandardCopyOption.REPLACE_EXISTING);
        assertOneLine(predict(shape, "--trainer", "scratch"), "scratch-weights.npy: expected a 2 × 1");
    }

    @Test
    void predictAndCompareRefuseBrokenResultsJson() throws IOException {
        String[][] cases = {
            {"", "expected a JSON object, found nothing"},
            {"{}", "'config.data' is missing"},
            {"[]", "expected a JSON object, found array"},
            {"{\"name\": ", "not valid JSON"},
            {"null", "expected a JSON object"},
        };
        int i = 0;
        for (String[] c : cases) {
            Path broken = copy("broken-" + i++);
            Files.writeString(broken.resolve("results.json"), c[0]);
            assertOneLine(predict(broken), c[1]);
            Path out = dir.resolve("cmp-" + i);
            assertOneLine(CliTest.run("compare", run.toString(), broken.toString(), "--out", out.toString()), c[1]);
            assertFalse(Files.exists(out));
        }
    }

    @Test
    void compareNamesRunsOfTheSameFolderNameByTheirParentsAndRefusesARunTwice() throws IOException {
        Path cpu = Files.createDirectories(dir.resolve("cpu"));
        Path cuda = Files.createDirectories(dir.resolve("cuda"));
        Files.move(copy("a"), cpu.resolve("seed"));
        Files.move(copy("b"), cuda.resolve("seed"));
        Path out = dir.resolve("cmp-names");
        CliTest.Outcome o = CliTest.run("compare", cpu.resolve("seed").toString(), cuda.resolve("seed").toString(),
                "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        String md = Files.readString(out.resolve("compare.md"));
        assertTrue(md.contains("cpu/seed / framework") && md.contains("cuda/seed / framework"), md);

        Path twice = dir.resolve("cmp-twice");
        assertOneLine(CliTest.run("compare", run.toString(), run.resolve("../seed").toString(), "--out",
                twice.toString()), "are the same run folder");
        assertFalse(Files.exists(twice));
    }

    @Test
    void anOutputFileThatCannotBeWrittenIsBadInputNotAnInternalError() throws IOException {
        assertOneLine(predict(run, "--output", dir.resolve("missing/dir/p.csv").toString()),
                "--output " + dir.resolve("missing/dir/p.csv") + ": cannot write: the folder");
        assertOneLine(predict(run, "--output", dir.toString()), ": is a folder; name a file");
        Path labelled = Files.writeString(dir.resolve("labelled.csv"), "x0,x1,y0\n1.0,2.0,3.0\n4.0,5.0,6.0\n");
        assertEquals(0, CliTest.run("evaluate", "--model", run.toString(), "--input", labelled.toString()).code());
        assertOneLine(CliTest.run("evaluate", "--model", run.toString(), "--input", labelled.toString(), "--json",
                "/proc/minibatch.json"), "--json /proc/minibatch.json: cannot write");
    }
}
