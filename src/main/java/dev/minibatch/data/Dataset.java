package dev.minibatch.data;

import java.util.ArrayList;
import java.util.List;

/**
 * The data both trainers read: the training and test rows as plain row-major doubles (standardised when the run
 * asks for it), with the split they came from and the column names. Arrays are shared, not copied: treat them as
 * read-only.
 *
 * @param xTrain the training features, n_train × n_features.
 * @param yTrain the training targets, n_train × n_targets.
 * @param xTest the test features, n_test × n_features.
 * @param yTest the test targets, n_test × n_targets.
 * @param split the row indices of the source data that went to each side.
 * @param featureNames the feature columns' names.
 * @param targetNames the target columns' names.
 * @param standardization the statistics the features were standardised with, or {@code null}.
 */
public record Dataset(double[][] xTrain, double[][] yTrain, double[][] xTest, double[][] yTest,
                      SplitIndices split, List<String> featureNames, List<String> targetNames,
                      Standardization standardization) {

    /**
     * Builds a dataset by taking the rows of a split from full feature and target matrices, with default column
     * names ({@code x0…}, {@code y0…}) and no standardisation.
     *
     * @param x all features.
     * @param y all targets.
     * @param split which rows go where.
     * @return the split data.
     */
    public static Dataset of(double[][] x, double[][] y, SplitIndices split) {
        return of(x, y, split, defaultNames("x", x[0].length), defaultNames("y", y[0].length), false, "data");
    }

    /**
     * Builds a dataset from full matrices and a split, optionally standardising the features with statistics
     * fitted on the training rows only.
     *
     * @param x all features.
     * @param y all targets.
     * @param split which rows go where.
     * @param featureNames the features' names.
     * @param targetNames the targets' names.
     * @param standardize whether to standardise.
     * @param source the data's origin, for error messages.
     * @return the split data.
     */
    public static Dataset of(double[][] x, double[][] y, SplitIndices split, List<String> featureNames,
                             List<String> targetNames, boolean standardize, String source) {
        double[][] xTrain = rows(x, split.train());
        double[][] xTest = rows(x, split.test());
        Standardization s = null;
        if (standardize) {
            // Fitted on the training split only, so no statistic of the test rows leaks into training.
            s = Standardization.fit(xTrain, featureNames, source);
            xTrain = s.apply(xTrain);
            xTest = s.apply(xTest);
        }
        return new Dataset(xTrain, rows(y, split.train()), xTest, rows(y, split.test()), split,
                List.copyOf(featureNames), List.copyOf(targetNames), s);
    }

    /**
     * Returns default column names.
     *
     * @param prefix e.g. {@code x}.
     * @param n how many.
     * @return {@code prefix0 … prefix(n−1)}.
     */
    public static List<String> defaultNames(String prefix, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    /** Selects rows by index; the row arrays are shared, not copied (a dataset is read-only). */
    private static double[][] rows(double[][] a, int[] idx) {
        double[][] out = new double[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            out[i] = a[idx[i]];
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
