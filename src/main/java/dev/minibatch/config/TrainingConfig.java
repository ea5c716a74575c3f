package dev.minibatch.config;

import dev.minibatch.batch.Shuffle;

/**
 * The mini-batch gradient-descent settings shared by both trainers. A loaded configuration changes one of them with
 * {@link RunConfig#with(Setting, Object)}, read and checked as a file's value is; there are no withers to keep in
 * step with the components.
 *
 * @param loss the loss convention.
 * @param learningRate the SGD step size, finite and positive.
 * @param epochs the passes over the training split.
 * @param batchSize the rows per update; at most the number of training rows.
 * @param shuffle how rows are reordered each epoch.
 * @param shuffleSeed the seed of the {@code seeded} shuffle.
 * @param precision the floating-point type of the computation.
 * @param agreementTolerance the largest absolute parameter difference between the trainers still called agreement.
 * @param earlyStopping when to stop before the configured epochs ({@link EarlyStopping#NONE}: never).
 * @param l1 DL4J's L1 regularization coefficient on the weights (not the bias): ∇W += l1·sign(W); 0 for none.
 * @param l2 DL4J's L2 regularization coefficient on the weights: ∇W += l2·W, after the division by the batch
 *     size and before the learning rate; 0 for none.
 * @param lrSchedule how the learning rate changes over training ({@link LrSchedule#NONE}: constant).
 * @param optimizer the update rule ({@link Optimizer#SGD}: the tutorial's).
 * @param hiddenLayers the network's hidden layers, input to output ({@code model.hidden_layers}); empty for the
 *     linear model. Both trainers build the same network from it.
 * @param outputActivation the output layer's activation ({@code model.output_activation}; identity by default).
 */
public record TrainingConfig(Loss loss, double learningRate, int epochs, int batchSize, Shuffle shuffle,
                             long shuffleSeed, Precision precision, double agreementTolerance,
                             EarlyStopping earlyStopping, double l1, double l2, LrSchedule lrSchedule,
                             Optimizer optimizer, java.util.List<LayerSpec> hiddenLayers,
                             Activation outputActivation) {

    /** Copies the layer list, so that the settings stay immutable; no output activation is the identity. */
    public TrainingConfig {
        hiddenLayers = java.util.List.copyOf(hiddenLayers);
        outputActivation = outputActivation == null ? Activation.IDENTITY : outputActivation;
    }

    /**
     * @return whether the model is not the linear model: it has hidden layers, or a regression with a nonlinear
     *     output, so the least-squares line is not its optimum (a classifier without hidden layers is logistic or
     *     softmax regression, whose optimum is the unpenalised logistic regression's).
     */
    public boolean isNetwork() {
        return !hiddenLayers.isEmpty() || outputActivation != Activation.IDENTITY && !loss.isClassification();
    }

    /**
     * The learning rate of one update: the schedule's value, as DL4J counts iterations and epochs (from 0), or the
     * constant rate. The one place every kernel set's per-batch rates come from.
     *
     * @param iteration the update's iteration, from 0.
     * @param epoch the epoch, from 1.
     * @return the rate.
     */
    public double learningRateAt(long iteration, int epoch) {
        return lrSchedule.on() ? lrSchedule.valueAt(learningRate, (int) iteration, epoch - 1) : learningRate;
    }

    /**
     * The tutorial's kind of settings: plain SGD at a constant rate, no regularization, no early stopping.
     *
     * @param loss the loss convention.
     * @param learningRate the SGD step size.
     * @param epochs the passes over the training split.
     * @param batchSize rows per update.
     * @param shuffle how rows are reordered every epoch.
     * @param shuffleSeed the seed of the seeded shuffle.
     * @param precision the floating-point type.
     * @param agreementTolerance the largest parameter difference called agreement.
     */
    public TrainingConfig(Loss loss, double learningRate, int epochs, int batchSize, Shuffle shuffle,
                          long shuffleSeed, Precision precision, double agreementTolerance) {
        this(loss, learningRate, epochs, batchSize, shuffle, shuffleSeed, precision, agreementTolerance,
                EarlyStopping.NONE, 0.0, 0.0, LrSchedule.NONE, Optimizer.SGD, java.util.List.of(), Activation.IDENTITY);
    }
}
