package dev.minibatch.train;

import dev.minibatch.batch.BatchPlan;
import dev.minibatch.batch.Shuffle;
import dev.minibatch.config.ConfigLoader;
import dev.minibatch.config.Init;
import dev.minibatch.config.Loss;
import dev.minibatch.config.ModelConfig;
import dev.minibatch.config.Precision;
import dev.minibatch.config.RunConfig;
import dev.minibatch.config.TrainingConfig;
import dev.minibatch.data.Dataset;
import dev.minibatch.data.MakeRegression;
import dev.minibatch.data.Regression;
import dev.minibatch.data.TrainTestSplit;

import java.nio.file.Path;
import java.util.List;

/** Shared inputs for trainer tests. */
final class TrainerFixtures {
    private TrainerFixtures() {
    }

    static RunConfig seedConfig() {
        return ConfigLoader.load(Path.of("configs", "seed.yaml"), List.of());
    }

    static TrainingConfig training(Loss loss, Precision precision, int epochs, int batchSize, double lr) {
        return new TrainingConfig(loss, lr, epochs, batchSize, Shuffle.SEEDED, 7L, precision, 0.0);
    }

    /**
     * The same settings with regularization, a schedule and an optimizer.
     *
     * @param b the base settings.
     * @param l1 the L1 coefficient.
     * @param l2 the L2 coefficient.
     * @param lr the learning-rate schedule.
     * @param o the optimizer.
     * @return the settings.
     */
    static TrainingConfig with(TrainingConfig b, double l1, double l2, dev.minibatch.config.LrSchedule lr,
                               dev.minibatch.config.Optimizer o) {
        return new TrainingConfig(b.loss(), b.learningRate(), b.epochs(), b.batchSize(), b.shuffle(),
                b.shuffleSeed(), b.precision(), b.agreementTolerance(), b.earlyStopping(), l1, l2, lr, o,
                b.hiddenLayers(), b.outputActivation());
    }

    /**
     * The same settings with other hidden layers.
     *
     * @param b the base settings.
     * @param hidden the hidden layers.
     * @return the settings.
     */
    static TrainingConfig network(TrainingConfig b, java.util.List<dev.minibatch.config.LayerSpec> hidden) {
        return new TrainingConfig(b.loss(), b.learningRate(), b.epochs(), b.batchSize(), b.shuffle(),
                b.shuffleSeed(), b.precision(), b.agreementTolerance(), b.earlyStopping(), b.l1(), b.l2(),
                b.lrSchedule(), b.optimizer(), hidden, b.outputActivation());
    }

    /**
     * The same settings with another output activation.
     *
     * @param b the base settings.
     * @param output the output layer's activation.
     * @return the settings.
     */
    static TrainingConfig output(TrainingConfig b, dev.minibatch.config.Activation output) {
        return new TrainingConfig(b.loss(), b.learningRate(), b.epochs(), b.batchSize(), b.shuffle(),
                b.shuffleSeed(), b.precision(), b.agreementTolerance(), b.earlyStopping(), b.l1(), b.l2(),
                b.lrSchedule(), b.optimizer(), b.hiddenLayers(), output);
    }

    /** 200 rows, 5 features (3 informative), 2 targets, noise 1, bias 0.5: the multi-output case. */
    static Dataset multiTarget() {
        Regression r = MakeRegression.generate(200, 5, 3, 2, 0.5, 1.0, 7);
        return Dataset.of(r.x(), r.y(), TrainTestSplit.split(200, 0.25, 3));
    }

    /**
     * make_blobs' rows (5 features, 4 well-separated and overlapping classes) with labels for a classifier: one-hot
     * columns for softmax, or for sigmoid outputs one 0/1 column per class (several independent labels).
     *
     * @param oneHot one-hot (softmax) or independent labels (sigmoid; with one class column for two classes).
     * @param classes how many classes (2 for one binary label).
     * @return the data, split 150/50.
     */
    static Dataset classes(boolean oneHot, int classes) {
        return classes(oneHot, classes, false);
    }

    /**
     * The same, the features optionally standardised (with the raw features, z is large from the first step and the
     * probabilities sit in the clipping).
     *
     * @param oneHot one-hot (softmax) or independent labels.
     * @param classes how many classes.
     * @param standardize whether to standardise the features.
     * @return the data.
     */
    static Dataset classes(boolean oneHot, int classes, boolean standardize) {
        dev.minibatch.data.MakeClassification.Labelled b = dev.minibatch.data.MakeClassification.blobs(200, 5,
                classes, 4.0, 11);
        int k = !oneHot && classes == 2 ? 1 : classes;
        double[][] y = new double[200][k];
        for (int i = 0; i < 200; i++) {
            if (k == 1) {
                y[i][0] = b.y()[i];
            } else {
                y[i][b.y()[i]] = 1;
            }
        }
        return Dataset.of(b.x(), y, TrainTestSplit.split(200, 0.25, 3), Dataset.defaultNames("x", 5),
                Dataset.defaultNames("y", k), standardize, "blobs");
    }

    static InitialParameters init(Dataset d) {
        return InitialParameters.draw(new ModelConfig(Init.NUMPY_RANDN, 42), d.nFeatures(), d.nTargets());
    }

    static BatchPlan plan(Dataset d, TrainingConfig t) {
        return BatchPlan.seeded(d.nTrain(), t.batchSize(), t.shuffleSeed());
    }
}
