package dev.minibatch.config;

/**
 * The two squared-error conventions. Over a batch of m rows and k targets with errors e = ŷ − y:
 * {@code HALF_MSE} is the tutorial's cost (1/2m)·Σe² with gradient (1/m)·Xᵀe, each target trained as the tutorial
 * trains its one; {@code MSE} is Keras' and DL4J's (1/(m·k))·Σe² with gradient (2/(m·k))·Xᵀe. For one target
 * the MSE gradient is twice the half-MSE one, so the same learning rate takes twice the step.
 */
public enum Loss {
    /** The tutorial's half mean squared error. */
    HALF_MSE,
    /** Keras' and DL4J's mean squared error. */
    MSE;

    /**
     * The one place the loss formula lives: the loss of m rows and k targets from their sum of squared errors
     * Σe², in this convention — half-MSE Σe²/(2m), MSE Σe²/(m·k). The trainers' batch losses, the per-epoch
     * training loss, the test MSE and the least-squares optimum's loss all go through it.
     *
     * @param sumSquares Σe² over all rows and targets.
     * @param rows m.
     * @param targets k.
     * @return the loss.
     */
    public double of(double sumSquares, long rows, int targets) {
        return this == HALF_MSE ? sumSquares / (2.0 * rows) : sumSquares / ((double) rows * targets);
    }
}
