package dev.minibatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A network from the command line: configs/mlp.yaml (shortened) trains, both trainers agree, results.json records
 * every layer and each epoch's layer norms, the report shows the network, the saved models predict the same, and a
 * bad layer list is exit 2 with one line naming the key, before anything is written.
 */
class NetworkCliTest {
    @TempDir
    Path dir;

    private static final String[] SHORT = {"--set", "data.n_samples=300", "--set", "training.epochs=3", "--quiet"};

    @Test
    void theMlpConfigTrainsReportsAndPredictsThroughEveryLayer() throws IOException {
        Path out = dir.resolve("mlp");
        String[] args = Stream.concat(Stream.of("train", "configs/mlp.yaml", "--out", out.toString()),
                Stream.of(SHORT)).toArray(String[]::new);
        CliTest.Outcome o = CliTest.run(args);
        assertEquals(0, o.code(), o.err());
        JsonNode r = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertTrue(r.get("agreement").get("agree").asBoolean());
        assertEquals(0.0, r.get("agreement").get("max_abs_param_diff").asDouble());
        for (String trainer : new String[] {"framework", "scratch"}) {
            JsonNode t = r.get("trainers").get(trainer);
            assertEquals(3, t.get("layers").size(), trainer);
            assertEquals(3, t.get("initial_layers").size(), trainer);
            assertEquals(5, t.get("layers").get(0).get("weights").size(), "layer 1 has the 5 features as inputs");
            assertEquals(32, t.get("layers").get(0).get("bias").size());
            assertEquals(16, t.get("weights").size(), "the output layer's W: 16 inputs");
            assertEquals(3, t.get("history").get(2).get("layer_norms").size());
            assertTrue(t.get("distance_to_optimum") == null || t.get("distance_to_optimum").isNull(),
                    "a network has no distance to the linear optimum");
        }
        assertEquals(r.get("trainers").get("framework").get("layers"), r.get("trainers").get("scratch").get("layers"));
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains("## Network"), report);
        assertTrue(report.contains("| 737"), "the summary's total: 5·32+32 + 32·16+16 + 16+1 = 737");
        assertTrue(report.contains("least-squares line (linear model)"));
        assertTrue(Files.size(out.resolve("layer_norms.png")) > 1000);
        for (int l = 1; l <= 3; l++) {
            assertTrue(Files.isRegularFile(out.resolve("scratch-weights-" + l + ".npy")));
        }
        Path csv = dir.resolve("rows.csv");
        Files.writeString(csv, "x0,x1,x2,x3,x4\n0.1,0.2,0.3,0.4,0.5\n0.9,0.8,0.7,0.6,0.5\n");
        CliTest.Outcome fw = CliTest.run("predict", "--model", out.toString(), "--input", csv.toString(),
                "--trainer", "framework");
        CliTest.Outcome sc = CliTest.run("predict", "--model", out.toString(), "--input", csv.toString(),
                "--trainer", "scratch");
        assertEquals(0, fw.code(), fw.err());
        assertEquals(0, sc.code(), sc.err());
        assertEquals(fw.out(), sc.out(), "both saved networks predict the same");
        assertEquals(3, fw.out().strip().lines().count(), fw.out());
    }

    @Test
    void theMlpConfigMatchesTheNumPyLoopWithBackpropagation() throws IOException {
        Path out = dir.resolve("mlp-ref");
        CliTest.Outcome o = CliTest.run("train", "configs/mlp.yaml", "--trainer", "scratch", "--out", out.toString(),
                "--quiet");
        assertEquals(0, o.code(), o.err());
        JsonNode r = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        JsonNode ref = r.get("reference");
        assertEquals("mlp.json", ref.get("file").asText(), r.path("reference_absent").asText());
        assertTrue(ref.get("agree").asBoolean(), ref.get("verdict").asText());
        JsonNode c = ref.get("comparison").get("scratch");
        assertTrue(c.get("max_rel_param_diff").asDouble() <= 1e-10, c.toString());
        assertTrue(c.get("max_rel_epoch_loss_diff").asDouble() <= 1e-10, c.toString());
        // the same RandomState draws the same initial weights, layer by layer, bit for bit
        assertEquals(ref.get("initial_layers"), r.get("trainers").get("scratch").get("initial_layers"));
    }

    @Test
    void aDivergingNetworkIsExitThreeAndTheDiskCacheTrainsItToTheSameBits() throws IOException {
        Path out = dir.resolve("div");
        CliTest.Outcome o = CliTest.run("train", "configs/mlp.yaml", "--out", out.toString(), "--quiet", "--set",
                "data.n_samples=300", "--set", "training.optimizer=sgd", "--set", "training.learning_rate=50");
        assertEquals(3, o.code(), o.err());
        assertTrue(o.err().contains("diverged"), o.err());

        // a network on make_regression data, in memory and from the disk cache: the same bits
        String[] common = {"configs/seed.yaml", "--quiet", "--set", "training.epochs=3", "--set",
            "model.hidden_layers=[{units: 6, activation: tanh}]", "--set", "training.learning_rate=0.001"};
        Path mem = dir.resolve("mem");
        Path disk = dir.resolve("disk");
        CliTest.Outcome a = CliTest.run(Stream.concat(Stream.of("train", "--out", mem.toString()), Stream.of(common))
                .toArray(String[]::new));
        CliTest.Outcome b = CliTest.run(Stream.concat(Stream.of("train", "--out", disk.toString(), "--set",
                "data.cache=always", "--set", "data.cache_dir=" + dir.resolve("cache")), Stream.of(common))
                .toArray(String[]::new));
        assertEquals(0, a.code(), a.err());
        assertEquals(0, b.code(), b.err());
        ObjectMapper json = new ObjectMapper();
        JsonNode ra = json.readTree(mem.resolve("results.json").toFile()).get("trainers");
        JsonNode rb = json.readTree(disk.resolve("results.json").toFile()).get("trainers");
        assertEquals(ra.get("framework").get("layers"), rb.get("framework").get("layers"));
        assertEquals(ra.get("scratch").get("layers"), rb.get("scratch").get("layers"));
    }

    @Test
    void aConfigSwitchesToFriedman1WithOneSetKeepingItsDefaultedKeys() {
        // seed.yaml names n_informative, n_targets and bias at their defaults: harmless for make_friedman1
        CliTest.Outcome o = CliTest.run("train", "configs/seed.yaml", "--out", dir.resolve("f").toString(), "--quiet",
                "--set", "data.source=make_friedman1", "--set", "data.n_features=5", "--set", "training.epochs=2",
                "--set", "training.learning_rate=0.001");
        assertEquals(0, o.code(), o.err());
    }

    @Test
    void theKerasSetupLandsInPyTorchsBand() throws IOException {
        Path out = dir.resolve("mlp-keras");
        CliTest.Outcome o = CliTest.run("train", "configs/mlp-keras.yaml", "--trainer", "scratch", "--out",
                out.toString(), "--quiet");
        assertEquals(0, o.code(), o.err());
        JsonNode ref = new ObjectMapper().readTree(out.resolve("results.json").toFile()).get("reference");
        assertEquals("mlp_keras.json", ref.get("file").asText());
        assertEquals(0.25, ref.get("tolerance").asDouble(), "the network's own band, measured over shuffles");
        assertTrue(ref.get("agree").asBoolean(), ref.get("verdict").asText());
    }

    @Test
    void anOutputActivationTrainsAndBothSavedModelsApplyIt() throws IOException {
        Path out = dir.resolve("glm");
        CliTest.Outcome o = CliTest.run("train", "configs/seed.yaml", "--out", out.toString(), "--quiet", "--set",
                "model.output_activation=softplus", "--set", "training.epochs=3", "--set", "model.init=xavier_uniform");
        assertEquals(0, o.code(), o.err());
        JsonNode r = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertEquals(0.0, r.get("agreement").get("max_abs_param_diff").asDouble());
        assertEquals("softplus", r.get("config").get("model").get("output_activation").asText());
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains("softplus"), "the network table names the output's activation");
        Path csv = dir.resolve("x.csv");
        Files.writeString(csv, "x0\n-3\n0\n2.5\n");
        CliTest.Outcome fw = CliTest.run("predict", "--model", out.toString(), "--input", csv.toString(),
                "--trainer", "framework");
        CliTest.Outcome sc = CliTest.run("predict", "--model", out.toString(), "--input", csv.toString(),
                "--trainer", "scratch");
        assertEquals(fw.out(), sc.out());
        for (String line : fw.out().strip().lines().skip(1).toList()) {
            assertTrue(Double.parseDouble(line) > 0, "softplus outputs are positive: " + line);
        }
        // DL4J's softplus is log(1 + eᶻ): far outside the data it overflows, and predict says so
        Files.writeString(csv, "x0\n1000\n0\n");
        CliTest.Outcome far = CliTest.run("predict", "--model", out.toString(), "--input", csv.toString());
        assertEquals(0, far.code(), far.err());
        assertTrue(far.err().contains("1 of 2 rows have a non-finite prediction"), far.err());
    }

    static Stream<Arguments> badLayers() {
        return Stream.of(
                Arguments.of("model.hidden_layers=5", "must be a list of layers"),
                Arguments.of("model.hidden_layers=[{units: 0, activation: relu}]", "layer 1: units must be"),
                Arguments.of("model.hidden_layers=[{units: 8, activation: relu}, {units: -3, activation: tanh}]",
                        "layer 2: units must be"),
                Arguments.of("model.hidden_layers=[{units: 8, activation: swish}]", "layer 1: activation must be one of"),
                Arguments.of("model.hidden_layers=[{units: 8}]", "layer 1: activation must be one of"),
                Arguments.of("model.hidden_layers=[{units: 8, activation: tanh, alpha: 0.1}]",
                        "alpha applies to leakyrelu and elu"),
                Arguments.of("model.hidden_layers=[{units: 8, activation: relu, dropout: 0.5}]", "unknown key 'dropout'"),
                Arguments.of("model.hidden_layers=[" + "{units: 1, activation: relu},".repeat(9_999)
                        + "{units: 1, activation: relu}]", "at most 64 layers"),
                Arguments.of("model.hidden_layers=[{units: 100000, activation: relu}, {units: 100000, activation:"
                        + " relu}]", "parameters; at most 2,147,483,639"),
                Arguments.of("data.n_features=3", "make_friedman1 needs at least 5"),
                Arguments.of("data.n_targets=2", "data.n_targets: not used by data.source make_friedman1"),
                Arguments.of("data.path=x.csv", "data.path: not used by data.source make_friedman1"),
                Arguments.of("data.delimiter=;", "data.delimiter: not used by data.source make_friedman1"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badLayers")
    void aBadNetworkIsExitTwoInOneLineBeforeAnythingIsWritten(String set, String expected) {
        Path out = dir.resolve("bad");
        CliTest.Outcome o = CliTest.run("train", "configs/mlp.yaml", "--out", out.toString(), "--quiet", "--set", set);
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains(expected), o.err());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertFalse(Files.exists(out));
    }
}
