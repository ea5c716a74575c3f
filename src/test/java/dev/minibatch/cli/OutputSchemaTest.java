package dev.minibatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every JSON file the commands write validates against the published docs/results.schema.json. */
class OutputSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonSchema schema;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadSchema() throws IOException {
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(JSON.readTree(Path.of("docs", "results.schema.json").toFile()));
    }

    private static void assertValid(JsonNode node, String what) {
        Set<ValidationMessage> errors = schema.validate(node);
        assertTrue(errors.isEmpty(), what + ": " + errors);
    }

    private Path config() throws IOException {
        return Files.writeString(dir.resolve("s.yaml"), """
                name: s
                data:
                  n_samples: 80
                  n_features: 2
                  n_targets: 2
                  noise: 1.0
                training:
                  epochs: 3
                  batch_size: 8
                """);
    }

    @Test
    void resultsSweepCompareAndDivergedFilesValidate() throws IOException {
        Path cfg = config();
        Path a = dir.resolve("runs/a");
        Path b = dir.resolve("runs/b");
        assertEquals(0, CliTest.run("train", cfg.toString(), "--out", a.toString(), "--quiet").code());
        assertEquals(0, CliTest.run("train", cfg.toString(), "--out", b.toString(), "--quiet", "--dtype", "float",
                "--set", "training.agreement_tolerance=1e-3").code());
        Path seedLike = dir.resolve("runs/seed");
        assertEquals(0, CliTest.run("train", "configs/seed.yaml", "--out", seedLike.toString(), "--quiet",
                "--trainer", "scratch").code(), "a run with the Python reference");
        assertEquals(0, CliTest.run("sweep", cfg.toString(), "--batch-sizes", "4,full", "--out",
                dir.resolve("runs/sweep").toString(), "--quiet").code());
        assertEquals(0, CliTest.run("compare", a.toString(), b.toString(), "--out",
                dir.resolve("runs/cmp").toString()).code());
        assertEquals(0, CliTest.run("train", cfg.toString(), "--out", dir.resolve("runs/es").toString(), "--quiet",
                "--set", "split.validation_size=0.25", "--set", "training.early_stopping.monitor=val_loss",
                "--set", "training.early_stopping.patience=1", "--epochs", "50").code());
        assertEquals(0, CliTest.run("train", "configs/moons.yaml", "--out", dir.resolve("runs/moons").toString(),
                "--quiet", "--epochs", "3", "--set", "split.validation_size=0.2").code(), "a classifier");
        assertEquals(ExitCodes.DIVERGED, CliTest.run("train", cfg.toString(), "--learning-rate", "3", "--epochs",
                "200", "--out", dir.resolve("runs/d").toString(), "--quiet").code());
        assertEquals(ExitCodes.DIVERGED, CliTest.run("train", cfg.toString(), "--learning-rate", "1e200", "--out",
                dir.resolve("runs/d1").toString(), "--quiet").code(), "diverged in its first epoch");
        assertEquals(ExitCodes.DIVERGED, CliTest.run("sweep", "configs/seed.yaml", "--batch-sizes", "1,full",
                "--learning-rate", "2.5", "--epochs", "3", "--out", dir.resolve("runs/dsweep").toString(), "--quiet")
                .code(), "a sweep that diverged at one batch size");
        assertEquals(0, CliTest.run("sweep", "configs/logistic.yaml", "--batch-sizes", "32,full", "--epochs", "2",
                "--out", dir.resolve("runs/csweep").toString(), "--quiet").code(), "a classifier's sweep");

        for (String f : new String[] {"runs/a/results.json", "runs/b/results.json", "runs/seed/results.json",
            "runs/sweep/sweep.json", "runs/cmp/compare.json", "runs/d-diverged/diverged.json", "runs/es/results.json",
            "runs/moons/results.json", "runs/d1-diverged/diverged.json", "runs/dsweep/sweep.json",
            "runs/csweep/sweep.json"}) {
            assertValid(JSON.readTree(dir.resolve(f).toFile()), f);
        }
        assertTrue(JSON.readTree(seedLike.resolve("results.json").toFile()).has("reference"));
        assertTrue(JSON.readTree(a.resolve("results.json").toFile()).has("reference_absent"));
        JsonNode es = JSON.readTree(dir.resolve("runs/es/results.json").toFile()).get("trainers").get("scratch");
        assertTrue(es.has("early_stopping") && es.get("history").get(0).has("val_loss"), es.toString());
    }

    @Test
    void aBenchRowValidatesAndTheSchemaRejectsWhatIsNotAnOutput() throws IOException {
        CliTest.Outcome o = CliTest.run("bench", "--workload", "seed", "--trainer", "scratch", "--reps", "1",
                "--epochs", "1", "--warmup-seconds", "0");
        assertEquals(0, o.code(), o.err());
        String line = o.out().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow();
        assertValid(JSON.readTree(line), "bench row");

        Path cfg = config();
        Path a = dir.resolve("a");
        assertEquals(0, CliTest.run("train", cfg.toString(), "--out", a.toString(), "--quiet").code());
        ObjectNode results = (ObjectNode) JSON.readTree(a.resolve("results.json").toFile());
        ObjectNode renamed = results.deepCopy();
        renamed.set("trainer", renamed.remove("trainers"));
        assertFalse(schema.validate(renamed).isEmpty(), "a renamed key is caught");
        ObjectNode wrongType = results.deepCopy();
        ((ObjectNode) wrongType.get("data")).put("n_train", "eighty");
        assertFalse(schema.validate(wrongType).isEmpty(), "a wrong type is caught");
    }
}
