package dev.minibatch.data;

import dev.minibatch.config.ConfigException;

/**
 * Feature standardisation as scikit-learn's {@code StandardScaler}: z = (x − mean) / scale with the mean and the
 * population standard deviation (ddof 0) of the training rows only, applied unchanged to the test rows and, through
 * the saved model, to rows given to {@code predict}.
 *
 * @param mean the training mean of each feature.
 * @param scale the training population standard deviation of each feature.
 */
public record Standardization(double[] mean, double[] scale) {

    /**
     * Fits the statistics on training rows.
     *
     * @param x the training rows.
     * @param names the feature names, for the error message.
     * @param source the data file, for the error message.
     * @return the statistics.
     * @throws ConfigException if a feature is constant on the training rows (its scale would be 0).
     */
    public static Standardization fit(double[][] x, java.util.List<String> names, String source) {
        int n = x.length;
        int f = x[0].length;
        double[] mean = new double[f];
        double[] scale = new double[f];
        for (int j = 0; j < f; j++) {
            double s = 0;
            for (double[] row : x) {
                s += row[j];
            }
            mean[j] = s / n;
            double ss = 0;
            for (double[] row : x) {
                double d = row[j] - mean[j];
                ss += d * d;
            }
            scale[j] = Math.sqrt(ss / n);
            if (!(scale[j] > 0)) {
                throw new ConfigException(source + ": column '" + names.get(j) + "' is constant (" + mean[j]
                        + ") on all " + n + " training rows: it cannot be standardised; drop the column or set"
                        + " preprocess.standardize: false");
            }
        }
        return new Standardization(mean, scale);
    }

    /**
     * Standardises rows.
     *
     * @param x the rows; not modified.
     * @return new rows with (x − mean) / scale.
     */
    public double[][] apply(double[][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = new double[x[i].length];
            for (int j = 0; j < x[i].length; j++) {
                out[i][j] = (x[i][j] - mean[j]) / scale[j];
            }
        }
        return out;
    }
}
