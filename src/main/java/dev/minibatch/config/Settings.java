package dev.minibatch.config;

import dev.minibatch.batch.Shuffle;

import java.util.List;

/**
 * Every configuration key minibatch reads, declared once with its default and description. The YAML reader,
 * the command-line overrides and the documentation all use these declarations.
 */
public final class Settings {
    private Settings() {
    }

    /** The run's name. */
    public static final Setting<String> NAME = Setting.text("name", null, "[A-Za-z0-9][A-Za-z0-9_.-]{0,99}",
            "up to 100 letters, digits, '_', '.' or '-'", "The run's name; the default output folder is runs/<name>.");

    /** The ND4J backend. */
    public static final Setting<BackendRequest> BACKEND = Setting.choice("backend", BackendRequest.class,
            BackendRequest.AUTO, "auto: CUDA when it can run, else CPU (the reason is recorded); cpu; cuda: CUDA or"
                    + " exit code 2.");

    /** The scratch trainer's kernels. */
    public static final Setting<Kernels> KERNELS = Setting.choice("kernels", Kernels.class,
            Kernels.AUTO, "auto: ND4J's when ND4J runs on the GPU, else minibatch's CUDA kernels when a GPU is"
                    + " usable, else host (the reason is recorded); host; nd4j; cuda: the GPU or exit code 2.");

    /** The data source. */
    public static final Setting<String> DATA_SOURCE = Setting.text("data.source", "make_regression",
            "make_regression|make_friedman1|make_classification|make_moons|make_circles|make_blobs|csv",
            "make_regression, make_friedman1, make_classification, make_moons, make_circles, make_blobs or csv",
            "Where the data comes from: scikit-learn's make_regression (linear) or make_friedman1 (nonlinear, one"
                    + " target, n_features ≥ 5); its classification generators make_classification, make_moons,"
                    + " make_circles (two classes, two features) and make_blobs (data.centers classes); or a CSV file.");
    /** The CSV file. */
    public static final Setting<String> DATA_PATH = Setting.text("data.path", "", ".*", "a file path",
            "The CSV file (source: csv); a relative path resolves against the config file's folder.");
    /** Whether the CSV has a header line. */
    public static final Setting<Boolean> DATA_HEADER = Setting.bool("data.header", true,
            "Whether the CSV's first line names the columns.");
    /** The CSV delimiter. */
    public static final Setting<String> DATA_DELIMITER = new Setting<>("data.delimiter", ",",
            "The CSV's cell delimiter: one character, or a tab (written \"\\t\", \\t or tab).", node -> {
                String t = node.isTextual() ? node.asText() : "";
                if (t.equals("\\t") || t.equals("tab")) {
                    return "\t"; // a tab as a shell passes it: --set data.delimiter=\\t
                }
                if (!t.matches("[^\\s\"]|\t")) {
                    throw new IllegalArgumentException("must be one character (not a quote or a space), or a tab"
                            + " (\"\\t\", \\t or tab), got " + Setting.shown(node));
                }
                return t;
            });
    /** The target columns of a CSV. */
    public static final Setting<java.util.List<String>> DATA_TARGETS = Setting.columns("data.targets",
            "Target columns of the CSV, by name (with a header) or 0-based index; default: the last column.");
    /** The classes of a CSV's label column. */
    public static final Setting<java.util.List<String>> DATA_CLASSES = Setting.classes("data.classes",
            "A classifier's CSV: the label column's classes, auto (its labels, in scikit-learn's order: numbers by"
                    + " value, text alphabetically) or a list in the order of the model's outputs; required when the"
                    + " labels are numbers (text labels default to auto).");
    /** Whether to use the disk cache. */
    public static final Setting<DataConfig.Cache> DATA_CACHE = Setting.choice("data.cache", DataConfig.Cache.class,
            DataConfig.Cache.AUTO, "auto (when the data would take more than an eighth of the heap), always or"
                    + " never: read the data once into binary files on disk and train from memory-mapped files, for"
                    + " data larger than the heap; the results are the in-memory run's, bit for bit.");
    /** The disk cache's folder. */
    public static final Setting<String> DATA_CACHE_DIR = new Setting<>("data.cache_dir", "",
            "The disk cache's folder (default: .cache beside the run folder, e.g. runs/.cache); a relative path is"
                    + " resolved against the config file's folder.", node -> {
                if (!node.isTextual()) {
                    throw new IllegalArgumentException("must be a folder path, got " + Setting.shown(node));
                }
                return node.asText();
            });
    /** make_regression's n_samples. */
    public static final Setting<Integer> N_SAMPLES = Setting.integer("data.n_samples", 1000, 2, 100_000_000,
            "Rows generated by make_regression.");
    /** make_regression's n_features. */
    public static final Setting<Integer> N_FEATURES = Setting.integer("data.n_features", 1, 1, 100_000,
            "Features generated by make_regression.");
    /** make_regression's n_informative. */
    public static final Setting<Integer> N_INFORMATIVE = Setting.integer("data.n_informative", 10, 0, 100_000,
            "Informative features (scikit-learn's default 10, capped at n_features).");
    /** make_regression's n_targets. */
    public static final Setting<Integer> N_TARGETS = Setting.integer("data.n_targets", 1, 1, 10_000,
            "Targets generated by make_regression.");
    /** make_regression's noise. */
    public static final Setting<Double> NOISE = Setting.real("data.noise", 0.0, "a finite number ≥ 0",
            v -> Double.isFinite(v) && v >= 0, "Standard deviation of the Gaussian noise on the targets.");
    /** make_regression's bias. */
    public static final Setting<Double> BIAS = Setting.real("data.bias", 0.0, "a finite number",
            Double::isFinite, "Intercept of the generated targets.");
    /** make_regression's random_state. */
    public static final Setting<Long> DATA_SEED = Setting.seed("data.random_state", 42L,
            "Seed of the generator's RandomState.");
    /** make_circles' factor. */
    public static final Setting<Double> FACTOR = Setting.real("data.factor", 0.8,
            "a number from 0 up to, not including, 1", v -> v >= 0 && v < 1,
            "make_circles: the inner circle's radius relative to the outer one.");
    /** make_blobs' centers. */
    public static final Setting<Integer> CENTERS = Setting.integer("data.centers", 3, 2, DataConfig.MAX_CLASSES,
            "make_blobs: the number of clusters, each a class.");
    /** make_blobs' cluster_std. */
    public static final Setting<Double> CLUSTER_STD = Setting.real("data.cluster_std", 1.0, "a finite number ≥ 0",
            v -> Double.isFinite(v) && v >= 0, "make_blobs: each cluster's standard deviation.");
    /** make_classification's n_redundant. */
    public static final Setting<Integer> N_REDUNDANT = Setting.integer("data.n_redundant", 2, 0, 100_000,
            "make_classification: features that are random linear combinations of the informative ones.");
    /** make_classification's n_repeated. */
    public static final Setting<Integer> N_REPEATED = Setting.integer("data.n_repeated", 0, 0, 100_000,
            "make_classification: features copied from the informative and redundant ones.");
    /** make_classification's n_classes. */
    public static final Setting<Integer> N_CLASSES = Setting.integer("data.n_classes", 2, 2, DataConfig.MAX_CLASSES,
            "make_classification: the number of classes.");
    /** make_classification's n_clusters_per_class. */
    public static final Setting<Integer> CLUSTERS_PER_CLASS = Setting.integer("data.n_clusters_per_class", 2, 1,
            1000, "make_classification: clusters (hypercube vertices) per class.");
    /** make_classification's flip_y. */
    public static final Setting<Double> FLIP_Y = Setting.real("data.flip_y", 0.01, "a number from 0 to 1",
            v -> v >= 0 && v <= 1, "make_classification: the fraction of labels replaced at random.");
    /** make_classification's class_sep. */
    public static final Setting<Double> CLASS_SEP = Setting.real("data.class_sep", 1.0, "a finite number > 0",
            v -> Double.isFinite(v) && v > 0, "make_classification: half the hypercube's side.");
    /** Whether the split keeps the class proportions. */
    public static final Setting<Boolean> STRATIFY = Setting.bool("split.stratify", false,
            "Keep each class's share in both splits, as train_test_split(stratify=y) (classification only).");

    /** train_test_split's test_size. */
    public static final Setting<Double> TEST_SIZE = Setting.real("split.test_size", 0.25,
            "a number strictly between 0 and 1", v -> v > 0 && v < 1, "Fraction of rows held out for testing.");
    /** The validation fraction of the training split. */
    public static final Setting<Double> VALIDATION_SIZE = Setting.real("split.validation_size", 0.0,
            "a number from 0 (none) up to, not including, 1", v -> v >= 0 && v < 1,
            "Fraction of the training split held out for validation, Keras' validation_split: the last rows of the"
                    + " training split in train_test_split's order; the per-epoch history gains val_loss.");
    /** train_test_split's random_state. */
    public static final Setting<Long> SPLIT_SEED = Setting.seed("split.random_state", 42L,
            "Seed of train_test_split's permutation.");

    /** Whether to standardise the features. */
    public static final Setting<Boolean> STANDARDIZE = Setting.bool("preprocess.standardize", false,
            "Standardise each feature with the training rows' mean and population standard deviation"
                    + " (scikit-learn's StandardScaler); applied to both splits and saved with the model.");

    /** The initialisation scheme. */
    public static final Setting<Init> INIT = Setting.choice("model.init", Init.class, Init.NUMPY_RANDN,
            "How the initial parameters are drawn.");
    /** The hidden layers. */
    public static final Setting<List<HiddenLayer>> HIDDEN_LAYERS = new Setting<>("model.hidden_layers", List.of(),
            "The network's hidden dense layers, input to output, e.g. [{units: 64, activation: relu}, {units: 32,"
                    + " activation: tanh}] (alpha: for leakyrelu and elu); empty: the linear model.",
            HiddenLayers::parse);
    /** The output layer's activation. */
    public static final Setting<Activation> OUTPUT_ACTIVATION = Setting.choice("model.output_activation",
            Activation.class, Activation.IDENTITY, "The output layer's activation (DL4J's definitions, leakyrelu and elu"
                    + " with their default alpha): identity for regression's plain outputs.");
    /** The initialisation seed. */
    public static final Setting<Long> INIT_SEED = Setting.seed("model.init_seed", 42L,
            "Seed of the NumPy stream that draws the initial parameters (and, with shuffle: numpy, the epochs).");

    /** The loss convention. */
    public static final Setting<Loss> LOSS = Setting.choice("training.loss", Loss.class, Loss.HALF_MSE,
            "half_mse: the tutorial's (1/2m)·Σe²; mse: Keras'/DL4J's (1/(m·k))·Σe².");
    /** The learning rate. */
    public static final Setting<Double> LEARNING_RATE = Setting.real("training.learning_rate", 0.01,
            "a finite number > 0", v -> Double.isFinite(v) && v > 0, "SGD step size.");
    /** The number of epochs. */
    public static final Setting<Integer> EPOCHS = Setting.integer("training.epochs", 100, 1, 100_000_000,
            "Passes over the training split.");
    /** The batch size. */
    public static final Setting<Integer> BATCH_SIZE = Setting.integer("training.batch_size", 32, 1,
            Integer.MAX_VALUE, "Rows per update; the last batch of an epoch is partial when needed.");
    /** The shuffle mode. */
    public static final Setting<Shuffle> SHUFFLE = Setting.choice("training.shuffle", Shuffle.class,
            Shuffle.NUMPY, "How the rows are reordered every epoch.");
    /** The seed of the seeded shuffle. */
    public static final Setting<Long> SHUFFLE_SEED = Setting.seed("training.shuffle_seed", 42L,
            "Seed of the Java shuffle (shuffle: seeded).");
    /** The floating-point type. */
    public static final Setting<Precision> DTYPE = Setting.choice("training.dtype", Precision.class,
            Precision.DOUBLE, "Floating-point type of both trainers.");
    /** The update rule. */
    public static final Setting<Optimizer.Kind> OPTIMIZER = Setting.choice("training.optimizer", Optimizer.Kind.class,
            Optimizer.Kind.SGD, "sgd (the tutorial's), nesterovs, adam, adamax, nadam, amsgrad, rmsprop, adagrad or"
                    + " adadelta: DL4J's IUpdaters, each implemented by hand in the scratch trainer.");
    /** Nesterov momentum. */
    public static final Setting<Double> MOMENTUM = Setting.real("training.momentum", 0.9,
            "a number from 0 up to, not including, 1 (μ ≥ 1 never converges)", v -> v >= 0 && v < 1,
            "nesterovs: the momentum μ (DL4J's default 0.9).");
    /** The Adam family's first-moment decay. */
    public static final Setting<Double> BETA1 = Setting.real("training.beta1", 0.9, "a number from 0 up to, not"
            + " including, 1", v -> v >= 0 && v < 1, "adam, adamax, nadam, amsgrad: the first-moment decay β₁.");
    /** The Adam family's second-moment decay. */
    public static final Setting<Double> BETA2 = Setting.real("training.beta2", 0.999, "a number from 0 up to, not"
            + " including, 1", v -> v >= 0 && v < 1, "adam, adamax, nadam, amsgrad: the second-moment decay β₂.");
    /** The denominator's epsilon; NaN stands for the rule's own default. */
    public static final Setting<Double> EPSILON = Setting.real("training.epsilon", Double.NaN,
            "a finite number > 0", v -> Double.isFinite(v) && v > 0, "Every rule but sgd and nesterovs: the ε added"
                    + " to the denominator; DL4J's default for the rule when absent (1e-8; 1e-6 for adagrad and"
                    + " adadelta).");
    /** RmsProp's decay. */
    public static final Setting<Double> RMS_DECAY = Setting.real("training.rms_decay", 0.95, "a number from 0 up"
            + " to, not including, 1", v -> v >= 0 && v < 1, "rmsprop: the decay of the mean of ∇² (DL4J's 0.95).");
    /** AdaDelta's rho. */
    public static final Setting<Double> RHO = Setting.real("training.rho", 0.95, "a number from 0 up to, not"
            + " including, 1", v -> v >= 0 && v < 1, "adadelta: the decay ρ of its two means (DL4J's 0.95).");
    /** L1 regularization. */
    public static final Setting<Double> L1 = Setting.real("training.l1", 0.0, "a finite number ≥ 0",
            v -> Double.isFinite(v) && v >= 0, "DL4J's L1 regularization on the weights: ∇W += l1·sign(W).");
    /** L2 regularization. */
    public static final Setting<Double> L2 = Setting.real("training.l2", 0.0, "a finite number ≥ 0",
            v -> Double.isFinite(v) && v >= 0, "DL4J's L2 regularization on the weights: ∇W += l2·W (after the"
                    + " division by the batch size, before the learning rate).");
    /** The learning-rate schedule. */
    public static final Setting<LrSchedule.Type> LR_SCHEDULE = Setting.choice("training.lr_schedule.type",
            LrSchedule.Type.class, LrSchedule.Type.NONE,
            "none (constant), step, exponential, inverse, poly or map: DL4J's ISchedules (see docs/USAGE.md).");
    /** What the schedule counts. */
    public static final Setting<LrSchedule.Unit> LR_UNIT = Setting.choice("training.lr_schedule.unit",
            LrSchedule.Unit.class, LrSchedule.Unit.ITERATION, "iteration (updates, from 0) or epoch (from 0).");
    /** The schedule's gamma. */
    public static final Setting<Double> LR_GAMMA = Setting.real("training.lr_schedule.gamma", 0.99,
            "a finite number ≥ 0", v -> Double.isFinite(v) && v >= 0, "exponential: lr₀·gamma^i; inverse: lr₀/(1 + gamma·i)^power.");
    /** The step schedule's decay. */
    public static final Setting<Double> LR_DECAY = Setting.real("training.lr_schedule.decay_rate", 0.5,
            "a finite number ≥ 0", v -> Double.isFinite(v) && v >= 0, "step: lr₀·decay_rate^⌊i/step⌋.");
    /** The step schedule's step. */
    public static final Setting<Double> LR_STEP = Setting.real("training.lr_schedule.step", 10.0,
            "a finite number > 0", v -> Double.isFinite(v) && v > 0, "step: iterations or epochs per step.");
    /** The schedule's power. */
    public static final Setting<Double> LR_POWER = Setting.real("training.lr_schedule.power", 1.0,
            "a finite number", Double::isFinite, "inverse and poly: the exponent.");
    /** The poly schedule's end. */
    public static final Setting<Integer> LR_MAX_ITER = Setting.integer("training.lr_schedule.max_iter", 1000, 1,
            Integer.MAX_VALUE, "poly: where the rate becomes 0.");
    /** The map schedule's values. */
    public static final Setting<java.util.SortedMap<Integer, Double>> LR_VALUES = new Setting<>(
            "training.lr_schedule.values", new java.util.TreeMap<>(),
            "map: rates by iteration or epoch, e.g. {0: 0.1, 50: 0.01}; key 0 is required.", node -> {
                if (!node.isObject()) {
                    throw new IllegalArgumentException("must be a mapping of iterations or epochs to rates, e.g."
                            + " {0: 0.1, 50: 0.01}, got " + Setting.shown(node));
                }
                java.util.Map<String, Double> m = new java.util.LinkedHashMap<>();
                for (var it = node.fields(); it.hasNext(); ) {
                    var e = it.next();
                    if (!e.getValue().isNumber()) {
                        throw new IllegalArgumentException("rates must be numbers, got " + e.getKey() + ": "
                                + Setting.shown(e.getValue()));
                    }
                    m.put(e.getKey(), e.getValue().asDouble());
                }
                return LrSchedule.values(m);
            });
    /** The loss early stopping watches. */
    public static final Setting<EarlyStopping.Monitor> ES_MONITOR = Setting.choice("training.early_stopping.monitor",
            EarlyStopping.Monitor.class, EarlyStopping.Monitor.NONE,
            "none (off), val_loss (needs split.validation_size > 0), train_loss, or for a classifier val_accuracy.");
    /** Early stopping's patience. */
    public static final Setting<Integer> ES_PATIENCE = Setting.integer("training.early_stopping.patience", 5, 1,
            100_000_000, "Epochs without an improvement before training stops.");
    /** Early stopping's least improvement. */
    public static final Setting<Double> ES_MIN_DELTA = Setting.real("training.early_stopping.min_delta", 0.0,
            "a finite number ≥ 0", v -> Double.isFinite(v) && v >= 0,
            "The least decrease of the monitored loss that counts as an improvement.");
    /** Whether early stopping restores the best epoch's parameters. */
    public static final Setting<Boolean> ES_RESTORE_BEST = Setting.bool("training.early_stopping.restore_best", false,
            "End with the parameters of the best epoch (Keras' restore_best_weights).");
    /** Epochs between checkpoints. */
    public static final Setting<Integer> CHECKPOINT_EVERY = Setting.integer("training.checkpoint_every", 0, 0,
            100_000_000, "Epochs between checkpoints that `train --resume` continues from (0: none); each trainer"
                    + " also checkpoints its last epoch.");
    /** Checkpoints kept. */
    public static final Setting<Integer> CHECKPOINT_KEEP = Setting.integer("training.checkpoint_keep", 3, 1, 1000,
            "How many of each trainer's latest checkpoints to keep.");
    /** The Spark master. */
    public static final Setting<String> DIST_SPARK = new Setting<>("distributed.master", "",
            "The Spark master URL a run trains on (set by --spark): local[N], spark://host:port or yarn; empty for one"
                    + " machine.", node -> {
                if (!node.isTextual()) {
                    throw new IllegalArgumentException("must be a Spark master URL, got " + Setting.shown(node));
                }
                return node.asText().strip();
            });
    /** Spark workers. */
    public static final Setting<Integer> DIST_WORKERS = Setting.integer("distributed.workers", 2, 1, 100_000,
            "--spark: the workers (Spark partitions) of each averaging round.");
    /** Spark per-worker batch size. */
    public static final Setting<Integer> DIST_BATCH = Setting.integer("distributed.batch_size_per_worker", 0, 0,
            Integer.MAX_VALUE, "--spark: rows of each worker's mini-batch (0: training.batch_size).");
    /** Averaging frequency. */
    public static final Setting<Integer> DIST_FREQ = Setting.integer("distributed.averaging_frequency", 5, 1,
            100_000_000, "--spark: mini-batches each worker fits between averagings (DL4J's default 5).");
    /** Worker prefetch. */
    public static final Setting<Integer> DIST_PREFETCH = Setting.integer("distributed.prefetch", 0, 0, 1000,
            "--spark: mini-batches each worker prefetches (speed only).");
    /** The training master. */
    public static final Setting<DistributedConfig.TrainingMaster> DIST_MASTER = Setting.choice(
            "distributed.training_master", DistributedConfig.TrainingMaster.class,
            DistributedConfig.TrainingMaster.PARAMETER_AVERAGING,
            "--spark: parameter_averaging (DL4J's ParameterAveragingTrainingMaster, simulated by the scratch"
                    + " trainer) or shared_gradients (SharedTrainingMaster on local[N]; DL4J alone; see docs/SPARK.md).");
    /** The agreement tolerance. */
    public static final Setting<Double> AGREEMENT_TOLERANCE = Setting.real("training.agreement_tolerance", 0.0,
            "a finite number ≥ 0", v -> Double.isFinite(v) && v >= 0,
            "Largest absolute parameter difference between the two trainers still called agreement.");

    /** All settings, in documentation order. */
    public static final List<Setting<?>> ALL = List.of(NAME, BACKEND, KERNELS, DATA_SOURCE, DATA_PATH, DATA_HEADER,
            DATA_DELIMITER, DATA_TARGETS, DATA_CLASSES, DATA_CACHE, DATA_CACHE_DIR, N_SAMPLES, N_FEATURES, N_INFORMATIVE, N_TARGETS, NOISE, BIAS, DATA_SEED,
            FACTOR, CENTERS, CLUSTER_STD, N_REDUNDANT, N_REPEATED, N_CLASSES, CLUSTERS_PER_CLASS, FLIP_Y, CLASS_SEP,
            TEST_SIZE, SPLIT_SEED, VALIDATION_SIZE, STRATIFY, STANDARDIZE, HIDDEN_LAYERS, OUTPUT_ACTIVATION, INIT, INIT_SEED, LOSS, LEARNING_RATE, EPOCHS, BATCH_SIZE, SHUFFLE,
            SHUFFLE_SEED, DTYPE, AGREEMENT_TOLERANCE, OPTIMIZER, MOMENTUM, BETA1, BETA2, EPSILON, RMS_DECAY, RHO, L1, L2, LR_SCHEDULE, LR_UNIT, LR_GAMMA, LR_DECAY, LR_STEP, LR_POWER,
            LR_MAX_ITER, LR_VALUES, ES_MONITOR, ES_PATIENCE, ES_MIN_DELTA, ES_RESTORE_BEST, CHECKPOINT_EVERY, CHECKPOINT_KEEP, DIST_SPARK, DIST_WORKERS, DIST_BATCH,
            DIST_FREQ, DIST_PREFETCH, DIST_MASTER);
}
