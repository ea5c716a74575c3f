package dev.minibatch.data;

import dev.minibatch.config.ConfigException;
import dev.minibatch.format.Numbers;


/**
 * Refuses data that overflows before any step is taken, so that the message names the data and not the
 * learning rate: a value that is not finite in the training precision, or values so large that the sum of
 * squared errors over the rows overflows, so that no loss can be computed at any learning rate.
 */
public final class DataRange {
    private DataRange() {
    }

    /**
     * Checks that a dataset's values and their squares fit the training precision.
     *
     * @param data the dataset.
     * @param single whether training runs in single precision (values beyond ±3.4e38 become infinite).
     * @param source where the data came from, for the message (the CSV path, or the make_regression keys).
     * @throws ConfigException if the data overflows (bad input, exit code 2).
     */
    public static void check(Dataset data, boolean single, String source) {
        int rows = Math.max(data.nTrain(), data.nTest());
        check(Math.max(maxAbs(data.xTrain()), maxAbs(data.xTest())), rows, "feature", single, source);
        check(Math.max(maxAbs(data.yTrain()), maxAbs(data.yTest())), rows, "target", single, source);
    }

    /**
     * Checks the largest magnitudes of data read in a stream (the disk cache), as {@link #check(Dataset, boolean,
     * String)} checks a dataset in memory.
     *
     * @param maxFeature the largest |feature| over the training and test rows (NaN if any is NaN).
     * @param maxTarget the largest |target|.
     * @param rows the larger of the training and test row counts.
     * @param single whether training runs in single precision.
     * @param source where the data came from, for the message.
     * @throws ConfigException if the data overflows.
     */
    public static void check(double maxFeature, double maxTarget, int rows, boolean single, String source) {
        check(maxFeature, rows, "feature", single, source);
        check(maxTarget, rows, "target", single, source);
    }

    /**
     * Folds a value into a running largest magnitude, as the check reads it: a NaN sticks.
     *
     * @param max the largest so far.
     * @param v the value.
     * @return the new largest.
     */
    public static double fold(double max, double v) {
        double abs = Math.abs(v);
        return Double.isNaN(max) || Double.isNaN(abs) ? Double.NaN : Math.max(max, abs);
    }

    private static void check(double max, int rows, String kind, boolean single, String source) {
        double limit = single ? Float.MAX_VALUE : Double.MAX_VALUE;
        String type = single ? "float" : "double";
        if (Double.isNaN(max) || max > limit) {
            throw new ConfigException(source + ": a " + kind + " value is " + (Double.isNaN(max) ? "NaN"
                    : Numbers.format(max, 3)) + ", beyond what a " + type + " holds (±" + Numbers.format(limit, 3)
                    + "); rescale the data");
        }
        // The loss sums m squared errors in double precision: m·max² must stay finite.
        if (max * max * rows > Double.MAX_VALUE || (single && max * max > Float.MAX_VALUE)) {
            throw new ConfigException(source + ": the largest |" + kind + "| is " + Numbers.format(max, 3)
                    + "; its square summed over " + rows + " rows overflows " + (single ? "float" : "double")
                    + " precision, so no loss or gradient can be computed at any learning rate; rescale the"
                    + " data (e.g. a smaller data.noise or data.bias, or divide the column)");
        }
    }

    private static double maxAbs(double[][] a) {
        double max = 0.0;
        for (double[] row : a) {
            for (double v : row) {
                double abs = Math.abs(v);
                if (!(abs <= max)) {
                    max = abs; // also takes NaN, which then sticks
                    if (Double.isNaN(abs)) {
                        return abs;
                    }
                }
            }
        }
        return max;
    }
}
