package dev.minibatch.results;

/**
 * Regression metrics with scikit-learn's definitions: per target, {@code mean_squared_error},
 * its square root, {@code mean_absolute_error} and {@code r2_score}; overall, the uniform average over targets
 * (scikit-learn's default {@code multioutput='uniform_average'}: the RMSE overall is the mean of the per-target
 * RMSEs, not the root of the overall MSE).
 *
 * @param mse mean squared error.
 * @param rmse root mean squared error.
 * @param mae mean absolute error.
 * @param r2 coefficient of determination, 1 − SS_res/SS_tot (1 for a perfect fit; for a constant target 1
 *     when predicted exactly and 0 otherwise, as scikit-learn reports).
 */
public record RegressionMetrics(double mse, double rmse, double mae, double r2) {

    /**
     * Computes the metrics of one target column.
     *
     * @param actual the true values.
     * @param predicted the predictions.
     * @return the metrics; a constant target gives r2 = 1 when predicted exactly, else 0, and one row NaN (undefined),
     *     as scikit-learn.
     */
    public static RegressionMetrics of(double[] actual, double[] predicted) {
        int n = actual.length;
        double mean = 0;
        for (double v : actual) {
            mean += v;
        }
        mean /= n;
        double ss = 0;
        double abs = 0;
        double tot = 0;
        for (int i = 0; i < n; i++) {
            double e = actual[i] - predicted[i];
            ss += e * e;
            abs += Math.abs(e);
            tot += (actual[i] - mean) * (actual[i] - mean);
        }
        double mse = ss / n;
        // scikit-learn: R² is undefined for fewer than two rows (it warns and returns NaN)
        double r2 = n < 2 ? Double.NaN : tot != 0 ? 1 - ss / tot : ss == 0 ? 1 : 0;
        return new RegressionMetrics(mse, Math.sqrt(mse), abs / n, r2);
    }

    /**
     * Averages per-target metrics uniformly.
     *
     * @param perTarget each target's metrics.
     * @return the means.
     */
    public static RegressionMetrics uniformAverage(java.util.List<RegressionMetrics> perTarget) {
        double mse = 0;
        double rmse = 0;
        double mae = 0;
        double r2 = 0;
        for (RegressionMetrics m : perTarget) {
            mse += m.mse;
            rmse += m.rmse;
            mae += m.mae;
            r2 += m.r2;
        }
        int k = perTarget.size();
        return new RegressionMetrics(mse / k, rmse / k, mae / k, r2 / k);
    }
}
