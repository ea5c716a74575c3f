package dev.minibatch.data;

import dev.minibatch.random.NumpyRandomState;

/**
 * Reproduces scikit-learn's {@code train_test_split(test_size=t, random_state=r)} with a float test size
 * (its {@code ShuffleSplit}): n_test = ⌈t·n⌉, n_train = n − n_test, and
 * {@code permutation = RandomState(r).permutation(n)}; the test rows are the first n_test entries of the
 * permutation and the training rows the next n_train, in that order. With {@code stratify=y}
 * ({@link #stratified}) it is scikit-learn's {@code StratifiedShuffleSplit}, draw for draw.
 */
public final class TrainTestSplit {
    private TrainTestSplit() {
    }

    /**
     * Returns the number of test rows scikit-learn takes for a float test size.
     *
     * @param nSamples the number of rows.
     * @param testSize the test fraction, in (0, 1).
     * @return ⌈testSize·nSamples⌉.
     */
    public static int testCount(int nSamples, double testSize) {
        return (int) Math.ceil(testSize * nSamples);
    }

    /**
     * Splits the row indices 0 … n − 1.
     *
     * @param nSamples the number of rows.
     * @param testSize the test fraction, in (0, 1).
     * @param randomState the integer seed.
     * @return the training and test indices.
     * @throws IllegalArgumentException if either side of the split would be empty.
     */
    public static SplitIndices split(int nSamples, double testSize, long randomState) {
        if (!(testSize > 0.0 && testSize < 1.0)) {
            throw new IllegalArgumentException("test_size must be in (0, 1), got " + testSize);
        }
        int nTest = testCount(nSamples, testSize);
        int nTrain = nSamples - nTest;
        if (nTest < 1 || nTrain < 1) {
            throw new IllegalArgumentException("cannot split " + nSamples + " rows with test_size " + testSize
                    + ": both sides need at least one row");
        }
        int[] perm = new NumpyRandomState(randomState).permutation(nSamples);
        int[] test = new int[nTest];
        int[] train = new int[nTrain];
        System.arraycopy(perm, 0, test, 0, nTest);
        System.arraycopy(perm, nTest, train, 0, nTrain);
        return new SplitIndices(train, test);
    }

    /**
     * {@code train_test_split(..., test_size=t, random_state=r, stratify=y)}: scikit-learn's
     * {@code StratifiedShuffleSplit}. Each class's share of the training and test rows is its share of the data, the
     * rounding decided as scikit-learn's {@code _approximate_mode} decides it (largest remainders first, ties drawn
     * with {@code choice}); then per class a permutation of its rows (in row order, as a stable argsort gives them),
     * the first n_i to training and the next t_i to test; then each side permuted — every draw from one
     * {@code RandomState(r)}, in scikit-learn's order.
     *
     * @param labels each row's class, 0 … k − 1, numbered in sorted order of the labels (as {@code np.unique}).
     * @param testSize the test fraction, in (0, 1).
     * @param randomState the integer seed.
     * @return the training and test indices.
     * @throws IllegalArgumentException with scikit-learn's reason when a class has one row, or a side has fewer
     *     rows than there are classes.
     */
    public static SplitIndices stratified(int[] labels, double testSize, long randomState) {
        int n = labels.length;
        int nTest = testCount(n, testSize);
        int nTrain = n - nTest;
        int k = 0;
        for (int c : labels) {
            k = Math.max(k, c + 1);
        }
        int[] counts = new int[k];
        for (int c : labels) {
            counts[c]++;
        }
        for (int c = 0; c < k; c++) {
            if (counts[c] < 2) {
                throw new IllegalArgumentException("class #" + c + " (in the classes' order) has " + counts[c]
                        + " row(s); stratifying needs at least 2 of each class");
            }
        }
        if (nTrain < k || nTest < k) {
            throw new IllegalArgumentException("the " + (nTrain < k ? "training" : "test") + " side would have "
                    + Math.min(nTrain, nTest) + " rows, fewer than the " + k + " classes");
        }
        int[][] byClass = new int[k][];
        int[] fill = new int[k];
        for (int c = 0; c < k; c++) {
            byClass[c] = new int[counts[c]];
        }
        for (int i = 0; i < n; i++) {
            byClass[labels[i]][fill[labels[i]]++] = i;
        }
        NumpyRandomState rng = new NumpyRandomState(randomState);
        int[] nI = approximateMode(counts, nTrain, rng);
        int[] rest = new int[k];
        for (int c = 0; c < k; c++) {
            rest[c] = counts[c] - nI[c];
        }
        int[] tI = approximateMode(rest, nTest, rng);
        int[] train = new int[nTrain];
        int[] test = new int[nTest];
        int a = 0;
        int b = 0;
        for (int c = 0; c < k; c++) {
            int[] perm = rng.permutation(counts[c]);
            for (int j = 0; j < nI[c]; j++) {
                train[a++] = byClass[c][perm[j]];
            }
            for (int j = nI[c]; j < nI[c] + tI[c]; j++) {
                test[b++] = byClass[c][perm[j]];
            }
        }
        rng.shuffle(train);                                     // rng.permutation(train)
        rng.shuffle(test);
        return new SplitIndices(train, test);
    }

    /** scikit-learn's {@code _approximate_mode(class_counts, n_draws, rng)}. */
    static int[] approximateMode(int[] counts, int draws, NumpyRandomState rng) {
        int k = counts.length;
        long total = 0;
        for (int c : counts) {
            total += c;
        }
        double[] continuous = new double[k];
        double[] floored = new double[k];
        double sum = 0;
        for (int c = 0; c < k; c++) {
            continuous[c] = counts[c] / (double) total * draws;
            floored[c] = Math.floor(continuous[c]);
            sum += floored[c];                                  // whole numbers: exact in any order
        }
        int need = (int) (draws - sum);
        if (need > 0) {
            double[] remainder = new double[k];
            for (int c = 0; c < k; c++) {
                remainder[c] = continuous[c] - floored[c];
            }
            double[] values = java.util.Arrays.stream(remainder).distinct().sorted().toArray();
            for (int v = values.length - 1; v >= 0 && need > 0; v--) {
                final double value = values[v];
                int[] inds = java.util.stream.IntStream.range(0, k).filter(c -> remainder[c] == value).toArray();
                int addNow = Math.min(inds.length, need);
                int[] pick = rng.permutation(inds.length);      // choice(inds, add_now, replace=False)
                for (int j = 0; j < addNow; j++) {
                    floored[inds[pick[j]]] += 1;
                }
                need -= addNow;
            }
        }
        int[] out = new int[k];
        for (int c = 0; c < k; c++) {
            out[c] = (int) floored[c];
        }
        return out;
    }
}
