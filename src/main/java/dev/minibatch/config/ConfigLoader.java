package dev.minibatch.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import org.apache.commons.text.similarity.LevenshteinDistance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a YAML run configuration, applies command-line overrides, and validates every value against its
 * {@link Settings} declaration. Unknown keys are errors. Every error is a {@link ConfigException} with one line
 * naming the file (or flag), the key and what is allowed.
 */
public final class ConfigLoader {
    /** The largest config file read: far above any real config, and refused at once instead of parsed. */
    static final long MAX_BYTES = 256 * 1024;
    /** Turns a config tree of maps back into the nodes a file is read into. */
    private static final com.fasterxml.jackson.databind.ObjectMapper TREE =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private ConfigLoader() {
    }

    /**
     * Loads and validates a configuration file.
     *
     * @param file the YAML file.
     * @param overrides values from the command line; each replaces the file's value for its key.
     * @return the validated configuration.
     * @throws ConfigException if the file is missing or unreadable, or any value is not allowed.
     */
    public static RunConfig load(Path file, List<ConfigOverride> overrides) {
        String where = file.toString();
        if (Files.isDirectory(file)) {
            throw new ConfigException(where + ": is a folder; expected a YAML config file, e.g. configs/seed.yaml");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {    // a FIFO, a device, a socket: never read
            throw new ConfigException(where + ": is not a regular file (a pipe or a device); expected a YAML config"
                    + " file, e.g. configs/seed.yaml");
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(where + ": no such config file");
        }
        JsonNode root;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ConfigException(where + ": the file is " + Files.size(file) / 1024 + " KiB; a config is"
                        + " at most " + MAX_BYTES / 1024 + " KiB of YAML (is this the right file?)");
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            try {
                root = StrictYaml.read(text.startsWith("\uFEFF") ? text.substring(1) : text, "");
            } catch (JsonProcessingException e) {
                int tab = indentedWithTab(text);  // SnakeYAML names the line before a tab's
                if (tab > 0) {
                    throw new ConfigException(where + ": line " + tab + ": indented with a tab; YAML indents with"
                            + " spaces only");
                }
                throw e;
            }
        } catch (StrictYaml.Problem e) {
            throw new ConfigException(where + ": line " + e.line + ": " + e.getMessage());
        } catch (JsonProcessingException e) {
            String line = e.getLocation() == null ? "" : " line " + e.getLocation().getLineNr() + ":";
            java.util.regex.Matcher dup = java.util.regex.Pattern.compile("Duplicate field '(.*)'")
                    .matcher(String.valueOf(e.getOriginalMessage()));
            if (dup.find()) {                                  // Jackson's words for a key written twice
                throw new ConfigException(where + ":" + line + " the key '" + Setting.clip(dup.group(1)) + "' is"
                        + " written twice in one mapping; YAML allows each key once");
            }
            throw new ConfigException(where + ":" + line + " not valid YAML (" + Setting.firstLine(e.getOriginalMessage(), "parse error")
                    + ")");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ConfigException(where + ": not a UTF-8 text file");
        } catch (IOException e) {
            throw new ConfigException(where + ": cannot read (" + e.getMessage() + ")");
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ConfigException(where + ": the file is empty; expected a mapping with the keys "
                    + sectionsAndKeys(""));
        }
        String stem = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        return build(root, where, stem, file.toAbsolutePath().getParent(), overrides);
    }

    /**
     * Reads a configuration back from the tree a run wrote ({@link ConfigTree}: results.json's {@code config}),
     * checked as a config file is; its paths were resolved when the run read its file, and stay as they are.
     *
     * @param tree the tree.
     * @param where what names it in a message, e.g. "runs/iris/results.json".
     * @return the configuration.
     * @throws ConfigException if the tree is not a configuration this version reads.
     */
    public static RunConfig fromTree(Map<String, Object> tree, String where) {
        JsonNode root = TREE.valueToTree(tree);
        return build(root, where, root.path("name").asText("run"), null, List.of());
    }

    /**
     * Returns a copy of a configuration with one setting changed, read and checked as a config file's value is
     * (the way a sweep sets each batch size).
     *
     * @param config the configuration.
     * @param setting the setting.
     * @param value its new value.
     * @param <T> the value's type.
     * @return the new configuration.
     * @throws ConfigException if the value is not allowed, alone or with the others.
     */
    static <T> RunConfig with(RunConfig config, Setting<T> setting, T value) {
        Map<String, Object> tree = ConfigTree.of(config);
        ConfigTree.put(tree, setting.key(), setting.writer().apply(value));   // null: the default
        JsonNode root = TREE.valueToTree(tree);
        return build(root, "the configuration of " + config.name() + " with " + setting.key() + " " + value,
                config.name(), null, List.of());
    }

    /**
     * Reads a parsed config tree: the file's, or one written by {@link ConfigTree} ({@code folder} {@code null}: its
     * paths were resolved when it was first read, and stay as they are).
     */
    private static RunConfig build(JsonNode root, String where, String stem, Path folder,
                                   List<ConfigOverride> overrides) {
        if (!root.isObject()) {
            throw new ConfigException(where + ": expected a mapping with the keys " + sectionsAndKeys(""));
        }
        checkKeys(where, root, "");
        for (ConfigOverride o : overrides) {
            if (Settings.ALL.stream().noneMatch(s -> s.key().equals(o.key()))) {
                List<String> below = Settings.ALL.stream().map(Setting::key).filter(k -> k.startsWith(o.key() + "."))
                        .toList();
                if (!below.isEmpty()) {                 // a section: --set sets one key at a time
                    throw new ConfigException(o.flag() + ": '" + o.key() + "' is a section, not a key; set one of"
                            + " its keys, e.g. --set " + below.get(0) + "=… (its keys: " + String.join(", ",
                            below.subList(0, Math.min(8, below.size()))) + (below.size() > 8 ? ", … "
                            + below.size() + " in all; docs/USAGE.md lists them" : "") + ")");
                }
                String near = didYouMean(o.key());      // the near key alone; every key only when none is near
                throw new ConfigException(o.flag() + ": unknown key '" + Setting.clip(o.key()) + "'" + (near.isEmpty()
                        ? " (allowed: " + Settings.ALL.stream().map(Setting::key).collect(Collectors.joining(", "))
                        + ")" : near + " (docs/USAGE.md lists every key)"));
            }
        }

        Values v = new Values(where, root, overrides, stem);
        RunConfig config = new RunConfig(
                v.get(Settings.NAME),
                v.get(Settings.BACKEND),
                v.get(Settings.KERNELS),
                new DataConfig(v.get(Settings.DATA_SOURCE), v.get(Settings.N_SAMPLES), nFeatures(v),
                        nInformative(v), v.get(Settings.N_TARGETS), v.get(Settings.NOISE),
                        v.get(Settings.BIAS), v.get(Settings.DATA_SEED), csvPath(v, folder),
                        v.get(Settings.DATA_HEADER), v.get(Settings.DATA_DELIMITER), v.get(Settings.DATA_TARGETS),
                        v.get(Settings.DATA_CACHE), cacheDir(v, folder), v.get(Settings.FACTOR),
                        v.get(Settings.CENTERS), v.get(Settings.CLUSTER_STD), v.get(Settings.DATA_CLASSES),
                        new DataConfig.Classification(v.get(Settings.N_REDUNDANT), v.get(Settings.N_REPEATED),
                                v.get(Settings.N_CLASSES), v.get(Settings.CLUSTERS_PER_CLASS), v.get(Settings.FLIP_Y),
                                v.get(Settings.CLASS_SEP)),
                        new DataConfig.Images(v.get(Settings.TRAIN_LIMIT), v.get(Settings.TEST_LIMIT))),
                new SplitConfig(v.get(Settings.TEST_SIZE), v.get(Settings.SPLIT_SEED), v.get(Settings.VALIDATION_SIZE),
                        v.get(Settings.STRATIFY)),
                new PreprocessConfig(v.get(Settings.STANDARDIZE)),
                new ModelConfig(v.get(Settings.INIT), v.get(Settings.INIT_SEED)),
                new TrainingConfig(v.get(Settings.LOSS), v.get(Settings.LEARNING_RATE), v.get(Settings.EPOCHS),
                        v.get(Settings.BATCH_SIZE), v.get(Settings.SHUFFLE), v.get(Settings.SHUFFLE_SEED),
                        v.get(Settings.DTYPE), v.get(Settings.AGREEMENT_TOLERANCE),
                        new EarlyStopping(v.get(Settings.ES_MONITOR), v.get(Settings.ES_PATIENCE),
                                v.get(Settings.ES_MIN_DELTA), v.get(Settings.ES_RESTORE_BEST)),
                        v.get(Settings.L1), v.get(Settings.L2),
                        new LrSchedule(v.get(Settings.LR_SCHEDULE), v.get(Settings.LR_UNIT), v.get(Settings.LR_GAMMA),
                                v.get(Settings.LR_DECAY), v.get(Settings.LR_STEP), v.get(Settings.LR_POWER),
                                v.get(Settings.LR_MAX_ITER), v.get(Settings.LR_VALUES)),
                        optimizer(v), v.get(Settings.HIDDEN_LAYERS), outputActivation(v)),
                new CheckpointConfig(v.get(Settings.CHECKPOINT_EVERY), v.get(Settings.CHECKPOINT_KEEP)),
                new DistributedConfig(v.get(Settings.DIST_SPARK), v.get(Settings.DIST_WORKERS), v.get(Settings.DIST_BATCH),
                        v.get(Settings.DIST_FREQ), v.get(Settings.DIST_PREFETCH), v.get(Settings.DIST_MASTER)));
        crossCheck(v, config);
        return config;
    }

    /**
     * n_features: scikit-learn's default for its classification generators when the file does not say (20 for
     * make_classification, 2 for the others).
     */
    private static int nFeatures(Values v) {
        String source = v.get(Settings.DATA_SOURCE);
        return DataConfig.CLASSIFICATION.contains(source) && !v.given(Settings.N_FEATURES.key())
                ? "make_classification".equals(source) ? 20 : 2 : v.get(Settings.N_FEATURES);
    }

    /** n_informative: make_classification's default is 2, make_regression's 10. */
    private static int nInformative(Values v) {
        return "make_classification".equals(v.get(Settings.DATA_SOURCE)) && !v.given(Settings.N_INFORMATIVE.key())
                ? 2 : v.get(Settings.N_INFORMATIVE);
    }

    /**
     * The output activation: a cross-entropy's own (sigmoid, softmax) when none is set, and refused when another
     * is; for the squared errors the configured one.
     */
    private static Activation outputActivation(Values v) {
        Activation set = v.get(Settings.OUTPUT_ACTIVATION);
        Loss loss = v.get(Settings.LOSS);
        if (set == Activation.SOFTMAX && !loss.isClassification()) {
            throw new ConfigException(v.source(Settings.OUTPUT_ACTIVATION.key()) + ": "
                    + Settings.OUTPUT_ACTIVATION.key() + ": softmax goes with training.loss categorical_crossentropy,"
                    + " not " + lowerName(loss));
        }
        if (loss.outputActivation() == null) {
            return set;
        }
        if (v.given(Settings.OUTPUT_ACTIVATION.key()) && set != loss.outputActivation()) {
            throw new ConfigException(v.source(Settings.OUTPUT_ACTIVATION.key()) + ": "
                    + Settings.OUTPUT_ACTIVATION.key() + ": training.loss " + lowerName(loss) + " is defined on "
                    + lowerName(loss.outputActivation()) + " outputs, got " + lowerName(set) + " (leave it out, or set "
                    + lowerName(loss.outputActivation()) + ")");
        }
        return loss.outputActivation();
    }

    private static String lowerName(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The update rule with its hyper-parameters; an absent epsilon is the rule's own DL4J default. (A hyper-parameter
     * given for a rule that does not use it is refused by its declaration, {@link Settings#BETA1} and the others.)
     */
    private static Optimizer optimizer(Values v) {
        Optimizer.Kind kind = v.get(Settings.OPTIMIZER);
        double epsilon = v.get(Settings.EPSILON);
        return new Optimizer(kind, v.get(Settings.MOMENTUM), v.get(Settings.BETA1), v.get(Settings.BETA2),
                Double.isNaN(epsilon) ? kind.defaultEpsilon() : epsilon, v.get(Settings.RMS_DECAY),
                v.get(Settings.RHO));
    }

    /** Resolves data.cache_dir against the config file's folder (as data.path); empty stays empty. */
    private static String cacheDir(Values v, Path folder) {
        String dir = v.get(Settings.DATA_CACHE_DIR);
        if (dir.isBlank()) {
            return "";
        }
        try {
            Path p = Path.of(dir);
            return (p.isAbsolute() || folder == null || v.overridden(Settings.DATA_CACHE_DIR.key()) ? p
                    : folder.resolve(p)).normalize().toString();
        } catch (java.nio.file.InvalidPathException e) {
            throw new ConfigException(v.source(Settings.DATA_CACHE_DIR.key()) + ": data.cache_dir: not a valid path ("
                    + e.getReason() + ")");
        }
    }

    /**
     * Resolves data.path against the config file's folder; required when the source is csv or mnist, Debian's folder
     * by default for fashion_mnist.
     */
    private static String csvPath(Values v, Path folder) {
        String path = v.get(Settings.DATA_PATH);
        String source = v.get(Settings.DATA_SOURCE);
        if (DataConfig.FASHION_MNIST.equals(source) && path.isBlank()) {
            return DataConfig.FASHION_MNIST_PATH;
        }
        if (!DataConfig.CSV.equals(source) && !DataConfig.IMAGE_SOURCES.contains(source)) {
            return path;
        }
        if (path.isBlank()) {
            throw new ConfigException(v.source(Settings.DATA_PATH.key()) + ": missing required key 'data.path'"
                    + (DataConfig.CSV.equals(source) ? " (the CSV file, for source: csv)" : " (the folder of the"
                    + " four IDX files, for source: " + source + ")"));
        }
        Path p;
        try {
            p = Path.of(path);
        } catch (java.nio.file.InvalidPathException e) {
            throw new ConfigException(v.source(Settings.DATA_PATH.key()) + ": data.path: not a valid path ("
                    + e.getReason() + ")");
        }
        return (p.isAbsolute() || folder == null || v.overridden(Settings.DATA_PATH.key()) ? p : folder.resolve(p)).normalize()
                .toString();
    }

    private static void crossCheck(Values v, RunConfig c) {
        if ("make_classification".equals(c.data().source())) {
            DataConfig.Classification mc = c.data().classification();
            int used = c.data().nInformative() + mc.nRedundant() + mc.nRepeated();
            if (used > c.data().nFeatures()) {
                throw new ConfigException(v.source(Settings.N_FEATURES.key()) + ": data.n_features: make_classification"
                        + " needs at least n_informative + n_redundant + n_repeated = " + used + ", got "
                        + c.data().nFeatures());
            }
            if (c.data().nInformative() < 1 || c.data().nInformative() > 30
                    || (long) mc.nClasses() * mc.clustersPerClass() > (1L << c.data().nInformative())) {
                throw new ConfigException(v.source(Settings.N_INFORMATIVE.key()) + ": data.n_informative:"
                        + " make_classification needs 1 … 30 and n_classes · n_clusters_per_class ≤ 2^n_informative,"
                        + " got " + c.data().nInformative() + " for " + mc.nClasses() + " · " + mc.clustersPerClass());
            }
        }
        if (c.data().isClassificationGenerator()) {
            if (List.of("make_moons", "make_circles").contains(c.data().source()) && v.given(Settings.N_FEATURES.key())
                    && c.data().nFeatures() != 2) {
                throw new ConfigException(v.source(Settings.N_FEATURES.key()) + ": data.n_features: "
                        + c.data().source() + " draws 2 features, got " + c.data().nFeatures());
            }
            if (c.data().cache() == DataConfig.Cache.ALWAYS) {
                throw new ConfigException(v.source(Settings.DATA_CACHE.key()) + ": data.cache: always: the disk"
                        + " cache takes make_regression and CSV data; " + c.data().source() + " is generated in"
                        + " memory");
            }
        }
        Loss loss = c.training().loss();
        if (loss == Loss.BINARY_CROSSENTROPY && c.data().isCsv() && c.data().targets().size() >= 2
                && c.data().cache() == DataConfig.Cache.ALWAYS) {
            throw new ConfigException(v.source(Settings.DATA_CACHE.key()) + ": data.cache: always: several labels"
                    + " (data.targets names " + c.data().targets().size() + " columns) are read in memory");
        }
        if (c.data().isClassificationGenerator() && !loss.isClassification()) {
            throw new ConfigException(v.source(Settings.LOSS.key()) + ": training.loss: data.source "
                    + c.data().source() + " gives class labels; use binary_crossentropy (sigmoid outputs) or"
                    + " categorical_crossentropy (softmax), not " + lowerName(loss));
        }
        if (c.data().isImages() && loss != Loss.CATEGORICAL_CROSSENTROPY) {
            throw new ConfigException(v.source(Settings.LOSS.key()) + ": training.loss: data.source "
                    + c.data().source() + " gives one of 10 classes per image; use categorical_crossentropy"
                    + " (softmax), not " + lowerName(loss));
        }
        if (c.data().isImages() && c.data().cache() == DataConfig.Cache.ALWAYS) {
            throw new ConfigException(v.source(Settings.DATA_CACHE.key()) + ": data.cache: always: the disk"
                    + " cache takes make_regression and CSV data; " + c.data().source() + " is read in memory");
        }
        if (loss.isClassification() && !c.data().isClassificationGenerator() && !c.data().isRead()) {
            throw new ConfigException(v.source(Settings.LOSS.key()) + ": training.loss: " + lowerName(loss)
                    + " needs class labels: data.source make_classification, make_moons, make_circles, make_blobs,"
                    + " fashion_mnist, mnist or a csv with a class column, not " + c.data().source());
        }
        if (c.data().isFriedman1()) {
            if (c.data().nFeatures() < 5) {
                throw new ConfigException(v.source(Settings.N_FEATURES.key()) + ": data.n_features: make_friedman1"
                        + " needs at least 5 (its target reads the first five), got " + c.data().nFeatures());
            }
            if (c.data().cache() == DataConfig.Cache.ALWAYS) {
                throw new ConfigException(v.source(Settings.DATA_CACHE.key()) + ": data.cache: always: the disk"
                        + " cache takes make_regression and CSV data; make_friedman1 is generated in memory");
            }
        }
        LrSchedule lr = c.training().lrSchedule();
        if (lr.type() == LrSchedule.Type.MAP && lr.values().isEmpty()) {
            throw new ConfigException(v.source(Settings.LR_VALUES.key()) + ": " + Settings.LR_VALUES.key()
                    + ": the map schedule needs values, e.g. {0: 0.1, 50: 0.01}");
        }
        EarlyStopping.Monitor monitor = c.training().earlyStopping().monitor();
        if (monitor.needsValidation() && c.split().validationSize() == 0) {
            throw new ConfigException(v.source(Settings.ES_MONITOR.key()) + ": " + Settings.ES_MONITOR.key()
                    + ": " + monitor.key() + " needs a validation set; set split.validation_size (e.g. 0.2) or"
                    + " monitor train_loss");
        }
        if (monitor == EarlyStopping.Monitor.VAL_ACCURACY && !c.training().loss().isClassification()) {
            throw new ConfigException(v.source(Settings.ES_MONITOR.key()) + ": " + Settings.ES_MONITOR.key()
                    + ": val_accuracy needs a classifier (training.loss binary_crossentropy or"
                    + " categorical_crossentropy); a regression monitors val_loss or train_loss");
        }
        // last, so that a wrong source or loss is named before the keys it leaves unread: a key the run does not read
        // may keep its default (a config can switch sources with one --set), but any other value would be silently
        // ignored: refused, naming why (each key's declaration in Settings says)
        for (Setting<?> s : Settings.ALL) {
            Setting.Unused unused = s.unusedIn(c);
            if (unused != null && !(v.overridden(unused.decidedBy()) && !v.overridden(s.key())) && v.given(s.key())
                    && !java.util.Objects.equals(v.get(s), s.defaultValue())) {
                throw new ConfigException(v.source(s.key()) + ": " + s.key() + ": not used by " + unused.why());
            }
        }
        // the split and the batch against the row count: data.SplitPlan, on every data path
    }

    /** @return the first line (from 1) whose indentation holds a tab, or 0. */
    private static int indentedWithTab(String text) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            int j = 0;
            while (j < l.length() && (l.charAt(j) == ' ' || l.charAt(j) == '\t')) {
                if (l.charAt(j) == '\t') {
                    return i + 1;
                }
                j++;
            }
        }
        return 0;
    }

    private static void checkKeys(String where, JsonNode node, String prefix) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = prefix + field.getKey();
            boolean isLeaf = Settings.ALL.stream().anyMatch(s -> s.key().equals(key));
            boolean isSection = Settings.ALL.stream().anyMatch(s -> s.key().startsWith(key + "."));
            if (isSection) {
                if (!field.getValue().isObject()) {
                    throw new ConfigException(where + ": " + key + ": must be a mapping with the keys "
                            + sectionsAndKeys(key + "."));
                }
                checkKeys(where, field.getValue(), key + ".");
            } else if (!isLeaf) {
                String scope = prefix.isEmpty() ? "at the top level" : "under " + prefix.substring(0,
                        prefix.length() - 1);
                String near = didYouMean(key);
                throw new ConfigException(where + ": unknown key '" + Setting.clip(key) + "'" + (near.isEmpty()
                        ? " (allowed " + scope + ": " + sectionsAndKeys(prefix) + ")"
                        : near + " (docs/USAGE.md lists every key)"));
            }
        }
    }

    /**
     * Suggests the declared key (or section) closest to a misspelled one: "; did you mean 'training.epochs'?", or
     * nothing when none is within a few edits.
     */
    static String didYouMean(String key) {
        Set<String> candidates = new LinkedHashSet<>();
        for (Setting<?> s : Settings.ALL) {
            String k = s.key();
            candidates.add(k);
            for (int dot = k.indexOf('.'); dot > 0; dot = k.indexOf('.', dot + 1)) {
                candidates.add(k.substring(0, dot));
            }
        }
        int limit = Math.max(2, key.length() / 4);
        LevenshteinDistance distance = new LevenshteinDistance(limit);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance.apply(key, c);
            if (d >= 0 && d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best == null ? "" : "; did you mean '" + best + "'?";
    }

    /** Lists the next-level names below a prefix: leaf keys and section names, in declaration order. */
    private static String sectionsAndKeys(String prefix) {
        Set<String> names = new LinkedHashSet<>();
        for (Setting<?> s : Settings.ALL) {
            if (s.key().startsWith(prefix)) {
                String rest = s.key().substring(prefix.length());
                int dot = rest.indexOf('.');
                names.add(dot < 0 ? rest : rest.substring(0, dot));
            }
        }
        return names.stream().collect(Collectors.joining(", "));
    }

    /** Looks values up in the overrides, then the file, then the defaults, and parses them. */
    private static final class Values {
        private final String file;
        private final JsonNode root;
        private final Map<String, ConfigOverride> overrides = new HashMap<>();
        private final String defaultName;

        Values(String file, JsonNode root, List<ConfigOverride> overrides, String defaultName) {
            this.file = file;
            this.root = root;
            this.defaultName = defaultName;
            for (ConfigOverride o : overrides) {
                this.overrides.put(o.key(), o);
            }
        }

        boolean overridden(String key) {
            return overrides.containsKey(key);
        }

        /** Whether a key was set, in the file or by an override. */
        boolean given(String key) {
            if (overrides.containsKey(key)) {
                return true;
            }
            JsonNode node = root;
            for (String part : key.split("\\.")) {
                node = node == null ? null : node.get(part);
            }
            return node != null;
        }

        String source(String key) {
            ConfigOverride o = overrides.get(key);
            return o == null ? file : o.flag();
        }

        <T> T get(Setting<T> setting) {
            String key = setting.key();
            ConfigOverride o = overrides.get(key);
            JsonNode node;
            if (o != null) {
                node = scalar(o);
            } else {
                node = root;
                for (String part : key.split("\\.")) {
                    node = node == null ? null : node.get(part);
                }
            }
            if (node == null) {
                if (setting.defaultValue() != null) {
                    return setting.defaultValue();
                }
                if (setting == Settings.NAME) {
                    node = TextNode.valueOf(defaultName);
                } else {
                    throw new ConfigException(file + ": missing required key '" + key + "'");
                }
            }
            try {
                return setting.parser().apply(node);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(source(key) + ": " + key + ": " + e.getMessage());
            }
        }

        /** An override's value, read as YAML like the file's (so --set data.targets=[a,b] is a list). */
        private static JsonNode scalar(ConfigOverride o) {
            String text = o.value();
            try {
                JsonNode n = StrictYaml.read(text, o.key());
                return n == null || n.isNull() ? TextNode.valueOf(text) : n; // "" or a tab: the text itself
            } catch (StrictYaml.Problem e) {
                throw new ConfigException(o.flag().length() > 80 ? "--set " + o.key() + ": " + e.getMessage()
                        : o.flag() + ": " + e.getMessage());
            } catch (IOException e) {
                return TextNode.valueOf(text); // not YAML (e.g. "a: b: c"): the plain text, checked by the setting
            }
        }
    }
}
