package dev.minibatch.config;

/**
 * The losses: two squared-error conventions for regression and two cross-entropies for classification.
 *
 * <p>Over a batch of m rows and k targets with errors e = ŷ − y: {@code HALF_MSE} is the tutorial's cost
 * (1/2m)·Σe² with gradient (1/m)·Xᵀe, each target trained as the tutorial trains its one; {@code MSE} is Keras' and
 * DL4J's (1/(m·k))·Σe² with gradient (2/(m·k))·Xᵀe. For one target the MSE gradient is twice the half-MSE one, so
 * the same learning rate takes twice the step.
 *
 * <p>The cross-entropies are DL4J's, with its clipping: {@code BINARY_CROSSENTROPY} (DL4J's {@code LossBinaryXENT},
 * sigmoid outputs, one or several independent 0/1 labels) is −(1/m)·Σ[y·ln p + (1 − y)·ln(1 − p)] with p clipped to
 * [1e-5, 1 − 1e-5]; {@code CATEGORICAL_CROSSENTROPY} (DL4J's {@code LossMCXENT}, a softmax output over k classes,
 * one-hot labels) is −(1/m)·Σ y·ln p with p clipped to [1e-10, 1 − 1e-10] in the score (its gradient is the fused
 * softmax one, p − y, unclipped). Both sum over the outputs of a row and average over the rows.
 */
public enum Loss {
    /** The tutorial's half mean squared error. */
    HALF_MSE,
    /** Keras' and DL4J's mean squared error. */
    MSE,
    /** DL4J's binary cross-entropy, for sigmoid outputs. */
    BINARY_CROSSENTROPY,
    /** DL4J's multi-class cross-entropy, for a softmax output. */
    CATEGORICAL_CROSSENTROPY;

    /** @return whether this is a cross-entropy: the targets are class labels and the model a classifier. */
    public boolean isClassification() {
        return this == BINARY_CROSSENTROPY || this == CATEGORICAL_CROSSENTROPY;
    }

    /**
     * What this loss is multiplied by to read as scikit-learn's MSE, Σe²/(m·k), the test MSE's convention: 2/k for
     * the half-MSE Σe²/(2m) (summed over the k targets), 1 for DL4J's MSE (already averaged over them).
     *
     * @param targets k, the number of targets.
     * @return the factor; NaN for a cross-entropy, which is no MSE.
     */
    public double toMse(int targets) {
        return switch (this) {
            case HALF_MSE -> 2.0 / targets;
            case MSE -> 1.0;
            default -> Double.NaN;
        };
    }

    /** @return the output activation the loss is defined with: sigmoid, softmax, or {@code null} for any. */
    public Activation outputActivation() {
        return switch (this) {
            case BINARY_CROSSENTROPY -> Activation.SIGMOID;
            case CATEGORICAL_CROSSENTROPY -> Activation.SOFTMAX;
            default -> null;
        };
    }

    /**
     * The one place the loss formula lives: the loss of m rows and k targets from their sum over the rows — for the
     * squared errors Σe², in this convention: half-MSE Σe²/(2m), MSE Σe²/(m·k); for a cross-entropy the sum of the
     * rows' negative log-likelihoods, over m. The trainers' batch losses, the per-epoch losses, the test MSE and the
     * least-squares optimum's loss all go through it.
     *
     * @param sumSquares Σe² over all rows and targets (a cross-entropy: its sum over the rows).
     * @param rows m.
     * @param targets k.
     * @return the loss.
     */
    public double of(double sumSquares, long rows, int targets) {
        return switch (this) {
            case HALF_MSE -> sumSquares / (2.0 * rows);
            case MSE -> sumSquares / ((double) rows * targets);
            default -> sumSquares / rows;                      // DL4J: computeScore(average false) / m
        };
    }
}
