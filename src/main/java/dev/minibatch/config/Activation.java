package dev.minibatch.config;

/**
 * The activation functions a layer can have, with DL4J's definitions ({@code org.nd4j.linalg.activations.impl}).
 * The trainers' implementations are {@code train.activation.ActivationFunction}'s.
 */
public enum Activation {
    /** f(z) = z. */
    IDENTITY(Double.NaN),
    /** f(z) = max(0, z). */
    RELU(Double.NaN),
    /** f(z) = z for z ≥ 0, α·z below (DL4J's default α 0.01). */
    LEAKYRELU(0.01),
    /** f(z) = z for z ≥ 0, α·(eᶻ − 1) below (DL4J's default α 1). */
    ELU(1.0),
    /** f(z) = tanh z. */
    TANH(Double.NaN),
    /** f(z) = 1/(1 + e⁻ᶻ). */
    SIGMOID(Double.NaN),
    /** f(z) = ln(1 + eᶻ). */
    SOFTPLUS(Double.NaN),
    /** fᵢ(z) = e^zᵢ / Σⱼ e^zⱼ over a row: an output layer's only (categorical cross-entropy). */
    SOFTMAX(Double.NaN);

    private final double defaultAlpha;

    Activation(double defaultAlpha) {
        this.defaultAlpha = defaultAlpha;
    }

    /** @return whether a hidden layer may have it: every function but softmax, which is an output's. */
    public boolean elementWise() {
        return this != SOFTMAX;
    }

    /** @return whether the function has a parameter α (leakyrelu, elu). */
    public boolean hasAlpha() {
        return !Double.isNaN(defaultAlpha);
    }

    /** @return DL4J's default α, or NaN for a function without one. */
    public double defaultAlpha() {
        return defaultAlpha;
    }
}
