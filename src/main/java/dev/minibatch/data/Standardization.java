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

    /** Reads training row {@code i} (of {@code 0 .. n-1}): an array whose first values are its features. */
    @FunctionalInterface
    public interface RowReader {
        /**
         * Reads one training row.
         *
         * @param i the row, from 0.
         * @return its values, features first; the reader may reuse the array for the next row.
         */
        double[] row(int i);
    }

    /**
     * Fits the statistics on training rows held in memory.
     *
     * @param x the training rows.
     * @param names the feature names, for the error message.
     * @param source the data file, for the error message.
     * @return the statistics.
     * @throws ConfigException if a feature is constant on the training rows (its scale would be 0).
     */
    public static Standardization fit(double[][] x, java.util.List<String> names, String source) {
        return fit(x.length, x[0].length, i -> x[i], names, source);
    }

    /**
     * Fits the statistics on training rows read one at a time, so rows on disk stream through twice (the sums, then
     * the squared deviations). Each column's sums run over the rows in order {@code 0 .. n-1}: the same bits
     * whether the rows are in memory or on disk.
     *
     * @param n the training rows.
     * @param f the features: the first {@code f} values of each row.
     * @param rows reads row {@code i}.
     * @param names the feature names, for the error message.
     * @param source the data file, for the error message.
     * @return the statistics.
     * @throws ConfigException if a feature is constant on the training rows (the first such column is named).
     */
    public static Standardization fit(int n, int f, RowReader rows, java.util.List<String> names, String source) {
        double[] sum = new double[f];
        for (int i = 0; i < n; i++) {
            double[] row = rows.row(i);
            for (int j = 0; j < f; j++) {
                sum[j] += row[j];
            }
        }
        double[] mean = new double[f];
        for (int j = 0; j < f; j++) {
            mean[j] = sum[j] / n;
        }
        double[] ss = new double[f];
        for (int i = 0; i < n; i++) {
            double[] row = rows.row(i);
            for (int j = 0; j < f; j++) {
                double d = row[j] - mean[j];
                ss[j] += d * d;
            }
        }
        double[] scale = new double[f];
        for (int j = 0; j < f; j++) {
            scale[j] = Math.sqrt(ss[j] / n);
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
            apply(x[i], out[i]);
        }
        return out;
    }

    /**
     * Standardises one row's features.
     *
     * @param row the row, features first; not modified.
     * @param out receives (x − mean) / scale for each of the features.
     */
    public void apply(double[] row, double[] out) {
        for (int j = 0; j < mean.length; j++) {
            out[j] = (row[j] - mean[j]) / scale[j];
        }
    }
}
