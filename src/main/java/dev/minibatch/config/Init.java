package dev.minibatch.config;

/**
 * How the initial parameters are drawn, layer by layer from input to output, all from one NumPy stream seeded with
 * {@code model.init_seed} (so NumPy reproduces them). fan_in and fan_out are a layer's inputs and outputs. The
 * schemes named after DL4J's {@code WeightInit} draw its distributions; biases start at 0, as DL4J's do.
 */
public enum Init {
    /**
     * The tutorial's: per layer {@code randn(n_in + 1, n_out)}, row-major, the first row being the bias.
     */
    NUMPY_RANDN,
    /**
     * Keras' default glorot-uniform (DL4J's XAVIER_UNIFORM): weights from U(−l, l) with l = √(6 / (fan_in + fan_out)),
     * drawn by {@code uniform(-l, l, size=(n_in, n_out))}; bias 0.
     */
    XAVIER_UNIFORM,
    /** DL4J's XAVIER (glorot-normal): weights N(0, 2 / (fan_in + fan_out)), {@code randn(n_in, n_out) · σ}; bias 0. */
    XAVIER,
    /** DL4J's RELU (He-normal): weights N(0, 2 / fan_in), {@code randn(n_in, n_out) · σ}; bias 0. */
    RELU,
    /** DL4J's RELU_UNIFORM (He-uniform): weights U(−l, l) with l = √(6 / fan_in); bias 0. */
    RELU_UNIFORM,
    /** All parameters zero (a network's hidden units then stay identical: for the linear model). */
    ZEROS
}
