package dev.minibatch.results;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * Everything a training run measured: the content of results.json, written from this record and read back into
 * it by {@code predict}, {@code compare} and the reports. Keys are the components in snake_case.
 *
 * @param name the run's name.
 * @param minibatchVersion the version that wrote the file.
 * @param config the resolved configuration, as the YAML's tree (the same keys as the config file).
 * @param backend the backend that ran.
 * @param data the data's sizes and column names.
 * @param preprocess the standardisation, if any.
 * @param optimizer the update rule both trainers used, its hyper-parameters and state size ({@code null} in files
 *     written before it was recorded).
 * @param optimum the least-squares optimum on the training split, or {@code null} when it cannot be solved.
 * @param optimumError why the optimum could not be solved, or {@code null}.
 * @param trainers each trainer's results, by trainer name.
 * @param agreement the two trainers' agreement, or {@code null} when one ran.
 * @param reference the Python reference comparison, or {@code null} when none applies.
 * @param referenceAbsent why no Python reference applies, or {@code null} when one does.
 * @param plotData test rows for the report's plots.
 */
public record RunResults(String name, String minibatchVersion, Map<String, Object> config, Backend backend,
                         Data data, Preprocess preprocess, Optimizer optimizer, Optimum optimum, String optimumError,
                         Map<String, Trainer> trainers, Agreement agreement, Reference reference,
                         String referenceAbsent, PlotData plotData) {

    /**
     * The run's output activation, as its config records it: the identity in a file written before it was recorded.
     *
     * @return the activation.
     * @throws IllegalArgumentException if the recorded name cannot be read.
     */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public dev.minibatch.config.Activation outputActivation() {
        Object model = config == null ? null : config.get("model");
        Object a = model instanceof Map<?, ?> m ? m.get("output_activation") : null;
        return a == null ? dev.minibatch.config.Activation.IDENTITY : dev.minibatch.config.Settings.OUTPUT_ACTIVATION
                .parser().apply(ResultsMapper.JSON.valueToTree(a));
    }

    /**
     * Whether the run trained the linear model (no hidden layer, an identity output), whose optimum is the
     * least-squares line.
     *
     * @return true for the linear model.
     */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isLinearModel() {
        return hiddenLayers().isEmpty() && outputActivation() == dev.minibatch.config.Activation.IDENTITY;
    }

    /**
     * The run's hidden layers, as its config records them: none for the linear model, and none in a file written
     * before networks.
     *
     * @return the layers.
     * @throws IllegalArgumentException if the recorded layers cannot be read.
     */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public List<dev.minibatch.config.LayerSpec> hiddenLayers() {
        Object model = config == null ? null : config.get("model");
        Object layers = model instanceof Map<?, ?> m ? m.get("hidden_layers") : null;
        return layers == null ? List.of() : dev.minibatch.config.Settings.HIDDEN_LAYERS.parser().apply(
                ResultsMapper.JSON.valueToTree(layers));
    }

    /**
     * The backend that ran.
     *
     * @param name CPU or CUDA.
     * @param dtype DOUBLE or FLOAT.
     * @param requested auto, cpu or cuda.
     * @param fallbackReason why CUDA was skipped, or {@code null}.
     * @param device the device.
     * @param backendClass ND4J's backend class.
     * @param blas the BLAS vendor.
     * @param threads the native threads.
     * @param cores the processors the JVM sees.
     * @param os the operating system and architecture.
     * @param nd4jVersion the ND4J version.
     * @param gpus the GPUs the driver reported.
     * @param scratchKernels the scratch trainer's kernels (host, nd4j or cuda), or {@code null} where not recorded
     *     (runs made before minibatch had CUDA kernels).
     * @param kernelsNote why auto did not pick the GPU, or what ran where; {@code null} when nothing to add.
     */
    public record Backend(String name, String dtype, String requested,
                          @JsonInclude(JsonInclude.Include.ALWAYS) String fallbackReason, String device,
                          String backendClass, String blas, int threads, Integer blasThreads, int cores, String os, String nd4jVersion,
                          List<Map<String, Object>> gpus, String scratchKernels, String kernelsNote) {
    }

    /**
     * The data's sizes and names.
     *
     * @param nTrain training rows.
     * @param nTest test rows.
     * @param nFeatures features.
     * @param nTargets targets.
     * @param source make_regression or csv.
     * @param featureNames the features' names, in the model's order.
     * @param targetNames the targets' names.
     * @param nVal validation rows carved from the training split, or {@code null} without a validation split.
     * @param cache the disk cache folder the trainers read the data from, or {@code null} when it was in memory.
     * @param classes a classifier's classes in order (the softmax's columns; for one sigmoid output, the negative
     *     then the positive class); {@code null} for a regression.
     * @param imageShape an image source's [channels, height, width], its features being the pixels row-major;
     *     {@code null} for tabular data.
     */
    public record Data(int nTrain, int nTest, int nFeatures, int nTargets, String source, List<String> featureNames,
                       List<String> targetNames, Integer nVal, String cache, List<String> classes,
                       List<Integer> imageShape) {

        /**
         * A classifier's label column: the one target's name, or the name the one-hot targets {@code column=class}
         * were made from.
         *
         * @return the column's name, or {@code null} for a regression.
         */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public String labelColumn() {
            if (classes == null) {
                return null;
            }
            String first = targetNames.get(0);
            String suffix = "=" + classes.get(0);
            return targetNames.size() > 1 && first.endsWith(suffix) ? first.substring(0, first.length()
                    - suffix.length()) : first;
        }
    }

    /**
     * The standardisation the run was trained with.
     *
     * @param standardize whether features were standardised.
     * @param mean the training mean per feature, or {@code null}.
     * @param scale the training population standard deviation per feature, or {@code null}.
     */
    public record Preprocess(boolean standardize, double[] mean, double[] scale) {
    }

    /**
     * The update rule.
     *
     * @param name its config name, e.g. adam.
     * @param dl4jUpdater DL4J's {@code IUpdater} class.
     * @param learningRate the initial learning rate, or {@code null} for a rule without one (adadelta).
     * @param hyperParameters every other hyper-parameter, by its config key.
     * @param stateValuesPerParameter the values of state the rule keeps per parameter.
     * @param stateValues the state's total size for this model.
     */
    public record Optimizer(String name, String dl4jUpdater, Double learningRate, Map<String, Double> hyperParameters,
                            int stateValuesPerParameter, long stateValues) {
    }

    /**
     * The least-squares optimum, or for a classifier the unpenalised logistic (softmax) regression.
     *
     * @param weights W.
     * @param bias b.
     * @param trainLoss its training loss in the run's convention.
     * @param testMse its test MSE (a classifier's: of its probabilities).
     * @param testLoss a classifier's test loss; {@code null} for a regression.
     * @param testAccuracy a classifier's test accuracy; {@code null} for a regression.
     */
    public record Optimum(double[][] weights, double[] bias, double trainLoss, double testMse, Double testLoss,
                          Double testAccuracy) {
    }

    /**
     * One trainer's results.
     *
     * @param engine how it computed.
     * @param device where it computed: {@code CPU}, or the GPU in words.
     * @param initialWeights W before training.
     * @param initialBias b before training.
     * @param weights W after training.
     * @param bias b after training.
     * @param testMse the final test MSE.
     * @param finalTrainLoss the final full training loss.
     * @param trainSeconds seconds of the training loop (steps and per-epoch records); a resumed run's sum them over
     *     every piece it was trained in.
     * @param steps parameter updates.
     * @param stepSeconds seconds of update steps only.
     * @param usPerStep microseconds per update step.
     * @param distanceToOptimum ‖θ − θ*‖, or {@code null} without an optimum.
     * @param history one entry per epoch.
     * @param earlyStopping how early stopping ended the run, or {@code null} when it was off.
     * @param initialLayers every layer's initial parameters, input to output (the linear model: one layer, the same
     *     as initial_weights and initial_bias, which stay for it); {@code null} in files written before networks.
     * @param layers every layer's final parameters, input to output; {@code null} in files written before networks.
     * @param testLoss a classifier's final test loss; {@code null} for a regression.
     * @param testAccuracy a classifier's final test accuracy; {@code null} for a regression.
     * @param testConfusion a one-label classifier's confusion matrix over the whole test split (rows the true class,
     *     columns the predicted one, scikit-learn's {@code confusion_matrix}); {@code null} for a regression,
     *     several labels, data in the disk cache, and files written before it.
     */
    public record Trainer(String engine, String device, double[][] initialWeights, double[] initialBias, double[][] weights,
                          double[] bias, double testMse, double finalTrainLoss, double trainSeconds, long steps,
                          double stepSeconds, double usPerStep, Double distanceToOptimum, List<Epoch> history,
                          EarlyStop earlyStopping, List<Layer> initialLayers, List<Layer> layers, Double testLoss,
                          Double testAccuracy, long[][] testConfusion) {

        /** @return the final layers, input to output (from weights and bias in files written before networks). */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public List<Layer> finalLayers() {
            return layers != null ? layers : List.of(new Layer(weights, bias));
        }
    }

    /**
     * One dense layer's parameters.
     *
     * @param weights W, n_in rows of n_out values.
     * @param bias b, n_out values.
     */
    public record Layer(double[][] weights, double[] bias) {
    }

    /**
     * How early stopping ended a run.
     *
     * @param monitor val_loss or train_loss.
     * @param stoppedAfterEpoch the epoch after which training stopped, or 0 when it ran all its epochs.
     * @param bestEpoch the epoch with the lowest monitored loss.
     * @param bestLoss that loss.
     * @param restoreBest whether the run ends with the best epoch's parameters.
     * @param reason one line: why and when it stopped.
     */
    public record EarlyStop(String monitor, int stoppedAfterEpoch, int bestEpoch, double bestLoss,
                            boolean restoreBest, String reason) {
    }

    /**
     * One epoch.
     *
     * @param epoch the epoch, from 1.
     * @param trainLoss the full training loss after it.
     * @param batchLossMean the batch-size-weighted mean of its batch losses (absent in some references).
     * @param testMse the test MSE after it.
     * @param weights W after it, or {@code null} for wide models.
     * @param bias b after it, or {@code null} for wide models.
     * @param valLoss the validation loss after it, or {@code null} without a validation split.
     * @param layerNorms each layer's parameter norm ‖(W, b)‖₂ after it, input to output; {@code null} in references
     *     and in files written before networks.
     * @param testLoss a classifier's test loss after it (the training loss's definition); {@code null} for a
     *     regression.
     * @param trainAccuracy a classifier's training accuracy after it; {@code null} for a regression.
     * @param valAccuracy its validation accuracy; {@code null} without a validation split or for a regression.
     * @param testAccuracy its test accuracy; {@code null} for a regression.
     */
    public record Epoch(int epoch, double trainLoss, Double batchLossMean, double testMse, double[][] weights,
                        double[] bias, Double valLoss, List<Double> layerNorms, Double testLoss,
                        Double trainAccuracy, Double valAccuracy, Double testAccuracy) {

        /**
         * A regression's epoch.
         *
         * @param epoch the epoch.
         * @param trainLoss the training loss.
         * @param batchLossMean the batch losses' mean.
         * @param testMse the test MSE.
         * @param weights W, or {@code null}.
         * @param bias b, or {@code null}.
         * @param valLoss the validation loss, or {@code null}.
         * @param layerNorms the layers' norms, or {@code null}.
         */
        public Epoch(int epoch, double trainLoss, Double batchLossMean, double testMse, double[][] weights,
                     double[] bias, Double valLoss, List<Double> layerNorms) {
            this(epoch, trainLoss, batchLossMean, testMse, weights, bias, valLoss, layerNorms, null, null, null, null);
        }

        /**
         * An epoch without layer norms (a reference's).
         *
         * @param epoch the epoch.
         * @param trainLoss the training loss.
         * @param batchLossMean the batch losses' mean.
         * @param testMse the test MSE.
         * @param weights W, or {@code null}.
         * @param bias b, or {@code null}.
         * @param valLoss the validation loss, or {@code null}.
         */
        public Epoch(int epoch, double trainLoss, Double batchLossMean, double testMse, double[][] weights,
                     double[] bias, Double valLoss) {
            this(epoch, trainLoss, batchLossMean, testMse, weights, bias, valLoss, null);
        }
    }

    /**
     * The trainers' agreement.
     *
     * @param tolerance the largest parameter difference called agreement.
     * @param maxAbsParamDiff the largest difference over all epochs.
     * @param perEpochMaxAbsParamDiff the largest difference after each epoch.
     * @param firstEpochBeyondTolerance the first epoch beyond the tolerance, or 0.
     * @param agree whether they agree.
     */
    public record Agreement(double tolerance, double maxAbsParamDiff, List<Double> perEpochMaxAbsParamDiff,
                            int firstEpochBeyondTolerance, boolean agree) {
    }

    /**
     * The Python reference and how each trainer compares with it.
     *
     * @param file the reference file's name.
     * @param kind numpy or pytorch.
     * @param exact whether it must match to the exact tolerance (same shuffle) or within a band.
     * @param note what the reference is.
     * @param initialWeights its W before training.
     * @param initialBias its b before training.
     * @param weights its final W.
     * @param bias its final b.
     * @param testMse its test MSE.
     * @param history its epochs.
     * @param tolerance the relative tolerance applied.
     * @param comparison per trainer, the differences.
     * @param agree whether every trainer matches.
     * @param verdict one line.
     * @param initialLayers a network reference's every layer before training, input to output; {@code null} for
     *     the linear model's references.
     * @param layers a network reference's every final layer; {@code null} for the linear model's.
     */
    public record Reference(String file, String kind, boolean exact, String note, double[][] initialWeights,
                            double[] initialBias, double[][] weights, double[] bias, double testMse,
                            List<Epoch> history, double tolerance, Map<String, ReferenceDiff> comparison,
                            boolean agree, String verdict, List<Layer> initialLayers, List<Layer> layers) {
    }

    /**
     * How one trainer differs from the reference.
     *
     * @param maxAbsParamDiff the largest absolute parameter difference.
     * @param maxRelParamDiff the largest relative parameter difference.
     * @param maxRelEpochLossDiff the largest relative difference of an epoch's training loss.
     * @param finalTrainLossRelDiff the relative difference of the final training loss.
     * @param testMseRelDiff the relative difference of the test MSE.
     * @param agree whether it matches.
     */
    public record ReferenceDiff(double maxAbsParamDiff, double maxRelParamDiff, double maxRelEpochLossDiff,
                                double finalTrainLossRelDiff, double testMseRelDiff, boolean agree) {
    }

    /**
     * Test rows for the plots.
     *
     * @param xTest up to 1,000 test rows' features.
     * @param yTest their targets.
     */
    public record PlotData(double[][] xTest, double[][] yTest) {
    }
}
