package dev.minibatch.model;

import dev.minibatch.results.ResultsFile;
import dev.minibatch.config.ConfigException;
import dev.minibatch.config.Setting;
import dev.minibatch.data.Standardization;
import dev.minibatch.results.RunResults;
import dev.minibatch.run.Trainers;
import dev.minibatch.train.framework.FrameworkTrainer;
import dev.minibatch.train.scratch.ScratchTrainer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.Locale;

/**
 * A finished run folder used as a model: its results, the saved model of one trainer, and the standardisation it
 * was trained with. {@code predict} and {@code evaluate} both go through it, so they read a run the same way.
 *
 * @param folder the run folder.
 * @param results its results.json.
 * @param trainer the trainer whose saved model predicts: framework or scratch.
 */
public record SavedRun(Path folder, RunResults results, String trainer) {

    /**
     * Opens a run folder.
     *
     * @param folder the run folder.
     * @param trainer framework or scratch (any case), or {@code null} for the framework's model when the run
     *     has one, else the scratch trainer's.
     * @return the run.
     * @throws ConfigException if the folder, its results.json or the chosen model cannot be used.
     */
    public static SavedRun open(Path folder, String trainer) {
        RunResults r = ResultsFile.read(folder);
        String which = trainer != null ? trainer.strip().toLowerCase(Locale.ROOT)
                : SavedModels.has(folder, FrameworkTrainer.NAME) ? FrameworkTrainer.NAME : ScratchTrainer.NAME;
        if (!which.equals(FrameworkTrainer.NAME) && !which.equals(ScratchTrainer.NAME)) {
            throw new ConfigException("--trainer: must be one of " + String.join("|", Trainers.NAMES) + ", got '"
                    + Setting.clip(trainer) + "'");
        }
        if (!SavedModels.has(folder, which)) {
            throw new ConfigException(folder + ": has no saved " + which + " model");
        }
        String bad = misfit(r);
        if (bad != null) {
            throw new ConfigException(folder.resolve(ResultsFile.FILE) + ": " + bad + "; the file is damaged");
        }
        return new SavedRun(folder, r, which);
    }

    /**
     * The first value of results.json that predict and evaluate use but that does not fit the run it describes,
     * or {@code null}: the standardisation (one finite mean and one finite scale above 0 per feature), and the
     * feature, target and class names (one distinct name per feature, per target, and per class of the model's
     * outputs). {@link ResultsFile#read} has checked the sizes and the parameters' shapes.
     */
    private static String misfit(RunResults r) {
        RunResults.Data d = r.data();
        boolean standardized = r.preprocess() != null && r.preprocess().standardize();
        return java.util.stream.Stream.of(
                standardized ? values("preprocess.mean", r.preprocess().mean(), d.nFeatures(), false) : null,
                standardized ? values("preprocess.scale", r.preprocess().scale(), d.nFeatures(), true) : null,
                names("data.feature_names", d.featureNames(), d.nFeatures(), "features"),
                names("data.target_names", d.targetNames(), d.nTargets(), "targets"),
                d.classes() == null ? null : names("data.classes", d.classes(), d.nTargets() == 1 ? 2 : d.nTargets(),
                        d.nTargets() == 1 ? "classes (one sigmoid output: the negative class, then the positive)"
                                : "classes (one per output)"))
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    private static String values(String key, double[] v, int n, boolean positive) {
        if (v == null) {
            return key + " is missing (preprocess.standardize is true)";
        }
        if (v.length != n) {
            return key + " has " + v.length + " values for " + n + " features";
        }
        for (int j = 0; j < n; j++) {
            if (!Double.isFinite(v[j]) || positive && !(v[j] > 0)) {
                return key + "[" + j + "] is " + v[j] + ", not a finite number" + (positive ? " above 0" : "");
            }
        }
        return null;
    }

    private static String names(String key, java.util.List<String> names, int n, String what) {
        if (names == null || names.size() != n) {
            return key + " has " + (names == null ? 0 : names.size()) + " names for " + n + " " + what;
        }
        for (int j = 0; j < n; j++) {
            if (names.get(j) == null || names.indexOf(names.get(j)) != j) {
                return key + "[" + j + "] is " + (names.get(j) == null ? "null, not a name"
                        : "'" + Setting.clip(names.get(j)) + "', a name given twice");
            }
        }
        return null;
    }

    /**
     * Predicts raw rows (in the model's feature order): the run's standardisation, then its saved model.
     *
     * @param rows feature rows as the training data had them, before standardisation.
     * @return n × targets predictions, in double precision.
     */
    public double[][] predict(double[][] rows) {
        RunResults.Preprocess pre = results.preprocess();
        double[][] x = pre != null && pre.standardize() ? new Standardization(pre.mean(), pre.scale()).apply(rows)
                : rows;
        int nFeatures = results.data().nFeatures();
        int nTargets = results.data().nTargets();
        INDArray in = Nd4j.createFromArray(x);
        INDArray out;
        if (trainer.equals(FrameworkTrainer.NAME)) {
            var net = SavedModels.loadFramework(folder, nFeatures, nTargets, hiddenLayers());
            out = net.output(in.castTo(net.params().dataType()));
        } else {
            java.util.List<dev.minibatch.config.LayerSpec> hidden = hiddenLayers();
            out = SavedModels.predictScratch(SavedModels.loadScratch(folder, nFeatures, nTargets, hidden), hidden,
                    results.outputActivation(), in);
        }
        return out.castTo(DataType.DOUBLE).toDoubleMatrix();
    }

    /**
     * The run's hidden layers, as its results.json's config records them (none for the linear model, and for a run
     * written before networks).
     *
     * @return the layers.
     * @throws ConfigException if the recorded layers cannot be read.
     */
    public java.util.List<dev.minibatch.config.LayerSpec> hiddenLayers() {
        try {
            return results.hiddenLayers();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(folder.resolve("results.json") + ": model.hidden_layers: " + e.getMessage());
        }
    }
}
