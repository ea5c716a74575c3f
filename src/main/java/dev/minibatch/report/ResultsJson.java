package dev.minibatch.report;

import dev.minibatch.io.AtomicFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.minibatch.backend.Versions;
import dev.minibatch.compare.Agreement;
import dev.minibatch.compare.LeastSquares;
import dev.minibatch.config.Loss;
import dev.minibatch.config.ConfigTree;
import dev.minibatch.data.Dataset;
import dev.minibatch.run.RunResult;
import dev.minibatch.train.EpochRecord;
import dev.minibatch.train.Parameters;
import dev.minibatch.train.TrainingResult;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.minibatch.config.ConfigException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes {@code results.json}: the configuration, backend, data sizes, each trainer's parameters, metrics and
 * per-epoch history, and the agreement. Keys are documented in docs/RESULTS.md. Per-epoch parameters are included
 * when the model has at most {@value #MAX_PARAMS_PER_EPOCH} weights, so the file stays small for wide data.
 */
public final class ResultsJson {
    /** The file name inside a run folder. */
    public static final String FILE = "results.json";
    /** The largest number of weights for which per-epoch parameters are written. */
    public static final int MAX_PARAMS_PER_EPOCH = 64;
    /** The most test rows stored for the report's plots. */
    public static final int MAX_PLOT_ROWS = 1000;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsJson() {
    }

    /**
     * Builds the JSON tree of a run.
     *
     * @param run the run's results.
     * @param reference the Python reference that matches the run's configuration, if any.
     * @return ordered maps, lists, strings and numbers.
     */
    public static Map<String, Object> tree(RunResult run, Optional<PythonReference> reference) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", run.config().name());
        root.put("minibatch_version", Versions.minibatch());
        root.put("config", ConfigTree.of(run.config()));
        root.put("backend", run.backend().toMap(run.config().training().precision().name()));
        Dataset d = run.data();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("n_train", d.nTrain());
        data.put("n_test", d.nTest());
        data.put("n_features", d.nFeatures());
        data.put("n_targets", d.nTargets());
        data.put("source", run.config().data().source());
        data.put("feature_names", d.featureNames());
        data.put("target_names", d.targetNames());
        root.put("data", data);
        Map<String, Object> pre = new LinkedHashMap<>();
        pre.put("standardize", d.standardization() != null);
        if (d.standardization() != null) {
            pre.put("mean", d.standardization().mean());
            pre.put("scale", d.standardization().scale());
        }
        root.put("preprocess", pre);
        boolean halfMse = run.config().training().loss() == Loss.HALF_MSE;
        Parameters optimum = null;
        try {
            optimum = LeastSquares.solve(d.xTrain(), d.yTrain());
            Map<String, Object> opt = new LinkedHashMap<>();
            opt.put("weights", optimum.weights());
            opt.put("bias", optimum.bias());
            opt.put("train_loss", LeastSquares.loss(halfMse, optimum, d.xTrain(), d.yTrain()));
            opt.put("test_mse", LeastSquares.loss(false, optimum, d.xTest(), d.yTest()));
            root.put("optimum", opt);
        } catch (IllegalArgumentException e) {
            root.put("optimum", null);
            root.put("optimum_error", e.getMessage());
        }
        Map<String, Object> trainers = new LinkedHashMap<>();
        boolean perEpochParams = d.nFeatures() * d.nTargets() <= MAX_PARAMS_PER_EPOCH;
        for (TrainingResult r : run.trainers().values()) {
            Map<String, Object> t = trainer(r, perEpochParams);
            if (optimum != null) {
                t.put("distance_to_optimum", LeastSquares.distance(r.fin(), optimum));
            }
            trainers.put(r.trainer(), t);
        }
        root.put("trainers", trainers);
        Agreement a = run.agreement();
        if (a != null) {
            Map<String, Object> agreement = new LinkedHashMap<>();
            agreement.put("tolerance", a.tolerance());
            agreement.put("max_abs_param_diff", a.maxAbsParamDiff());
            agreement.put("per_epoch_max_abs_param_diff", a.perEpochList());
            agreement.put("first_epoch_beyond_tolerance", a.firstEpochBeyondTolerance());
            agreement.put("agree", a.agree());
            root.put("agreement", agreement);
        }
        if (reference.isPresent()) {
            root.put("reference", ReferenceComparison.of(reference.get(), run.trainers().values()));
        } else {
            root.put("reference_absent", PythonReference.whyNone(PythonReference.defaultFolder(),
                    ConfigTree.of(run.config())));
        }
        root.put("plot_data", plotData(d));
        return root;
    }

    private static Map<String, Object> plotData(Dataset d) {
        int n = Math.min(d.nTest(), MAX_PLOT_ROWS);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("x_test", java.util.Arrays.copyOf(d.xTest(), n));
        m.put("y_test", java.util.Arrays.copyOf(d.yTest(), n));
        return m;
    }

    private static Map<String, Object> trainer(TrainingResult r, boolean perEpochParams) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("engine", r.engine());
        m.put("initial_weights", r.initial().weights());
        m.put("initial_bias", r.initial().bias());
        m.put("weights", r.fin().weights());
        m.put("bias", r.fin().bias());
        m.put("test_mse", r.testMse());
        m.put("final_train_loss", r.history().get(r.history().size() - 1).trainLoss());
        m.put("train_seconds", r.trainSeconds());
        m.put("steps", r.steps());
        m.put("step_seconds", r.stepSeconds());
        m.put("us_per_step", r.stepSeconds() * 1e6 / r.steps());
        List<Map<String, Object>> history = new ArrayList<>();
        for (EpochRecord e : r.history()) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("epoch", e.epoch());
            h.put("train_loss", e.trainLoss());
            h.put("batch_loss_mean", e.batchLossMean());
            h.put("test_mse", e.testMse());
            if (perEpochParams) {
                Parameters p = e.parameters();
                h.put("weights", p.weights());
                h.put("bias", p.bias());
            }
            history.add(h);
        }
        m.put("history", history);
        return m;
    }

    /**
     * Writes {@code results.json} into a folder, creating it if needed. The file is written to a temporary name
     * and moved into place, so a reader never sees half a file.
     *
     * @param tree the results tree from {@link #tree}.
     * @param dir the output folder.
     * @return the path written.
     * @throws IOException if the folder or file cannot be written.
     */
    public static Path write(Map<String, Object> tree, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(FILE);
        AtomicFiles.write(target, p -> JSON.writeValue(p.toFile(), tree));
        return target;
    }

    /**
     * Reads a run folder's {@code results.json} and checks that it has what {@code predict}, {@code compare} and
     * the reports read: the config's data, split and training sections, the backend, the data's sizes, and for
     * every trainer its parameters (of the data's shape), test MSE and a per-epoch history.
     *
     * @param dir the run folder.
     * @return the tree.
     * @throws ConfigException (exit code 2) naming the file and the first key that is missing or malformed.
     */
    public static JsonNode read(Path dir) {
        Path f = dir.resolve(FILE);
        if (Files.isDirectory(f) || !Files.exists(dir.resolve(FILE))) {
            throw new ConfigException(dir + ": not a run folder (no " + FILE + "; run minibatch train first)");
        }
        JsonNode r;
        try {
            r = JSON.readTree(f.toFile());
        } catch (JsonProcessingException e) {
            throw new ConfigException(f + ": not valid JSON (line " + e.getLocation().getLineNr() + ": "
                    + firstLine(e.getOriginalMessage()) + ")");
        } catch (IOException e) {
            throw new ConfigException(f + ": cannot read (" + e.getMessage() + ")");
        }
        String bad = problem(r);
        if (bad != null) {
            throw new ConfigException(f + ": not a minibatch results file (" + bad + "); re-run minibatch train"
                    + " to write it again");
        }
        return r;
    }

    private static String problem(JsonNode r) {
        if (r == null || r.isMissingNode() || !r.isObject()) {
            return "expected a JSON object, found " + (r == null || r.isMissingNode() ? "nothing"
                    : r.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
        }
        for (String key : List.of("config/data", "config/split", "config/training", "backend", "data",
                "trainers")) {
            if (!r.at("/" + key).isObject()) {
                return "'" + key.replace('/', '.') + "' is missing or not an object";
            }
        }
        for (String key : List.of("config/training/loss", "config/training/learning_rate",
                "config/training/epochs", "config/training/batch_size", "backend/name")) {
            if (!r.at("/" + key).isValueNode()) {
                return "'" + key.replace('/', '.') + "' is missing";
            }
        }
        int nFeatures = r.at("/data/n_features").asInt(0);
        int nTargets = r.at("/data/n_targets").asInt(0);
        if (!r.at("/data/n_features").canConvertToInt() || nFeatures < 1 || !r.at("/data/n_targets")
                .canConvertToInt() || nTargets < 1) {
            return "'data.n_features' and 'data.n_targets' must be integers ≥ 1";
        }
        for (String key : List.of("feature_names", "target_names")) {
            JsonNode names = r.get("data").get(key);
            int n = key.startsWith("feature") ? nFeatures : nTargets;
            if (names == null || !names.isArray() || names.size() != n) {
                return "'data." + key + "' is not a list of " + n + " names";
            }
        }
        if (r.get("trainers").isEmpty()) {
            return "'trainers' is empty";
        }
        for (var it = r.get("trainers").fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode t = e.getValue();
            String at = "trainers." + e.getKey();
            if (!matrix(t.get("weights"), nFeatures, nTargets)) {
                return "'" + at + ".weights' is not a " + nFeatures + " × " + nTargets + " array";
            }
            if (t.get("bias") == null || !t.get("bias").isArray() || t.get("bias").size() != nTargets) {
                return "'" + at + ".bias' is not an array of " + nTargets;
            }
            if (t.get("test_mse") == null || !t.get("history").isArray() || t.get("history").isEmpty()) {
                return "'" + at + "' lacks test_mse or its history";
            }
        }
        return null;
    }

    private static boolean matrix(JsonNode w, int rows, int cols) {
        if (w == null || !w.isArray() || w.size() != rows) {
            return false;
        }
        for (JsonNode row : w) {
            if (!row.isArray() || row.size() != cols) {
                return false;
            }
        }
        return true;
    }

    private static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return s == null ? "parse error" : nl < 0 ? s : s.substring(0, nl);
    }
}
