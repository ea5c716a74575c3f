package dev.minibatch.data;

/**
 * A generated regression problem: features, targets and the true coefficients, all in NumPy's row-major layout.
 *
 * @param x the n_samples × n_features feature matrix.
 * @param y the n_samples × n_targets target matrix.
 * @param coef the n_features × n_targets coefficients that generated {@code y} (before bias and noise).
 */
public record Regression(double[][] x, double[][] y, double[][] coef) {
}
