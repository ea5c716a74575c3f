package dev.minibatch.data;

import dev.minibatch.random.NumpyRandomState;
import java.io.IOException;
import java.io.UncheckedIOException;

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
     * Where the generator keeps rows between its passes: written once in order, then read by index. The in-memory
     * store holds arrays; the disk cache's ({@code cache.RawCache}) a file it maps, for data larger than the heap.
     */
    public interface Store {
        /**
         * Appends a row; the store keeps its own copy.
         *
         * @param row the values.
         * @throws IOException if the store cannot write.
         */
        void write(double[] row) throws IOException;

        /**
         * Ends the writing: the rows can be read from now on.
         *
         * @throws IOException if the store cannot finish.
         */
        default void finish() throws IOException {
        }

        /**
         * Reads a row.
         *
         * @param r the row, from 0, in write order.
         * @param out receives its values.
         */
        void read(int r, double[] out);

        /**
         * Reads a row for the last time: the store may let it go.
         *
         * @param r the row.
         * @param out receives its values.
         */
        default void take(int r, double[] out) {
            read(r, out);
        }
    }

    /** Receives the generated rows in their final (shuffled) order. */
    @FunctionalInterface
    public interface Sink {
        /**
         * Takes one row.
         *
         * @param x its features, in the shuffled column order (the array is reused for the next row).
         * @param y its targets (reused too).
         * @throws IOException if the row cannot be written.
         */
        void row(double[] x, double[] y) throws IOException;
    }

    /**
     * Generates the data scikit-learn would for the same arguments, in memory.
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
        double[][] xs = new double[nSamples][];
        double[][] ys = new double[nSamples][];
        int[] next = {0};
        try {
            double[][] coef = generate(nSamples, nFeatures, nInformative, nTargets, bias, noise, randomState,
                    new InMemory(nSamples), new InMemory(nSamples), (x, y) -> {
                        xs[next[0]] = x.clone();
                        ys[next[0]++] = y.clone();
                    });
            return new Regression(xs, ys, coef);
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // arrays do not fail
        }
    }

    /**
     * make_regression in three passes over two stores: X in draw order, then the coefficients, then per row
     * y = X·coef + bias and its noise (the noise draws follow the coefficients in row order, as scikit-learn's,
     * which draws them all after y), then the row and column shuffles, applied while handing each row to the sink.
     *
     * @param nSamples the number of rows, at least 1.
     * @param nFeatures the number of features, at least 1.
     * @param nInformative the number of informative features; capped at nFeatures.
     * @param nTargets the number of targets, at least 1.
     * @param bias the intercept added to every target.
     * @param noise the standard deviation of the Gaussian noise added to the targets.
     * @param randomState the integer seed of the RandomState.
     * @param xStore holds X between the passes.
     * @param yStore holds y between the passes.
     * @param out receives the rows in the final order.
     * @return the coefficients, in the shuffled feature order.
     * @throws IOException if a store or the sink cannot write.
     */
    public static double[][] generate(int nSamples, int nFeatures, int nInformative, int nTargets, double bias,
                                      double noise, long randomState, Store xStore, Store yStore, Sink out)
            throws IOException {
        int informative = Math.min(nFeatures, nInformative);
        NumpyRandomState rng = new NumpyRandomState(randomState);
        double[] row = new double[nFeatures];
        for (int r = 0; r < nSamples; r++) {       // standard_normal(n_samples, n_features), row by row
            for (int f = 0; f < nFeatures; f++) {
                row[f] = rng.nextGaussian();
            }
            xStore.write(row);
        }
        xStore.finish();

        double[][] coef = new double[nFeatures][nTargets];
        for (int i = 0; i < informative; i++) {
            for (int t = 0; t < nTargets; t++) {
                coef[i][t] = 100 * rng.nextDouble();
            }
        }

        double[] y = new double[nTargets];
        for (int r = 0; r < nSamples; r++) {
            xStore.read(r, row);
            for (int t = 0; t < nTargets; t++) {
                double s = 0.0;
                for (int f = 0; f < nFeatures; f++) {
                    s = Math.fma(row[f], coef[f][t], s);
                }
                y[t] = s + bias;
            }
            if (noise > 0.0) {
                for (int t = 0; t < nTargets; t++) {
                    y[t] += rng.normal(0.0, noise);
                }
            }
            yStore.write(y);
        }
        yStore.finish();

        int[] rows = identity(nSamples);
        rng.shuffle(rows);
        int[] cols = identity(nFeatures);
        rng.shuffle(cols);

        double[] xOut = new double[nFeatures];
        for (int r = 0; r < nSamples; r++) {
            xStore.take(rows[r], row);
            yStore.take(rows[r], y);
            for (int f = 0; f < nFeatures; f++) {
                xOut[f] = row[cols[f]];
            }
            out.row(xOut, y);
        }
        double[][] coefs = new double[nFeatures][];
        for (int f = 0; f < nFeatures; f++) {
            coefs[f] = coef[cols[f]];
        }
        return coefs;
    }

    /** Rows in arrays; each is let go when taken, so peak memory stays near one copy of the data. */
    private static final class InMemory implements Store {
        private final double[][] rows;
        private int n;

        InMemory(int capacity) {
            rows = new double[capacity][];
        }

        @Override
        public void write(double[] row) {
            rows[n++] = row.clone();
        }

        @Override
        public void read(int r, double[] out) {
            System.arraycopy(rows[r], 0, out, 0, out.length);
        }

        @Override
        public void take(int r, double[] out) {
            read(r, out);
            rows[r] = null;
        }
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }
}
