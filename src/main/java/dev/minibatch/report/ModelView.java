package dev.minibatch.report;

import dev.minibatch.config.LayerSpec;
import dev.minibatch.results.RunResults;
import dev.minibatch.train.activation.ActivationFunction;
import java.util.List;

/**
 * A trainer's final model as results.json records it, evaluated in double for the report's pictures: per hidden layer
 * a = f(a·W + b) with the textbook f ({@link ActivationFunction#value}), then ŷ = f_out(a·W + b). The report never trains; it
 * only evaluates what was trained.
 */
final class ModelView {
    private final List<RunResults.Layer> layers;
    private final List<ActivationFunction> activations;
    private final ActivationFunction output;

    private ModelView(List<RunResults.Layer> layers, List<ActivationFunction> activations,
                      ActivationFunction output) {
        this.layers = layers;
        this.activations = activations;
        this.output = output;
    }

    /**
     * The model of one trainer of a run.
     *
     * @param run the run's results.
     * @param trainer the trainer's results.
     * @return the model.
     */
    static ModelView of(RunResults run, RunResults.Trainer trainer) {
        return of(run.hiddenLayers(), run.outputActivation(), trainer.finalLayers());
    }

    /**
     * A model from its configured layers and its parameters.
     *
     * @param hidden the hidden layers.
     * @param outputActivation the output layer's activation.
     * @param layers every layer's parameters, input to output.
     * @return the model.
     */
    static ModelView of(List<LayerSpec> hidden, dev.minibatch.config.Activation outputActivation,
                        List<RunResults.Layer> layers) {
        if (layers.size() != hidden.size() + 1) {
            throw new IllegalArgumentException("results.json: " + layers.size() + " layers for " + hidden.size()
                    + " hidden layers in the config");
        }
        return new ModelView(layers, hidden.stream().map(ActivationFunction::of).toList(), ActivationFunction.of(
                outputActivation, outputActivation.defaultAlpha()));
    }

    /**
     * The model's outputs for one row of features.
     *
     * @param x the features.
     * @return one output per target.
     */
    double[] predict(double[] x) {
        double[] a = x;
        for (int l = 0; l < layers.size(); l++) {
            double[][] w = layers.get(l).weights();
            double[] b = layers.get(l).bias();
            double[] z = new double[b.length];
            for (int j = 0; j < b.length; j++) {
                double s = b[j];
                for (int i = 0; i < a.length; i++) {
                    s += a[i] * w[i][j];
                }
                z[j] = s;
            }
            a = (l < activations.size() ? activations.get(l) : output).values(z);
        }
        return a;
    }
}
