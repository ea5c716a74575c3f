package dev.minibatch.data;

import dev.minibatch.random.NumpyRandomState;

/**
 * Reproduces scikit-learn's {@code train_test_split(test_size=t, random_state=r)} with a float test size
 * (its {@code ShuffleSplit}): n_test = ⌈t·n⌉, n_train = n − n_test, and
 * {@code permutation = RandomState(r).permutation(n)}; the test rows are the first n_test entries of the
 * permutation and the training rows the next n_train, in that order.
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
}
