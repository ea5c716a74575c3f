package dev.minibatch.data;

/**
 * The data both trainers read: the training and test rows as plain row-major doubles, with the split they came
 * from. Arrays are shared, not copied: treat them as read-only.
 *
 * @param xTrain the training features, n_train × n_features.
 * @param yTrain the training targets, n_train × n_targets.
 * @param xTest the test features, n_test × n_features.
 * @param yTest the test targets, n_test × n_targets.
 * @param split the row indices of the source data that went to each side.
 */
public record Dataset(double[][] xTrain, double[][] yTrain, double[][] xTest, double[][] yTest,
                      SplitIndices split) {

    /**
     * Builds a dataset by taking the rows of a split from full feature and target matrices.
     *
     * @param x all features.
     * @param y all targets.
     * @param split which rows go where.
     * @return the split data.
     */
    public static Dataset of(double[][] x, double[][] y, SplitIndices split) {
        return new Dataset(rows(x, split.train()), rows(y, split.train()), rows(x, split.test()),
                rows(y, split.test()), split);
    }

    private static double[][] rows(double[][] a, int[] idx) {
        double[][] out = new double[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            out[i] = a[idx[i]].clone();
        }
        return out;
    }

    /** @return the number of training rows. */
    public int nTrain() {
        return xTrain.length;
    }

    /** @return the number of test rows. */
    public int nTest() {
        return xTest.length;
    }

    /** @return the number of features. */
    public int nFeatures() {
        return xTrain[0].length;
    }

    /** @return the number of targets. */
    public int nTargets() {
        return yTrain[0].length;
    }
}
