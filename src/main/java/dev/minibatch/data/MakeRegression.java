package dev.minibatch.data;

import dev.minibatch.random.NumpyRandomState;

/**
 * Reproduces scikit-learn's {@code sklearn.datasets.make_regression} (the default {@code effective_rank=None},
 * {@code shuffle=True} path) on {@link NumpyRandomState}, bit for bit.
 *
 * <p>The draw order is scikit-learn's: X from {@code standard_normal(n_samples, n_features)}; the first
 * n_informative rows of the coefficients from {@code 100 * uniform(size=(n_informative, n_targets))};
 * {@code y = X·coef + bias}; {@code y += normal(0, noise)} when noise is positive; then the rows are shuffled and
 * then the feature columns. The dot product is summed left to right with one fused multiply-add per term, which
 * is what NumPy's OpenBLAS {@code dot} does on x86-64; a plain {@code s += x * w} differs in the last bit for
 * about a third of multi-feature targets.
 */
public final class MakeRegression {
    private MakeRegression() {
    }

    /**
     * Generates the data scikit-learn would for the same arguments.
     *
     * @param nSamples the number of rows, at least 1.
     * @param nFeatures the number of features, at least 1.
     * @param nInformative the number of informative features; capped at nFeatures, as scikit-learn does.
     * @param nTargets the number of targets, at least 1.
     * @param bias the intercept added to every target.
     * @param noise the standard deviation of the Gaussian noise added to the targets.
     * @param randomState the integer seed of the RandomState.
     * @return the features, targets and coefficients.
     */
    public static Regression generate(int nSamples, int nFeatures, int nInformative, int nTargets,
                                      double bias, double noise, long randomState) {
        if (nSamples < 1 || nFeatures < 1 || nTargets < 1 || nInformative < 0) {
            throw new IllegalArgumentException("n_samples, n_features and n_targets must be at least 1");
        }
        int informative = Math.min(nFeatures, nInformative);
        NumpyRandomState rng = new NumpyRandomState(randomState);
        double[][] x = rng.standardNormal(nSamples, nFeatures);

        double[][] coef = new double[nFeatures][nTargets];
        for (int i = 0; i < informative; i++) {
            for (int t = 0; t < nTargets; t++) {
                coef[i][t] = 100 * rng.nextDouble();
            }
        }

        double[][] y = new double[nSamples][nTargets];
        for (int r = 0; r < nSamples; r++) {
            for (int t = 0; t < nTargets; t++) {
                double s = 0.0;
                for (int f = 0; f < nFeatures; f++) {
                    s = Math.fma(x[r][f], coef[f][t], s);
                }
                y[r][t] = s + bias;
            }
        }
        if (noise > 0.0) {
            for (double[] row : y) {
                for (int t = 0; t < nTargets; t++) {
                    row[t] += rng.normal(0.0, noise);
                }
            }
        }

        int[] rows = identity(nSamples);
        rng.shuffle(rows);
        int[] cols = identity(nFeatures);
        rng.shuffle(cols);

        double[][] xs = new double[nSamples][];
        double[][] ys = new double[nSamples][];
        for (int r = 0; r < nSamples; r++) {
            double[] src = x[rows[r]];
            x[rows[r]] = null; // each source row is read once: let it go, so peak memory stays near one copy
            double[] dst = new double[nFeatures];
            for (int f = 0; f < nFeatures; f++) {
                dst[f] = src[cols[f]];
            }
            xs[r] = dst;
            ys[r] = y[rows[r]];
        }
        double[][] coefs = new double[nFeatures][];
        for (int f = 0; f < nFeatures; f++) {
            coefs[f] = coef[cols[f]];
        }
        return new Regression(xs, ys, coefs);
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }
}
