package dev.minibatch.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minibatch.config.ConfigException;
import dev.minibatch.config.ConfigLoader;
import dev.minibatch.config.SplitConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The split's counts and checks, once for every data path: the counts are scikit-learn's and Keras' (the test side
 * ⌈t·n⌉, validation carved off the training side's end), each refusal has one message, and a generator's refusal
 * comes before it generates anything.
 */
class SplitPlanTest {
    @TempDir
    Path dir;

    @Test
    void theCountsAreScikitLearnsTestSideAndKerasValidationCarveOut() {
        SplitPlan p = SplitPlan.of(1000, new SplitConfig(0.2, 42, 0.25), "data.n_samples", "make_regression");
        assertEquals(new SplitPlan(1000, 200, 600, 200, "make_regression"), p);
        assertEquals(new SplitPlan(10, 3, 7, 0, "f.csv"), SplitPlan.of(10, new SplitConfig(0.21, 0), "f.csv", "f.csv"));
        assertEquals(6, SplitPlan.keep(8, 0.25), "⌊8 · 0.75⌋");
        assertEquals(7, SplitPlan.keep(7, 0.0), "no carve-out");
    }

    @Test
    void eachRefusalHasOneMessage() {
        assertEquals("data.csv: 1 row is too few to split with split.test_size 0.2 (both sides need at least one"
                + " row)", assertThrows(ConfigException.class,
                () -> SplitPlan.of(1, new SplitConfig(0.2, 0), "data.csv", "data.csv")).getMessage());
        assertEquals("split.validation_size: 0.5 leaves 0 training and 1 validation rows of data.csv (both need at"
                + " least one)", assertThrows(ConfigException.class,
                () -> SplitPlan.of(2, new SplitConfig(0.5, 0, 0.5), "data.csv", "data.csv")).getMessage());
        SplitPlan p = SplitPlan.of(100, new SplitConfig(0.2, 0, 0.5), "data.n_samples", "make_regression");
        assertEquals("training.batch_size: must be at most the 40 training rows of make_regression left after the"
                + " validation split, got 41", assertThrows(ConfigException.class, () -> p.requireBatch(41))
                .getMessage());
        p.requireBatch(40);
    }

    /** The checks that config loading made for generated data before: now the data path's, with the same keys. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "batch too large | training:\\n  batch_size: 900 | training.batch_size: must be at most the 750 training rows of make_regression, got 900",
        "too few samples | data:\\n  n_samples: 2\\nsplit:\\n  test_size: 0.9 | data.n_samples: 2 rows are too few to split with split.test_size 0.9 (both sides need at least one row)",
        "validation      | data:\\n  n_samples: 2\\nsplit:\\n  test_size: 0.5\\n  validation_size: 0.5\\ntraining:\\n  batch_size: 1 | split.validation_size: 0.5 leaves 0 training and 1 validation rows of make_regression",
        "blobs batch     | data:\\n  source: make_blobs\\n  n_samples: 40\\ntraining:\\n  loss: categorical_crossentropy\\n  batch_size: 64 | training.batch_size: must be at most the 30 training rows of make_blobs, got 64",
    })
    void aGeneratedDatasetIsRefusedWithTheSameMessages(String name, String yaml, String message) throws Exception {
        Path f = Files.writeString(dir.resolve("c.yaml"), yaml.replace("\\n", "\n"));
        ConfigException e = assertThrows(ConfigException.class, () -> Datasets.load(ConfigLoader.load(f, List.of())));
        assertEquals(true, e.getMessage().startsWith(message), e.getMessage());
    }
}
