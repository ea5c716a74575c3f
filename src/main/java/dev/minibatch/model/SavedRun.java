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
        return new SavedRun(folder, r, which);
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
            java.util.List<dev.minibatch.config.HiddenLayer> hidden = hiddenLayers();
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
    public java.util.List<dev.minibatch.config.HiddenLayer> hiddenLayers() {
        try {
            return results.hiddenLayers();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(folder.resolve("results.json") + ": model.hidden_layers: " + e.getMessage());
        }
    }
}
