package dev.minibatch.train;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A model's parameters, copied out of ND4J into plain doubles: the output layer ŷ = a·W + b, and before it the hidden
 * layers, input to output. The linear model has no hidden layers, and a is the features x.
 *
 * @param weights the output layer's W, n_in × n_targets.
 * @param bias the output layer's b, n_targets entries.
 * @param hidden the hidden layers, input to output; empty for the linear model.
 */
public record Parameters(double[][] weights, double[] bias, List<Layer> hidden) {
    /**
     * Copies W and b out of ND4J.
     *
     * @param weights the n_features × n_targets weights.
     * @param bias the 1 × n_targets bias.
     * @return the parameters as doubles (exact: every float is a double).
     */
    public static Parameters of(INDArray weights, INDArray bias) {
        return new Parameters(weights.castTo(DataType.DOUBLE).toDoubleMatrix(),
                bias.castTo(DataType.DOUBLE).reshape(-1).toDoubleVector());
    }


    /**
     * One dense layer's parameters.
     *
     * @param weights W, n_in × n_out.
     * @param bias b, n_out entries.
     */
    public record Layer(double[][] weights, double[] bias) {
        /** @return the layer's inputs. */
        public int nIn() {
            return weights.length;
        }

        /** @return the layer's outputs. */
        public int nOut() {
            return bias.length;
        }
    }

    /** Copies the layer list. */
    public Parameters {
        hidden = List.copyOf(hidden);
    }

    /**
     * The linear model's parameters.
     *
     * @param weights W, n_features × n_targets.
     * @param bias b, n_targets entries.
     */
    public Parameters(double[][] weights, double[] bias) {
        this(weights, bias, List.of());
    }

    /**
     * Parameters from every layer, input to output.
     *
     * @param layers at least one layer; the last is the output layer.
     * @return the parameters.
     */
    public static Parameters ofLayers(List<Layer> layers) {
        Layer out = layers.get(layers.size() - 1);
        return new Parameters(out.weights(), out.bias(), layers.subList(0, layers.size() - 1));
    }

    /** @return every layer, input to output, the output layer last. */
    public List<Layer> layers() {
        List<Layer> all = new ArrayList<>(hidden);
        all.add(new Layer(weights, bias));
        return all;
    }

    /** @return the number of features. */
    public int nFeatures() {
        return hidden.isEmpty() ? weights.length : hidden.get(0).nIn();
    }

    /** @return the number of targets. */
    public int nTargets() {
        return bias.length;
    }

    /** @return whether this is the linear model (no hidden layer). */
    public boolean isLinear() {
        return hidden.isEmpty();
    }

    /** @return the number of parameters, every layer's W and b. */
    public long count() {
        long n = 0;
        for (Layer l : layers()) {
            n += (long) l.nIn() * l.nOut() + l.nOut();
        }
        return n;
    }

    /**
     * Each layer's parameter norm, ‖(W, b)‖₂ = √(Σw² + Σb²), input to output: how a network's layers grow or shrink
     * as it trains.
     *
     * @return one norm per layer.
     */
    public List<Double> layerNorms() {
        List<Double> out = new ArrayList<>();
        for (Layer l : layers()) {
            double s = 0;
            for (double[] row : l.weights()) {
                for (double v : row) {
                    s += v * v;
                }
            }
            for (double v : l.bias()) {
                s += v * v;
            }
            out.add(Math.sqrt(s));
        }
        return out;
    }

    /**
     * Whether another set of parameters has this one's layer shapes.
     *
     * @param other parameters.
     * @return true if every layer has the same inputs and outputs.
     */
    public boolean sameShape(Parameters other) {
        List<Layer> a = layers();
        List<Layer> b = other.layers();
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).nIn() != b.get(i).nIn() || a.get(i).nOut() != b.get(i).nOut()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns the largest absolute difference between corresponding parameters.
     *
     * @param other parameters of the same shape.
     * @return max |this − other| over every layer's weights and bias; NaN if either side holds a NaN.
     */
    public double maxAbsDiff(Parameters other) {
        double max = 0.0;
        List<Layer> mine = layers();
        List<Layer> theirs = other.layers();
        for (int l = 0; l < mine.size(); l++) {
            Layer a = mine.get(l);
            Layer b = theirs.get(l);
            for (int t = 0; t < a.bias().length; t++) {
                max = maxNaN(max, Math.abs(a.bias()[t] - b.bias()[t]));
            }
            for (int f = 0; f < a.weights().length; f++) {
                for (int t = 0; t < a.bias().length; t++) {
                    max = maxNaN(max, Math.abs(a.weights()[f][t] - b.weights()[f][t]));
                }
            }
        }
        return max;
    }

    private static double maxNaN(double a, double b) {
        return Double.isNaN(b) ? b : Math.max(a, b);
    }
}
