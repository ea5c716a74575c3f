package dev.minibatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.minibatch.data.IdxFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Images from the command line: a small Fashion-MNIST-shaped folder of IDX files trained by both trainers, to the
 * bit, with Fashion-MNIST's class names, the confusion matrix over the whole test split and the grid of test images
 * in the report; and the bad image inputs, each refused with exit 2 and one line before anything is written.
 */
class ImageCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path config(Path images, String extra) throws IOException {
        return Files.writeString(dir.resolve("fashion.yaml"), """
                name: fashion
                data:
                  source: fashion_mnist
                  path: %s
                model:
                  hidden_layers: [{units: 16, activation: relu}]
                  init: xavier_uniform
                training:
                  loss: categorical_crossentropy
                  learning_rate: 0.1
                  epochs: 3
                  batch_size: 32
                  shuffle: seeded
                  dtype: float
                  agreement_tolerance: 0.0
                %s""".formatted(images, extra));
    }

    @Test
    void aFashionMnistFolderTrainsBothTrainersToTheBitWithItsClassNames() throws IOException {
        Path images = IdxFixtures.write(dir.resolve("images"), 300, 100, true, 3);
        Path run = dir.resolve("run");
        CliTest.Outcome t = CliTest.run("train", config(images, "split:\n  validation_size: 0.2\n").toString(),
                "--out", run.toString());
        assertEquals(0, t.code(), t.err());
        String out = t.unwrapped();
        assertTrue(out.contains("data: 240 train + 60 validation / 100 test images, 28×28 (784 pixels), 10 classes"),
                out);
        assertTrue(out.contains("trainers agree: max |Δθ| = 0 (tolerance 0)"), out);
        assertTrue(out.contains("python reference: no Python reference for data.source fashion_mnist in"), out);
        JsonNode r = JSON.readTree(run.resolve("results.json").toFile());
        assertEquals(List.of(1, 28, 28), JSON.convertValue(r.at("/data/image_shape"), List.class));
        assertEquals("T-shirt/top", r.at("/data/classes/0").asText());
        assertEquals("Ankle boot", r.at("/data/classes/9").asText());
        assertEquals(240, r.at("/data/n_train").asInt());
        assertEquals(100, r.at("/data/n_test").asInt());
        JsonNode cm = r.at("/trainers/scratch/test_confusion");
        long total = 0;
        long right = 0;
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 10; j++) {
                total += cm.get(i).get(j).asLong();
                right += i == j ? cm.get(i).get(j).asLong() : 0;
            }
        }
        assertEquals(100, total, "the whole test split");
        assertEquals(r.at("/trainers/scratch/test_accuracy").asDouble(), right / 100.0, 1e-12,
                "the matrix's diagonal is the run's test accuracy");
        assertEquals(r.at("/trainers/framework/test_confusion"), cm);
        assertTrue(r.at("/plot_data/x_test").size() <= 32, "a few images for the grid, not the whole split");
        var problems = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(JSON.readTree(
                Path.of("docs", "results.schema.json").toFile())).validate(r);
        assertTrue(problems.isEmpty(), "the schema: " + problems);
        String html = Files.readString(run.resolve("report.html"));
        assertTrue(html.contains("Test images") && html.contains("Ankle boot"), "the grid and the class names");
        assertTrue(Files.size(run.resolve("test_images.png")) > 1000);

        // evaluate on a folder of IDX files (its t10k files) and predict on an image file
        CliTest.Outcome e = CliTest.run("evaluate", "--model", run.toString(), "--input", images.toString());
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("t10k-images-idx3-ubyte.gz (100 rows, 10 classes)"), e.out());
        assertTrue(e.out().contains("accuracy " + dev.minibatch.format.Numbers.format(r.at(
                "/trainers/framework/test_accuracy").asDouble(), 6)), "the run's own test accuracy: " + e.out());
        CliTest.Outcome p = CliTest.run("predict", "--model", run.toString(), "--input",
                images.resolve("t10k-images-idx3-ubyte.gz").toString());
        assertEquals(0, p.code(), p.err());
        String[] lines = p.out().strip().split("\n");
        assertEquals(101, lines.length, "a header and one line per image");
        assertTrue(lines[0].startsWith("class,p_T-shirt/top,p_Trouser,"), lines[0]);
        Path small = IdxFixtures.write(dir.resolve("small"), 10, 10, false, 1);
        Path other = small.resolve("t10k-images-idx3-ubyte");
        IdxFixtures.images(other, new int[3], 20, 20, false, new java.util.SplittableRandom(1));
        CliTest.Outcome bad = CliTest.run("predict", "--model", run.toString(), "--input", other.toString());
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains(other + ": its images are 20×20; the run was trained on 28×28"), bad.err());
        Path empty = dir.resolve("empty");
        Files.createDirectories(empty);
        IdxFixtures.images(empty.resolve("t10k-images-idx3-ubyte"), new int[0], 28, 28, false,
                new java.util.SplittableRandom(1));
        IdxFixtures.labels(empty.resolve("t10k-labels-idx1-ubyte"), new int[0], false);
        for (String cmd : List.of("predict", "evaluate")) {
            CliTest.Outcome none = CliTest.run(cmd, "--model", run.toString(), "--input", empty.toString());
            assertEquals(2, none.code(), cmd + ": " + none.err());
            assertTrue(none.err().contains("t10k-images-idx3-ubyte: holds no images"), none.err());
        }
        Path alone = dir.resolve("alone");
        Files.createDirectories(alone);
        Path lone = Files.copy(images.resolve("t10k-images-idx3-ubyte.gz"), alone.resolve("t10k-images-idx3-ubyte.gz"));
        CliTest.Outcome unlabelled = CliTest.run("evaluate", "--model", run.toString(), "--input", lone.toString());
        assertEquals(2, unlabelled.code(), unlabelled.err());
        assertTrue(unlabelled.err().contains(lone + ": no labels beside it (expected t10k-labels-idx1-ubyte[.gz])"),
                unlabelled.err());
        CliTest.Outcome csv = CliTest.run("evaluate", "--model", run.toString(), "--input", "data/iris.csv");
        assertEquals(2, csv.code(), csv.err());
        assertTrue(csv.err().contains("data/iris.csv: not an IDX file of unsigned-byte images"), csv.err());
    }

    /** A CSV run given an IDX or gzip file says so, not "'\u0003…' is not a number". */
    @Test
    void aCsvRunGivenImagesSaysItTakesCsv() throws IOException {
        Path images = IdxFixtures.write(dir.resolve("images"), 20, 10, true, 3);
        Path run = dir.resolve("iris");
        assertEquals(0, CliTest.run("train", "configs/iris.yaml", "--out", run.toString(), "--epochs", "2", "-q")
                .code());
        for (String cmd : List.of("predict", "evaluate")) {
            CliTest.Outcome o = CliTest.run(cmd, "--model", run.toString(), "--input",
                    images.resolve("t10k-images-idx3-ubyte.gz").toString());
            assertEquals(2, o.code(), o.err());
            assertTrue(o.err().contains("t10k-images-idx3-ubyte.gz: a gzip or IDX file, not a CSV; this run was"
                    + " trained on CSV rows"), cmd + ": " + o.err());
        }
    }

    @Test
    void trainLimitAndTestLimitTakeTheFirstImages() throws IOException {
        Path images = IdxFixtures.write(dir.resolve("images"), 300, 100, false, 4);
        Path run = dir.resolve("run");
        CliTest.Outcome t = CliTest.run("train", config(images, "").toString(), "--out", run.toString(),
                "--set", "data.train_limit=64", "--set", "data.test_limit=20", "--quiet");
        assertEquals(0, t.code(), t.err());
        JsonNode r = JSON.readTree(run.resolve("results.json").toFile());
        assertEquals(64, r.at("/data/n_train").asInt());
        assertEquals(20, r.at("/data/n_test").asInt());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "labels short     | labels    | 99 labels for the 100 images of t10k-images-idx3-ubyte.gz; the two files must hold one label per image",
        "label 12         | label12   | t10k-labels-idx1-ubyte.gz: label 12 of image 1; fashion_mnist has 10 classes, 0 … 9",
        "wrong magic      | magic     | t10k-images-idx3-ubyte.gz: not an IDX file of unsigned-byte images (0x00000803): its magic number is 0x00000801",
        "no folder        | nofolder  | is not a folder; fashion_mnist reads its four IDX files from there: train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte (each gzipped or not); scripts/install-data fashion-mnist installs",
        "regression loss  | mse       | training.loss: data.source fashion_mnist gives one of 10 classes per image; use categorical_crossentropy",
        "no validation    | valsize   | split.validation_size: 0.999 leaves 0 training and 50 validation rows of",
        "test_size        | testsize  | split.test_size: not used by data.source fashion_mnist (its files have their own train/test split",
    })
    void badImageInputIsRefusedWithOneLine(String what, String kind, String expected) throws IOException {
        Path images = IdxFixtures.write(dir.resolve("images"), 50, 100, true, 2);
        int[] labels = new int[100];
        String extra = "";
        switch (kind) {
            case "labels" -> IdxFixtures.labels(images.resolve("t10k-labels-idx1-ubyte.gz"), new int[99], true);
            case "label12" -> {
                labels[0] = 12;
                IdxFixtures.labels(images.resolve("t10k-labels-idx1-ubyte.gz"), labels, true);
            }
            case "magic" -> Files.copy(images.resolve("t10k-labels-idx1-ubyte.gz"),
                    images.resolve("t10k-images-idx3-ubyte.gz"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            case "nofolder" -> images = dir.resolve("nowhere");
            case "mse" -> extra = "";
            case "testsize" -> extra = "split:\n  test_size: 0.3\n";
            case "valsize" -> extra = "split:\n  validation_size: 0.999\n";
            default -> throw new IllegalArgumentException(kind);
        }
        Path cfg = config(images, extra);
        if (kind.equals("mse")) {
            Files.writeString(cfg, Files.readString(cfg).replace("categorical_crossentropy", "mse"));
        }
        Path run = dir.resolve("run");
        CliTest.Outcome t = CliTest.run("train", cfg.toString(), "--out", run.toString());
        assertEquals(2, t.code(), what + ": " + t.out() + t.err());
        assertTrue(t.err().contains(expected), what + ": " + t.err());
        assertEquals(1, t.err().strip().lines().count(), t.err());
        assertFalse(Files.exists(run.resolve("results.json")), "nothing written");
    }
}
