package dev.minibatch.train;

import dev.minibatch.config.ModelConfig;
import dev.minibatch.random.NumpyRandomState;

/**
 * Draws the initial parameters from a NumPy stream seeded with {@code model.init_seed}, and hands back that
 * stream as the draw left it, so that {@code shuffle: numpy} continues it as the tutorial's global generator does.
 *
 * @param parameters the initial parameters.
 * @param streamAfter the NumPy stream after the draw (a fresh one for {@code zeros}).
 */
public record InitialParameters(Parameters parameters, NumpyRandomState streamAfter) {

    /**
     * Draws the initial parameters.
     *
     * @param model the initialisation scheme and seed.
     * @param nFeatures the number of features.
     * @param nTargets the number of targets.
     * @return the parameters and the stream after them.
     */
    public static InitialParameters draw(ModelConfig model, int nFeatures, int nTargets) {
        NumpyRandomState rng = new NumpyRandomState(model.initSeed());
        double[][] w = new double[nFeatures][nTargets];
        double[] b = new double[nTargets];
        switch (model.init()) {
            case NUMPY_RANDN -> {
                // theta = randn(n_features + 1, n_targets), row-major, the bias row first.
                for (int t = 0; t < nTargets; t++) {
                    b[t] = rng.nextGaussian();
                }
                for (int f = 0; f < nFeatures; f++) {
                    for (int t = 0; t < nTargets; t++) {
                        w[f][t] = rng.nextGaussian();
                    }
                }
            }
            case XAVIER_UNIFORM -> {
                double limit = Math.sqrt(6.0 / (nFeatures + nTargets));
                for (int f = 0; f < nFeatures; f++) {
                    for (int t = 0; t < nTargets; t++) {
                        w[f][t] = rng.uniform(-limit, limit);
                    }
                }
            }
            case ZEROS -> {
                // all zero; the stream stays fresh
            }
            default -> throw new IllegalStateException("unhandled init " + model.init());
        }
        return new InitialParameters(new Parameters(w, b), rng);
    }
}
