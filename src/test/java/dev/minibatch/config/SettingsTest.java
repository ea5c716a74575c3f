package dev.minibatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each declaration in {@link Settings} reads its value from the place the loader put it and writes it back: a
 * configuration written as its tree and read again is the same configuration, for the shipped configs and for
 * configurations that set every key to something other than its default.
 */
class SettingsTest {
    @TempDir
    Path dir;

    /** Configurations that, between them, give every key a value other than its default. */
    private static final List<String> EVERY_KEY = List.of(
            "name: all1\nbackend: cpu\nkernels: host\n"
                    + "data: {source: make_classification, n_samples: 300, n_features: 6, n_informative: 3,"
                    + " random_state: 5, n_redundant: 1, n_repeated: 1, n_classes: 3, n_clusters_per_class: 1,"
                    + " flip_y: 0.02, class_sep: 1.5}\n"
                    + "split: {test_size: 0.3, random_state: 9, validation_size: 0.2, stratify: true}\n"
                    + "preprocess: {standardize: true}\n"
                    + "model: {hidden_layers: [{units: 4, activation: leakyrelu, alpha: 0.2}], init: xavier,"
                    + " init_seed: 3}\n"
                    + "training: {loss: categorical_crossentropy, learning_rate: 0.05, epochs: 7, batch_size: 16,"
                    + " shuffle: seeded, shuffle_seed: 7, dtype: float, agreement_tolerance: 1.0e-6,"
                    + " optimizer: adam, beta1: 0.8, beta2: 0.99, epsilon: 1.0e-7, l1: 0.01, l2: 0.02,"
                    + " lr_schedule: {type: step, unit: epoch, decay_rate: 0.3, step: 4},"
                    + " early_stopping: {monitor: val_accuracy, patience: 3, min_delta: 0.01, restore_best: true},"
                    + " checkpoint_every: 2, checkpoint_keep: 5}\n"
                    + "distributed: {master: 'local[2]', workers: 3, batch_size_per_worker: 8,"
                    + " averaging_frequency: 2, prefetch: 1, training_master: shared_gradients}\n",
            "data: {source: make_blobs, centers: 4, cluster_std: 2.0}\n"
                    + "training: {loss: binary_crossentropy, optimizer: rmsprop, rms_decay: 0.9,"
                    + " lr_schedule: {type: exponential, gamma: 0.9}}\n",
            "data: {source: make_circles, factor: 0.5, noise: 0.1}\nmodel: {output_activation: sigmoid}\n"
                    + "training: {loss: binary_crossentropy, optimizer: nesterovs, momentum: 0.8,"
                    + " lr_schedule: {type: poly, power: -1.0, max_iter: 50}}\n",
            "data: {n_targets: 2, noise: 3.0, bias: 1.5, n_features: 3, n_informative: 1, cache: never}\n"
                    + "model: {output_activation: tanh}\n"
                    + "training: {optimizer: adadelta, rho: 0.9, early_stopping: {monitor: train_loss}}\n",
            "data: {cache_dir: somewhere}\ntraining: {lr_schedule: {type: map, values: {0: 0.1, 5: 0.01}}}\n",
            "training: {lr_schedule: {type: inverse, gamma: 0.5, power: 2.0}}\n",
            "data: {source: csv, path: rows.csv, header: false, delimiter: ';', targets: [0]}\n",
            "data: {source: csv, path: rows.csv, delimiter: ';'}\n",
            "data: {source: csv, path: labels.csv, targets: [label], classes: [b, a]}\n"
                    + "training: {loss: categorical_crossentropy}\n",
            "data: {source: mnist, path: images, train_limit: 100, test_limit: 20}\n"
                    + "training: {loss: categorical_crossentropy}\n");

    private List<RunConfig> configs() throws IOException {
        Files.writeString(dir.resolve("rows.csv"), "1;2\n3;4\n");
        Files.writeString(dir.resolve("labels.csv"), "x,label\n1,a\n2,b\n");
        List<RunConfig> out = new ArrayList<>();
        try (Stream<Path> shipped = Files.list(Path.of("configs"))) {
            for (Path f : shipped.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                out.add(ConfigLoader.load(f, List.of()));
            }
        }
        for (int i = 0; i < EVERY_KEY.size(); i++) {
            Path f = dir.resolve("every" + i + ".yaml");
            Files.writeString(f, EVERY_KEY.get(i));
            out.add(ConfigLoader.load(f, List.of()));
        }
        return out;
    }

    @Test
    void everySettingSaysWhereTheConfigKeepsIt() {
        for (Setting<?> s : Settings.ALL) {
            assertNotNull(s.value(), s.key() + ": declared without .in(...)");
            assertNotNull(s.writer(), s.key());
        }
        assertEquals(Settings.ALL.size(), new TreeSet<>(Settings.ALL.stream().map(Setting::key).toList()).size(),
                "a key declared twice");
    }

    @Test
    void aConfigWrittenAsItsTreeReadsBackTheSame() throws IOException {
        int n = 0;
        for (RunConfig c : configs()) {
            Path f = dir.resolve("tree" + n++ + ".yaml");
            new YAMLMapper().writeValue(f.toFile(), ConfigTree.of(c));
            assertEquals(c, ConfigLoader.load(f, List.of()), f.toString());
        }
    }

    @Test
    void theConfigsGiveEveryKeyANonDefaultValueThatTheTreeKeeps() throws IOException {
        TreeSet<String> untested = new TreeSet<>(Settings.ALL.stream().map(Setting::key).toList());
        for (RunConfig c : configs()) {
            Map<String, Object> tree = ConfigTree.of(c);
            for (Setting<?> s : Settings.ALL) {
                Object written = at(tree, s.key());
                if (s.unusedIn(c) == null && !Objects.equals(s.of(c), s.defaultValue())) {
                    assertNotNull(written, s.key() + " is used and set, but missing from the tree");
                    untested.remove(s.key());
                } else if (s.unusedIn(c) != null) {
                    assertEquals(null, written, s.key() + " is not used, but written to the tree");
                }
            }
        }
        assertEquals(new TreeSet<>(), untested, "keys no test config sets to a value other than the default");
    }

    @Test
    void theTreeLeavesOutWhatTheRunDoesNotRead() throws IOException {
        Map<String, Object> seed = ConfigTree.of(ConfigLoader.load(Path.of("configs", "seed.yaml"), List.of()));
        assertEquals(null, at(seed, "training.shuffle_seed"), "shuffle: numpy");
        assertEquals(null, at(seed, "training.lr_schedule.gamma"), "no schedule");
        assertEquals(null, at(seed, "training.early_stopping.patience"), "no early stopping");
        assertEquals(null, at(seed, "data.path"), "generated data");
        assertFalse(seed.containsKey("distributed"), "one machine");
        assertEquals("none", at(seed, "training.lr_schedule.type"));
        assertTrue(seed.keySet().containsAll(List.of("name", "data", "split", "model", "training")));
    }

    @Test
    void withChangesOneSettingAndChecksItAsAFileValue() throws IOException {
        RunConfig seed = ConfigLoader.load(Path.of("configs", "seed.yaml"), List.of());
        RunConfig wider = seed.with(Settings.BATCH_SIZE, 64);
        assertEquals(64, wider.training().batchSize());
        assertEquals(seed.training().learningRate(), wider.training().learningRate());
        assertEquals(seed.data(), wider.data());
        assertEquals(seed, wider.with(Settings.BATCH_SIZE, seed.training().batchSize()));
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> seed.with(Settings.BATCH_SIZE, 0));
        assertTrue(e.getMessage().contains("training.batch_size: must be an integer ≥ 1, got 0"), e.getMessage());
    }

    @Test
    void withKeepsPathsAsTheyWereResolvedAndAnEmptyValueIsTheDefault() throws IOException {
        Files.writeString(dir.resolve("rows.csv"), "1;2\n3;4\n5;6\n7;8\n");
        Path f = Files.writeString(dir.resolve("csv.yaml"), "data: {source: csv, path: rows.csv, delimiter: ';'}\n");
        RunConfig fromFile = ConfigLoader.load(f, List.of());
        assertEquals(fromFile.data().path(), fromFile.with(Settings.BATCH_SIZE, 2).data().path());
        RunConfig flag = ConfigLoader.load(f, List.of(new ConfigOverride("data.path", "rel.csv",
                "--set data.path=rel.csv")));
        assertEquals("rel.csv", flag.with(Settings.BATCH_SIZE, 2).data().path(), "a flag's path stays relative");
        assertEquals(List.of(), fromFile.with(Settings.DATA_TARGETS, List.of()).data().targets());
    }

    @Test
    void aWrongLossIsNamedBeforeTheKeysItLeavesUnread() throws IOException {
        Path f = Files.writeString(dir.resolve("moons.yaml"),
                "data: {source: make_moons}\nsplit: {stratify: true}\ntraining: {loss: mse}\n");
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> ConfigLoader.load(f, List.of()));
        assertTrue(e.getMessage().contains("training.loss: data.source make_moons gives class labels"),
                e.getMessage());
    }

    @Test
    void aValueTheRunWouldIgnoreIsRefusedUnlessAFlagSwitchedTheDecidingKey() throws IOException {
        String[][] refused = {
            {"training: {optimizer: adadelta, learning_rate: 0.5}\n",
                "training.learning_rate: not used by training.optimizer adadelta (it has no learning rate)"},
            {"distributed: {workers: 4}\n", "distributed.workers: not used by a run on one machine"},
            {"data: {cache: never, cache_dir: x}\n", "data.cache_dir: not used by data.cache never"},
            {"data: {source: make_moons, cache: never}\ntraining: {loss: binary_crossentropy}\n",
                "data.cache: not used by data.source make_moons (generated in memory"},
            {"training: {lr_schedule: {type: step, gamma: 0.5}}\n", "training.lr_schedule.gamma: not used by"
                + " training.lr_schedule.type step (it applies to exponential and inverse)"},
        };
        for (String[] r : refused) {
            Path f = Files.writeString(dir.resolve("refused.yaml"), r[0]);
            ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                    () -> ConfigLoader.load(f, List.of()), r[0]);
            assertTrue(e.getMessage().contains(r[1]), e.getMessage());
        }
        // the file's value kept for when the flag is switched back; a rule's own default given is no error
        Path f = Files.writeString(dir.resolve("nesterovs.yaml"), "training: {optimizer: nesterovs, momentum: 0.5}\n");
        assertEquals(Optimizer.Kind.ADAM, ConfigLoader.load(f, List.of(new ConfigOverride("training.optimizer",
                "adam", "--set training.optimizer=adam"))).training().optimizer().kind());
        Path g = Files.writeString(dir.resolve("sgd.yaml"), "training: {beta1: 0.9}\n");
        assertEquals(Optimizer.Kind.SGD, ConfigLoader.load(g, List.of()).training().optimizer().kind());
        Path spark = Files.writeString(dir.resolve("spark.yaml"), "distributed: {workers: 3}\n");
        assertEquals(3, ConfigLoader.load(spark, List.of(new ConfigOverride("distributed.master", "local[2]",
                "--spark"))).distributed().workers());
    }

    @Test
    void aResumeReadsAKeyItsCheckpointLeftOutAsTheDefault() throws IOException {
        Files.writeString(dir.resolve("rows.csv"), "a;y\n1;2\n3;4\n5;6\n7;8\n");
        Path f = Files.writeString(dir.resolve("csv.yaml"), "data: {source: csv, path: rows.csv, delimiter: ';'}\n");
        RunConfig saved = ConfigLoader.load(f, List.of());                 // its tree leaves data.targets out
        dev.minibatch.checkpoint.SameSettings.requireSame(saved, ConfigLoader.load(f, List.of()), "same");
        RunConfig named = saved.with(Settings.DATA_TARGETS, List.of("y"));
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> dev.minibatch.checkpoint.SameSettings.requireSame(saved, named, "named.yaml"));
        assertTrue(e.getMessage().startsWith("named.yaml: data.targets is '[y]', but the checkpoint was trained with"
                + " '[]'"), e.getMessage());
    }

    private static Object at(Map<String, Object> tree, String key) {
        Object node = tree;
        for (String part : key.split("\\.")) {
            node = node instanceof Map<?, ?> m ? m.get(part) : null;
        }
        return node;
    }
}
