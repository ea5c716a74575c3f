package dev.minibatch.config;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.minibatch.batch.Shuffle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path f = dir.resolve("run.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    private String error(String yaml, ConfigOverride... overrides) throws IOException {
        Path f = write(yaml);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f, List.of(overrides)));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void theSeedConfigIsTheTutorialsSettings() {
        RunConfig c = ConfigLoader.load(Path.of("configs", "seed.yaml"), List.of());
        assertEquals("seed", c.name());
        assertEquals(1000, c.data().nSamples());
        assertEquals(20.0, c.data().noise());
        assertEquals(0.2, c.split().testSize());
        assertEquals(Init.NUMPY_RANDN, c.model().init());
        assertEquals(Loss.HALF_MSE, c.training().loss());
        assertEquals(0.01, c.training().learningRate());
        assertEquals(100, c.training().epochs());
        assertEquals(32, c.training().batchSize());
        assertEquals(Shuffle.NUMPY, c.training().shuffle());
        assertEquals(Precision.DOUBLE, c.training().precision());
        assertEquals(0.0, c.training().agreementTolerance());
    }

    @Test
    void missingKeysTakeTheirDeclaredDefaultsAndTheNameTheFileStem() throws IOException {
        RunConfig c = ConfigLoader.load(write("training:\n  epochs: 3\n"), List.of());
        assertEquals("run", c.name());
        assertEquals(3, c.training().epochs());
        assertEquals(Settings.BATCH_SIZE.defaultValue(), c.training().batchSize());
        assertEquals(Settings.TEST_SIZE.defaultValue(), c.split().testSize());
    }

    @Test
    void overridesReplaceFileValuesAndAreCheckedTheSameWay() throws IOException {
        Path f = write("training:\n  epochs: 3\n  dtype: double\n");
        RunConfig c = ConfigLoader.load(f, List.of(new ConfigOverride("training.epochs", "7", "--epochs"),
                new ConfigOverride("training.dtype", "float", "--dtype")));
        assertEquals(7, c.training().epochs());
        assertEquals(Precision.FLOAT, c.training().precision());
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f,
                List.of(new ConfigOverride("training.epochs", "0", "--epochs"))));
        assertEquals("--epochs: training.epochs: must be an integer ≥ 1, got 0", e.getMessage().replace(
                "an integer from 1 to 100000000", "an integer ≥ 1"));
    }

    @Test
    void scientificNotationWithoutADotIsANumber() throws IOException {
        RunConfig c = ConfigLoader.load(write("training:\n  learning_rate: 1e-3\n"), List.of());
        assertEquals(1e-3, c.training().learningRate());
    }

    @Test
    void theConfigTreeReadsBackToTheSameConfig() throws IOException {
        RunConfig c = ConfigLoader.load(Path.of("configs", "keras.yaml"), List.of());
        Path f = dir.resolve("keras.yaml");
        new YAMLMapper().writeValue(f.toFile(), ConfigTree.of(c));
        assertEquals(c, ConfigLoader.load(f, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown key        | training:\\n  epoch: 3                | unknown key 'training.epoch'; did you mean 'training.epochs'? (docs/USAGE.md lists every key)",
        "unknown, none near | training:\\n  zzzzzz: 3               | unknown key 'training.zzzzzz' (allowed under training: loss, learning_rate, epochs",
        "duplicate section  | training:\\n  epochs: 3\\ntraining:\\n  epochs: 4 | the key 'training' is written twice in one mapping; YAML allows each key once",
        "unknown section    | trainer:\\n  epochs: 3               | unknown key 'trainer' (allowed at the top level: name, backend, kernels, data, split, preprocess, model, training, distributed)",
        "wrong type         | training:\\n  epochs: many           | training.epochs: must be an integer",
        "fractional int     | training:\\n  batch_size: 2.5        | training.batch_size: must be an integer",
        "zero lr            | training:\\n  learning_rate: 0       | training.learning_rate: must be a finite number > 0, got 0",
        "negative lr        | training:\\n  learning_rate: -0.1    | training.learning_rate: must be a finite number > 0",
        "infinite lr        | training:\\n  learning_rate: inf     | training.learning_rate: must be a finite number > 0",
        "nan lr             | training:\\n  learning_rate: NaN     | training.learning_rate: must be a finite number > 0",
        "zero epochs        | training:\\n  epochs: 0              | training.epochs: must be an integer from 1",
        "zero batch         | training:\\n  batch_size: 0          | training.batch_size: must be an integer ≥ 1, got 0",
        "test_size 0        | split:\\n  test_size: 0              | split.test_size: must be a number strictly between 0 and 1, got 0",
        "test_size 1        | split:\\n  test_size: 1.0            | split.test_size: must be a number strictly between 0 and 1",
        "unknown enum       | training:\\n  loss: l1               | training.loss: must be one of half_mse|mse, got 'l1'",
        "unknown dtype      | training:\\n  dtype: half            | training.dtype: must be one of double|float, got 'half'",
        "unknown init       | model:\\n  init: he                  | model.init: must be one of numpy_randn|xavier_uniform|zeros",
        "unknown shuffle    | training:\\n  shuffle: yes           | training.shuffle: must be one of numpy|seeded|none",
        "bad seed           | data:\\n  random_state: -1           | data.random_state: must be an integer from 0 to 4294967295",
        "section not a map  | training: 5                           | training: must be a mapping with the keys",
        "bad name           | name: ../evil                        | name: must be up to 100 letters, digits",
        "duplicate key      | training:\\n  epochs: 1\\n  epochs: 2 | line 3: the key 'epochs' is written twice in one mapping; YAML allows each key once",
        "not yaml           | training: [1, 2                      | not valid YAML",
        "tab indentation    | name: t\\ndata:\\n  n_samples: 100\\n\\tn_features: 2 | line 4: indented with a tab; YAML indents with spaces only",
        "list at top        | - 1\\n- 2                            | expected a mapping with the keys name, backend, kernels, data",
        "hexadecimal        | training:\\n  batch_size: 0x10       | line 2: training.batch_size: '0x10' is a YAML 1.1 number form",
        "octal 0o           | data:\\n  random_state: 0o17        | data.random_state: must be an integer from 0 to 4294967295, got '0o17'",
        "underscores        | training:\\n  epochs: 1_000          | training.epochs: '1_000' is a YAML 1.1 number form",
        "yaml 1.1 infinity  | data:\\n  noise: .inf               | data.noise: '.inf' is a YAML 1.1 number form",
        "java literal       | training:\\n  learning_rate: 1d      | training.learning_rate: must be a finite number > 0, got '1d'",
        "hex float string   | training:\\n  learning_rate: '0x1p-3' | training.learning_rate: must be a finite number > 0, got '0x1p-3'",
        "yes is no boolean  | preprocess:\\n  standardize: yes     | preprocess.standardize: must be true or false, got 'yes'",
        "second document    | name: a\\n---\\nname: b               | line 3: a second YAML document starts here",
        "NUL in a path      | data:\\n  source: csv\\n  path: \"a\\0b.csv\" | data.path: not a valid path (Nul character not allowed)",
        "scalar alias       | model:\\n  init_seed: &s 7\\nsplit:\\n  random_state: *s | split.random_state: the alias *s is not supported",
        "unknown optimizer  | training:\\n  optimizer: lamb       | training.optimizer: must be one of sgd|nesterovs|adam|adamax|nadam|amsgrad|rmsprop|adagrad|adadelta, got 'lamb'",
        "beta for sgd       | training:\\n  beta1: 0.8            | training.beta1: not used by training.optimizer sgd (used by adam, adamax, nadam, amsgrad)",
        "momentum for adam  | training:\\n  optimizer: adam\\n  momentum: 0.5 | training.momentum: not used by training.optimizer adam (used by nesterovs)",
        "rho for rmsprop    | training:\\n  optimizer: rmsprop\\n  rho: 0.5 | training.rho: not used by training.optimizer rmsprop (used by adadelta)",
        "beta2 of 1         | training:\\n  optimizer: adam\\n  beta2: 1 | training.beta2: must be a number from 0 up to, not including, 1, got 1",
        "zero epsilon       | training:\\n  optimizer: adagrad\\n  epsilon: 0 | training.epsilon: must be a finite number > 0, got 0",
        "huge integer       | training:\\n  epochs: 100000000000000000000 | training.epochs: must be an integer from 1 to 100000000, got 100000000000000000000",
        "yaml tag           | training:\\n  epochs: !foo 3         | line 2: training.epochs: the YAML tag !foo is not supported",
        "yaml core tag      | training:\\n  learning_rate: !!float 1 | training.learning_rate: the YAML tag !!float is not supported",
        "unknown layer type | model:\\n  hidden_layers: [{type: lstm, units: 4}] | model.hidden_layers: layer 1: type must be one of dense, got 'lstm'",
        "layer type number  | model:\\n  hidden_layers: [{type: 3, units: 4}] | model.hidden_layers: layer 1: type must be one of dense, got 3",
        "adadelta schedule  | training:\\n  optimizer: adadelta\\n  lr_schedule:\\n    type: exponential | training.lr_schedule.type: not used by training.optimizer adadelta (it has no learning rate)",
    })
    void badValuesGetOneLineNamingTheFileAndKey(String what, String yaml, String expected) throws IOException {
        String message = error(yaml.replace("\\n", "\n").replace("\\t", "\t"));
        assertTrue(message.startsWith(dir.resolve("run.yaml").toString()), message);
        assertTrue(message.contains(expected), "expected '" + expected + "' in: " + message);
    }

    /** One rule for quoted numbers: a quoted decimal is its number in a key and in a layer's mapping alike. */
    @Test
    void aQuotedNumberIsTheNumberEverywhere() throws IOException {
        RunConfig c = ConfigLoader.load(write("model:\n  hidden_layers: [{units: \"3\", activation: leakyrelu,"
                + " alpha: \"0.2\"}]\ntraining:\n  epochs: \"2\"\n"), List.of());
        assertEquals(2, c.training().epochs());
        assertEquals(3, LayerSpec.dense(c.training().hiddenLayers().get(0)).units());
        assertEquals(0.2, c.training().hiddenLayers().get(0).alpha());
        assertEquals(c.training().hiddenLayers(), ConfigLoader.load(write("model:\n  hidden_layers: [{type: dense,"
                + " units: 3, activation: leakyrelu, alpha: 0.2}]\n"), List.of()).training().hiddenLayers(),
                "type: dense is what a layer without a type is");
        assertTrue(error("model:\n  hidden_layers: [{units: \"3.5\", activation: relu}]\n")
                .contains("units must be a whole number from 1 to"));
    }

    /** Keras' name for the mean squared error is read as mse, and written back as minibatch's name. */
    @Test
    void kerasLossNameIsAnAlias() throws IOException {
        RunConfig c = ConfigLoader.load(write("training:\n  loss: mean_squared_error\n"), List.of());
        assertEquals(Loss.MSE, c.training().loss());
        assertTrue(error("training:\n  loss: mae\n").contains("(or mean_squared_error), got 'mae'"));
    }

    @Test
    void anEmptyFileIsNamedAsSuch() throws IOException {
        assertTrue(error("").contains("the file is empty"));
    }

    @Test
    void aMissingFileIsNamed() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(dir.resolve("nope.yaml"), List.of()));
        assertTrue(e.getMessage().endsWith("nope.yaml: no such config file"), e.getMessage());
    }

    @Test
    void anOverrideOfAnUnknownKeyIsRefused() throws IOException {
        String m = error("name: x\n", new ConfigOverride("training.epoch", "3", "--set training.epoch=3"));
        assertTrue(m.startsWith("--set training.epoch=3: unknown key 'training.epoch'"), m);
        // a near key is named alone, not followed by every key (it was 70 of them)
        assertTrue(m.endsWith("did you mean 'training.epochs'? (docs/USAGE.md lists every key)"), m);
    }

    /** A section named where a key belongs is not a misspelling: no "did you mean" itself, but its keys. */
    @Test
    void anOverrideOfASectionNamesItsKeys() throws IOException {
        String m = error("name: x\n", new ConfigOverride("training.lr_schedule", "5",
                "--set training.lr_schedule=5"));
        assertTrue(m.startsWith("--set training.lr_schedule=5: 'training.lr_schedule' is a section, not a key; set one"
                + " of its keys, e.g. --set training.lr_schedule.type=… (its keys: training.lr_schedule.type, "), m);
        assertFalse(m.contains("did you mean"), m);
    }

    @Test
    void numbersAreReadByYaml12sCoreSchema() throws IOException {
        RunConfig c = ConfigLoader.load(write("training:\n  epochs: 010\n  batch_size: +8\n  learning_rate: '0.5'\n"
                + "data:\n  noise: 1e-3\n"), List.of());
        assertEquals(10, c.training().epochs(), "010 is ten, not YAML 1.1's octal eight");
        assertEquals(8, c.training().batchSize());
        assertEquals(0.5, c.training().learningRate());
        assertEquals(0.001, c.data().noise());
    }

    @Test
    void aHugeValueIsNotEchoedWholeAndAHugeFileIsRefusedUnread() throws IOException {
        String m = error("name: " + "a".repeat(100_000) + "\n");
        assertTrue(m.length() < 300 && m.contains("(100000 characters)"), m);
        Path big = dir.resolve("big.yaml");
        Files.writeString(big, "name: " + "b".repeat(5_000_000) + "\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(big, List.of()));
        assertTrue(e.getMessage().endsWith("a config is at most 256 KiB of YAML (is this the right file?)"),
                e.getMessage());
    }

    @Test
    void aFolderGivenAsTheConfigIsNamedAsAFolder() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir, List.of()));
        assertTrue(e.getMessage().endsWith(": is a folder; expected a YAML config file, e.g. configs/seed.yaml"),
                e.getMessage());
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstKey() throws IOException {
        RunConfig c = ConfigLoader.load(write("\uFEFFname: bom\n"), List.of());
        assertEquals("bom", c.name());
    }

    @Test
    void overridesTakeListsTabsAndAnyCaseOfAChoice() throws IOException {
        Path f = write("data:\n  source: csv\n  path: x.csv\n");
        RunConfig c = ConfigLoader.load(f, List.of(
                new ConfigOverride("data.targets", "[y1, y2]", "--set data.targets=[y1, y2]"),
                new ConfigOverride("data.delimiter", "\t", "--set data.delimiter=<tab>"),
                new ConfigOverride("backend", "CPU", "--backend"),
                new ConfigOverride("training.dtype", "Float", "--dtype")));
        assertEquals(List.of("y1", "y2"), c.data().targets());
        assertEquals("\t", c.data().delimiter());
        assertEquals(BackendRequest.CPU, c.backend());
        assertEquals(Precision.FLOAT, c.training().precision());
        RunConfig typed = ConfigLoader.load(f, List.of(new ConfigOverride("data.delimiter", "\\t", "--set")));
        assertEquals("\t", typed.data().delimiter(), "a backslash-t as a shell passes it is a tab");
        String m = error("name: x\n", new ConfigOverride("training.epochs", "0x10", "--set training.epochs=0x10"));
        assertTrue(m.startsWith("--set training.epochs=0x10: training.epochs: '0x10' is a YAML 1.1 number form"), m);
    }

    @Test
    void anOptimizersHyperParametersTakeDl4jsDefaultsAndTheGivenValues() throws IOException {
        Optimizer adam = ConfigLoader.load(write("training:\n  optimizer: adam\n  beta2: 0.99\n"), List.of())
                .training().optimizer();
        assertEquals(new Optimizer(Optimizer.Kind.ADAM, 0.9, 0.9, 0.99, 1e-8, 0.95, 0.95), adam);
        Optimizer adagrad = ConfigLoader.load(write("name: x\n"), List.of(new ConfigOverride("training.optimizer",
                "adagrad", "--set training.optimizer=adagrad"))).training().optimizer();
        assertEquals(1e-6, adagrad.epsilon(), "AdaGrad's own default epsilon");
        // the resolved tree names the rule's own hyper-parameters only, and reads back to the same config
        RunConfig c = ConfigLoader.load(write("training:\n  optimizer: rmsprop\n  epsilon: 1e-5\n"), List.of());
        java.util.Map<?, ?> t = (java.util.Map<?, ?>) ConfigTree.of(c).get("training");
        assertEquals(1e-5, t.get("epsilon"));
        assertEquals(0.95, t.get("rms_decay"));
        assertFalse(t.containsKey("momentum"));
        Path f = dir.resolve("tree.yaml");
        new YAMLMapper().writeValue(f.toFile(), ConfigTree.of(c));
        assertEquals(c.training(), ConfigLoader.load(f, List.of()).training());
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> ignoredSettings() {
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("training:\n  shuffle: numpy\n  shuffle_seed: 7\n",
                        "training.shuffle_seed: not used by training.shuffle numpy"),
                org.junit.jupiter.params.provider.Arguments.of("training:\n  early_stopping:\n    patience: 3\n",
                        "training.early_stopping.patience: not used by early stopping"),
                org.junit.jupiter.params.provider.Arguments.of(
                        "training:\n  early_stopping:\n    restore_best: true\n",
                        "training.early_stopping.restore_best: not used"),
                org.junit.jupiter.params.provider.Arguments.of("training:\n  lr_schedule:\n    gamma: 0.5\n",
                        "training.lr_schedule.gamma: not used by training.lr_schedule.type none"),
                org.junit.jupiter.params.provider.Arguments.of(
                        "training:\n  lr_schedule:\n    type: step\n    gamma: 0.5\n",
                        "training.lr_schedule.gamma: not used by training.lr_schedule.type step"),
                org.junit.jupiter.params.provider.Arguments.of(
                        "training:\n  lr_schedule:\n    type: exponential\n    max_iter: 50\n",
                        "training.lr_schedule.max_iter: not used"),
                org.junit.jupiter.params.provider.Arguments.of(
                        "training:\n  lr_schedule:\n    type: poly\n    values: {0: 0.1}\n",
                        "training.lr_schedule.values: not used"),
                org.junit.jupiter.params.provider.Arguments.of("training:\n  checkpoint_keep: 5\n",
                        "training.checkpoint_keep: not used"),
                org.junit.jupiter.params.provider.Arguments.of(
                        "data:\n  source: make_regression\n  header: false\n",
                        "data.header: not used by data.source make_regression"));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{1}")
    @org.junit.jupiter.params.provider.MethodSource("ignoredSettings")
    void aSettingThatCannotTakeEffectIsRefusedNamingWhatItNeeds(String yaml, String expected) throws IOException {
        String e = error(yaml);
        assertTrue(e.contains(expected), e);
    }

    @Test
    void aFlagThatSwitchesAFeatureOffKeepsTheFilesSettingsForIt() throws IOException {
        // --set training.early_stopping.monitor=none on a file with a patience: the patience waits for it
        RunConfig c = ConfigLoader.load(write("split:\n  validation_size: 0.2\ntraining:\n  early_stopping:\n"
                + "    monitor: val_loss\n    patience: 3\n"), List.of(new ConfigOverride(
                        "training.early_stopping.monitor", "none", "--set")));
        assertEquals(EarlyStopping.Monitor.NONE, c.training().earlyStopping().monitor());
    }

    @Test
    void aSettingAtItsDefaultWhereItDoesNotApplyIsAccepted() throws IOException {
        // seed.yaml names shuffle_seed 42 with shuffle numpy: the default, so harmless
        ConfigLoader.load(write("training:\n  shuffle: numpy\n  shuffle_seed: 42\n  early_stopping:\n"
                + "    patience: 5\n"), List.of());
    }
}
