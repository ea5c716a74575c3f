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
 * per-epoch history, and the agreement. Keys are documented in the README. Per-epoch parameters are included
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
        reference.ifPresent(ref -> root.put("reference", ReferenceComparison.of(ref, run.trainers().values())));
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
}
