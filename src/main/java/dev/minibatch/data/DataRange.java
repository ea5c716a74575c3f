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
        check(data.xTrain(), data.xTest(), "feature", single, source);
        check(data.yTrain(), data.yTest(), "target", single, source);
    }

    private static void check(double[][] train, double[][] test, String kind, boolean single, String source) {
        double max = Math.max(maxAbs(train), maxAbs(test));
        double limit = single ? Float.MAX_VALUE : Double.MAX_VALUE;
        String type = single ? "float" : "double";
        if (Double.isNaN(max) || max > limit) {
            throw new ConfigException(source + ": a " + kind + " value is " + (Double.isNaN(max) ? "NaN"
                    : Numbers.format(max, 3)) + ", beyond what a " + type + " holds (±" + Numbers.format(limit, 3)
                    + "); rescale the data");
        }
        // The loss sums m squared errors in double precision: m·max² must stay finite.
        int rows = Math.max(train.length, test.length);
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
