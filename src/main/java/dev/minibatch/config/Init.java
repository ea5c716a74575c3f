package dev.minibatch.config;

/** How the initial parameters are drawn. */
public enum Init {
    /**
     * The tutorial's: {@code np.random.seed(init_seed); randn(n_features + 1, n_targets)}, the first row being the
     * bias.
     */
    NUMPY_RANDN,
    /**
     * Keras' default glorot-uniform (DL4J's XAVIER_UNIFORM): weights from U(−l, l) with l = √(6 / (n_in + n_out)),
     * drawn by {@code RandomState(init_seed).uniform(-l, l, size=(n_features, n_targets))}; bias 0.
     */
    XAVIER_UNIFORM,
    /** All parameters zero. */
    ZEROS
}
