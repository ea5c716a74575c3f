package dev.minibatch.data;

import dev.minibatch.random.NumpyRandomState;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * scikit-learn's toy classification generators, bit for bit: {@code make_moons}, {@code make_circles} and
 * {@code make_blobs} (scikit-learn 1.2, NumPy's legacy {@code RandomState}). Each returns the rows in scikit-learn's
 * order (shuffled as its {@code shuffle=True} default does, by {@code sklearn.utils.shuffle}: one
 * {@code RandomState.shuffle} of {@code arange(n)}, then the noise) and the class of each row (0 … k − 1).
 *
 * <p>The cosines and sines are libnd4j's, which are the C library's, as NumPy 2.x's float64 ones are (the same caveat
 * as {@link MakeFriedman1}'s: NumPy 1.2x on an AVX-512 CPU uses SVML's instead). {@code linspace} is NumPy's formula,
 * i·step + start with step = (stop − start)/div, and the endpoint set to stop.
 */
public final class MakeClassification {
    private MakeClassification() {
    }

    /**
     * Rows with class labels.
     *
     * @param x the features, n × n_features.
     * @param y each row's class, 0 … k − 1.
     * @param classes k.
     */
    public record Labelled(double[][] x, int[] y, int classes) {
    }

    /**
     * {@code make_moons(n_samples, noise=noise, random_state=seed)}: two interleaving half circles.
     *
     * @param n rows (n/2 rounded down in the outer moon, class 0).
     * @param noise the Gaussian noise's standard deviation; 0 for none (scikit-learn's {@code None}).
     * @param seed the random state.
     * @return the rows.
     */
    public static Labelled moons(int n, double noise, long seed) {
        return twoArcs(n, Math.PI, true, (c, sn) -> new double[] {1 - c, 1 - sn - 0.5}, noise, seed);
    }

    /**
     * {@code make_circles(n_samples, noise=noise, random_state=seed, factor=factor)}: a circle inside another.
     *
     * @param n rows (n/2 rounded down on the outer circle, class 0).
     * @param noise the Gaussian noise's standard deviation; 0 for none.
     * @param seed the random state.
     * @param factor the inner circle's radius, in [0, 1).
     * @return the rows.
     */
    public static Labelled circles(int n, double noise, long seed, double factor) {
        return twoArcs(n, 2 * Math.PI, false, (c, sn) -> new double[] {c * factor, sn * factor}, noise, seed);
    }

    /**
     * Class 0 on the unit circle's arc (cos t, sin t) for n/2 values of t = linspace(0, span), class 1 the rest on
     * the inner shape, a function of (cos t, sin t); then shuffled, then the noise.
     */
    private static Labelled twoArcs(int n, double span, boolean endpoint, Inner inner, double noise, long seed) {
        int out = n / 2;
        int in = n - out;
        double[] to = linspace(0, span, out, endpoint);
        double[] ti = linspace(0, span, in, endpoint);
        double[] co = cos(to);
        double[] so = sin(to);
        double[] ci = cos(ti);
        double[] si = sin(ti);
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < out; i++) {
            x[i] = new double[] {co[i], so[i]};
        }
        for (int i = 0; i < in; i++) {
            x[out + i] = inner.at(ci[i], si[i]);
            y[out + i] = 1;
        }
        return shuffleAndNoise(x, y, 2, noise, new NumpyRandomState(seed));
    }

    /** The inner shape's point for one angle. */
    private interface Inner {
        double[] at(double cos, double sin);
    }

    /**
     * {@code make_blobs(n_samples, n_features, centers=k, cluster_std=std, random_state=seed)}: isotropic Gaussian
     * clusters around centres drawn uniformly from the box [−10, 10]^n_features.
     *
     * @param n rows (n/k per centre, the first n mod k centres one more).
     * @param features n_features.
     * @param centers k.
     * @param std each cluster's standard deviation.
     * @param seed the random state.
     * @return the rows.
     */
    public static Labelled blobs(int n, int features, int centers, double std, long seed) {
        NumpyRandomState rng = new NumpyRandomState(seed);
        double[][] c = new double[centers][features];
        for (double[] row : c) {
            for (int j = 0; j < features; j++) {
                row[j] = rng.uniform(-10.0, 10.0);
            }
        }
        double[][] x = new double[n][features];
        int[] y = new int[n];
        int row = 0;
        for (int i = 0; i < centers; i++) {
            int count = n / centers + (i < n % centers ? 1 : 0);
            for (int r = 0; r < count; r++, row++) {
                for (int j = 0; j < features; j++) {
                    x[row][j] = rng.normal(c[i][j], std);
                }
                y[row] = i;
            }
        }
        return shuffleAndNoise(x, y, centers, 0, rng);
    }

    /**
     * {@code make_classification(n_samples, n_features, n_informative=…, n_redundant=…, n_repeated=…, n_classes=…,
     * n_clusters_per_class=…, flip_y=…, class_sep=…, random_state=seed)} with scikit-learn's other defaults (equal
     * weights, hypercube, shift 0, scale 1, shuffled): clusters of normal points on the vertices of a hypercube in the
     * informative features, each with a random covariance, then redundant features as random combinations of the
     * informative ones, repeated ones, noise features, flipped labels, and shuffled rows and columns — every draw in
     * scikit-learn's order. The products X·A and X·B are summed in index order, one
     * rounding per operation.
     *
     * @param n rows.
     * @param features n_features.
     * @param informative n_informative.
     * @param redundant n_redundant.
     * @param repeated n_repeated.
     * @param classes n_classes.
     * @param clustersPerClass n_clusters_per_class.
     * @param flipY the fraction of labels replaced at random.
     * @param classSep the hypercube's half side.
     * @param seed the random state.
     * @return the rows.
     */
    public static Labelled classification(int n, int features, int informative, int redundant, int repeated,
                                          int classes, int clustersPerClass, double flipY, double classSep,
                                          long seed) {
        if (informative + redundant + repeated > features) {
            throw new IllegalArgumentException("n_informative + n_redundant + n_repeated must be at most n_features");
        }
        int clusters = classes * clustersPerClass;
        if (informative < Math.log(clusters) / Math.log(2)) {
            throw new IllegalArgumentException("n_classes · n_clusters_per_class must be at most 2^n_informative");
        }
        if (informative > 30) {
            throw new IllegalArgumentException("n_informative above 30 is not supported");
        }
        NumpyRandomState rng = new NumpyRandomState(seed);
        int useless = features - informative - redundant - repeated;
        int[] perCluster = new int[clusters];
        int assigned = 0;
        for (int k = 0; k < clusters; k++) {
            perCluster[k] = (int) (n * (1.0 / classes) / clustersPerClass);
            assigned += perCluster[k];
        }
        for (int i = 0; i < n - assigned; i++) {
            perCluster[i % clusters]++;
        }
        double[][] x = new double[n][features];
        int[] y = new int[n];
        long[] vertices = sampleWithoutReplacement(1L << informative, clusters, rng);
        double[][] centroids = new double[clusters][informative];
        for (int k = 0; k < clusters; k++) {
            for (int j = 0; j < informative; j++) {
                double bit = (vertices[k] >> (informative - 1 - j)) & 1;
                centroids[k][j] = bit * (2 * classSep) - classSep;
            }
        }
        for (double[] row : x) {
            for (int j = 0; j < informative; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        int stop = 0;
        for (int k = 0; k < clusters; k++) {
            int start = stop;
            stop += perCluster[k];
            double[][] a = new double[informative][informative];
            for (double[] row : a) {
                for (int j = 0; j < informative; j++) {
                    row[j] = 2 * rng.nextDouble() - 1;
                }
            }
            for (int i = start; i < stop; i++) {
                y[i] = k % classes;
                double[] product = times(x[i], informative, a);
                for (int j = 0; j < informative; j++) {
                    x[i][j] = product[j] + centroids[k][j];
                }
            }
        }
        if (redundant > 0) {
            double[][] b = new double[informative][redundant];
            for (double[] row : b) {
                for (int j = 0; j < redundant; j++) {
                    row[j] = 2 * rng.nextDouble() - 1;
                }
            }
            for (double[] row : x) {
                System.arraycopy(times(row, informative, b), 0, row, informative, redundant);
            }
        }
        if (repeated > 0) {
            int m = informative + redundant;
            int[] idx = new int[repeated];
            for (int r = 0; r < repeated; r++) {
                idx[r] = (int) ((m - 1) * rng.nextDouble() + 0.5);
            }
            for (double[] row : x) {
                for (int r = 0; r < repeated; r++) {
                    row[m + r] = row[idx[r]];
                }
            }
        }
        for (double[] row : x) {
            for (int j = features - useless; j < features; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        if (flipY >= 0) {
            boolean[] flip = new boolean[n];
            int flips = 0;
            for (int i = 0; i < n; i++) {
                flip[i] = rng.nextDouble() < flipY;
                flips += flip[i] ? 1 : 0;
            }
            for (int i = 0; i < n && flips > 0; i++) {
                if (flip[i]) {
                    y[i] = (int) rng.interval(classes - 1);
                }
            }
        }
        Labelled shuffled = shuffleAndNoise(x, y, classes, 0, rng);
        int[] columns = new int[features];
        for (int j = 0; j < features; j++) {
            columns[j] = j;
        }
        rng.shuffle(columns);
        for (double[] row : shuffled.x()) {
            double[] copy = row.clone();
            for (int j = 0; j < features; j++) {
                row[j] = copy[columns[j]];
            }
        }
        return shuffled;
    }

    /** The first d values of a row times a d × c matrix, each sum in index order. */
    private static double[] times(double[] row, int d, double[][] m) {
        double[] out = new double[m[0].length];
        for (int j = 0; j < out.length; j++) {
            double s = 0;
            for (int i = 0; i < d; i++) {
                s = Math.fma(row[i], m[i][j], s);
            }
            out[j] = s;
        }
        return out;
    }

    /** scikit-learn's {@code sample_without_replacement(population, n, random_state=rng)} ("auto"). */
    static long[] sampleWithoutReplacement(long population, int n, NumpyRandomState rng) {
        double ratio = population == 0 ? 1.0 : (double) n / population;
        long[] out = new long[n];
        if (ratio > 0.01 && ratio < 0.99) {                         // permutation(population)[:n]
            int[] p = rng.permutation((int) population);
            for (int i = 0; i < n; i++) {
                out[i] = p[i];
            }
        } else if (ratio < 0.2) {                                   // tracking selection
            java.util.Set<Long> seen = new java.util.HashSet<>();
            for (int i = 0; i < n; i++) {
                long j = rng.interval(population - 1);
                while (!seen.add(j)) {
                    j = rng.interval(population - 1);
                }
                out[i] = j;
            }
        } else {                                                    // reservoir sampling
            for (int i = 0; i < n; i++) {
                out[i] = i;
            }
            for (long i = n; i < population; i++) {
                long j = rng.interval(i);
                if (j < n) {
                    out[(int) j] = i;
                }
            }
        }
        return out;
    }

    /** sklearn.utils.shuffle(X, y, random_state=rng), then X += rng.normal(scale=noise, size=X.shape). */
    private static Labelled shuffleAndNoise(double[][] x, int[] y, int classes, double noise, NumpyRandomState rng) {
        int[] order = new int[y.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        rng.shuffle(order);
        double[][] xs = new double[x.length][];
        int[] ys = new int[y.length];
        for (int i = 0; i < order.length; i++) {
            xs[i] = x[order[i]].clone();
            ys[i] = y[order[i]];
        }
        if (noise > 0) {
            for (double[] row : xs) {
                for (int j = 0; j < row.length; j++) {
                    row[j] += rng.normal(0.0, noise);
                }
            }
        }
        return new Labelled(xs, ys, classes);
    }

    /** NumPy's {@code linspace(start, stop, num, endpoint)}. */
    static double[] linspace(double start, double stop, int num, boolean endpoint) {
        double[] y = new double[num];
        int div = endpoint ? num - 1 : num;
        double delta = stop - start;
        if (div <= 0) {
            if (num == 1) {
                y[0] = start;   // NumPy: arange(1)·delta + start with a NaN step (0·delta + start)
            }
            return y;
        }
        double step = delta / div;
        for (int i = 0; i < num; i++) {
            y[i] = step == 0 ? i / (double) div * delta + start : i * step + start;
        }
        if (endpoint && num > 1) {
            y[num - 1] = stop;
        }
        return y;
    }

    private static double[] cos(double[] t) {
        return t.length == 0 ? t : Transforms.cos(Nd4j.createFromArray(t), false).toDoubleVector();
    }

    private static double[] sin(double[] t) {
        return t.length == 0 ? t : Transforms.sin(Nd4j.createFromArray(t), false).toDoubleVector();
    }
}
