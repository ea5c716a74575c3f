package dev.minibatch.train;

/**
 * The parameters of the linear model ŷ = x·W + b, copied out of ND4J into plain doubles.
 *
 * @param weights W, n_features × n_targets.
 * @param bias b, n_targets entries.
 */
public record Parameters(double[][] weights, double[] bias) {

    /** @return the number of features. */
    public int nFeatures() {
        return weights.length;
    }

    /** @return the number of targets. */
    public int nTargets() {
        return bias.length;
    }

    /**
     * Returns the largest absolute difference between corresponding parameters.
     *
     * @param other parameters of the same shape.
     * @return max |this − other| over weights and bias; NaN if either side holds a NaN.
     */
    public double maxAbsDiff(Parameters other) {
        double max = 0.0;
        for (int t = 0; t < bias.length; t++) {
            max = maxNaN(max, Math.abs(bias[t] - other.bias[t]));
        }
        for (int f = 0; f < weights.length; f++) {
            for (int t = 0; t < bias.length; t++) {
                max = maxNaN(max, Math.abs(weights[f][t] - other.weights[f][t]));
            }
        }
        return max;
    }

    private static double maxNaN(double a, double b) {
        return Double.isNaN(b) ? b : Math.max(a, b);
    }
}
