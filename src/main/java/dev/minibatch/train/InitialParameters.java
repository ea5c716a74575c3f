package dev.minibatch.train;

import dev.minibatch.config.LayerSpec;
import dev.minibatch.config.ModelConfig;
import dev.minibatch.random.NumpyRandomState;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws the initial parameters from a NumPy stream seeded with {@code model.init_seed}, layer by layer from input to
 * output, and hands back that stream as the draw left it, so that {@code shuffle: numpy} continues it as the
 * tutorial's global generator does. Both trainers start from these parameters.
 *
 * @param parameters the initial parameters.
 * @param streamAfter the NumPy stream after the draw (a fresh one for {@code zeros}).
 */
public record InitialParameters(Parameters parameters, NumpyRandomState streamAfter) {

    /**
     * Draws the initial parameters of the linear model.
     *
     * @param model the initialisation scheme and seed.
     * @param nFeatures the number of features.
     * @param nTargets the number of targets.
     * @return the parameters and the stream after them.
     */
    public static InitialParameters draw(ModelConfig model, int nFeatures, int nTargets) {
        return draw(model, List.of(), nFeatures, nTargets);
    }

    /**
     * Draws the initial parameters of a network.
     *
     * @param model the initialisation scheme and seed.
     * @param hidden the hidden layers (empty: the linear model).
     * @param nFeatures the number of features.
     * @param nTargets the number of targets.
     * @return the parameters and the stream after them.
     */
    public static InitialParameters draw(ModelConfig model, List<LayerSpec> hidden, int nFeatures, int nTargets) {
        NumpyRandomState rng = new NumpyRandomState(model.initSeed());
        List<Parameters.Layer> layers = new ArrayList<>();
        int nIn = nFeatures;
        for (int l = 0; l <= hidden.size(); l++) {
            int nOut = l < hidden.size() ? LayerSpec.dense(hidden.get(l)).units() : nTargets;
            layers.add(layer(model, rng, nIn, nOut));
            nIn = nOut;
        }
        return new InitialParameters(Parameters.ofLayers(layers), rng);
    }

    private static Parameters.Layer layer(ModelConfig model, NumpyRandomState rng, int nIn, int nOut) {
        double[][] w = new double[nIn][nOut];
        double[] b = new double[nOut];
        switch (model.init()) {
            case NUMPY_RANDN -> {
                // theta = randn(n_in + 1, n_out), row-major, the bias row first.
                for (int t = 0; t < nOut; t++) {
                    b[t] = rng.nextGaussian();
                }
                fill(w, () -> rng.nextGaussian());
            }
            case XAVIER_UNIFORM -> uniform(w, rng, Math.sqrt(6.0 / (nIn + nOut)));
            case RELU_UNIFORM -> uniform(w, rng, Math.sqrt(6.0 / nIn));
            case XAVIER -> normal(w, rng, Math.sqrt(2.0 / (nIn + nOut)));
            case RELU -> normal(w, rng, Math.sqrt(2.0 / nIn));
            case ZEROS -> {
                // all zero; the stream stays fresh
            }
            default -> throw new IllegalStateException("unhandled init " + model.init());
        }
        return new Parameters.Layer(w, b);
    }

    /** {@code uniform(-limit, limit, size=(n_in, n_out))}. */
    private static void uniform(double[][] w, NumpyRandomState rng, double limit) {
        fill(w, () -> rng.uniform(-limit, limit));
    }

    /** {@code randn(n_in, n_out) * sigma}. */
    private static void normal(double[][] w, NumpyRandomState rng, double sigma) {
        fill(w, () -> rng.nextGaussian() * sigma);
    }

    private static void fill(double[][] w, java.util.function.DoubleSupplier draw) {
        for (double[] row : w) {
            for (int t = 0; t < row.length; t++) {
                row[t] = draw.getAsDouble();
            }
        }
    }
}
