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
    MSE
}
