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
 * @param xVal the validation features carved from the training split (0 rows when none).
 * @param yVal the validation targets.
 * @param classes a classifier's classes ({@code null} for a regression): the targets are their 0/1 encoding.
 * @param inputShape one example's shape: an image's channels × height × width, or {@code null} for a flat row.
 */
public record Dataset(double[][] xTrain, double[][] yTrain, double[][] xTest, double[][] yTest,
                      SplitIndices split, List<String> featureNames, List<String> targetNames,
                      Standardization standardization, double[][] xVal, double[][] yVal, ClassLabels classes,
                      dev.minibatch.config.LayerShape inputShape)
        implements RunData {

    @Override
    public dev.minibatch.config.LayerShape inputShape() {
        return inputShape == null ? RunData.super.inputShape() : inputShape;
    }

    /**
     * The same data with the shape of its examples.
     *
     * @param shape an image's channels × height × width.
     * @return a copy that knows it.
     */
    public Dataset withShape(dev.minibatch.config.LayerShape shape) {
        return new Dataset(xTrain, yTrain, xTest, yTest, split, featureNames, targetNames, standardization, xVal, yVal,
                classes, shape);
    }

    /**
     * The same data labelled with its classes.
     *
     * @param c the classes the targets encode.
     * @return a copy that knows them.
     */
    public Dataset withClasses(ClassLabels c) {
        return new Dataset(xTrain, yTrain, xTest, yTest, split, featureNames, targetNames, standardization, xVal, yVal,
                c, inputShape);
    }

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
        return of(x, y, split, featureNames, targetNames, standardize, source, 0);
    }

    /**
     * Builds a dataset from full matrices and a split, carving a validation set off the training split as Keras'
     * {@code validation_split} does — its last {@code n_train − ⌊n_train·(1 − v)⌋} rows, in the split's order,
     * before any shuffling — and optionally standardising with statistics fitted on the rows trained on.
     *
     * @param x all features.
     * @param y all targets.
     * @param split which rows go where.
     * @param featureNames the features' names.
     * @param targetNames the targets' names.
     * @param standardize whether to standardise.
     * @param source the data's origin, for error messages.
     * @param validationSize the fraction of the training split to hold out for validation; 0 for none.
     * @return the split data.
     */
    public static Dataset of(double[][] x, double[][] y, SplitIndices split, List<String> featureNames,
                             List<String> targetNames, boolean standardize, String source, double validationSize) {
        int[] train = split.train();
        int keep = SplitPlan.keep(train.length, validationSize);
        int[] trainRows = java.util.Arrays.copyOfRange(train, 0, keep);
        int[] valRows = java.util.Arrays.copyOfRange(train, keep, train.length);
        double[][] xTrain = rows(x, trainRows);
        double[][] xVal = rows(x, valRows);
        double[][] xTest = rows(x, split.test());
        Standardization s = null;
        if (standardize) {
            // Fitted on the rows trained on only, so no statistic of the validation or test rows leaks in.
            s = Standardization.fit(xTrain, featureNames, source);
            xTrain = s.apply(xTrain);
            xVal = s.apply(xVal);
            xTest = s.apply(xTest);
        }
        return new Dataset(xTrain, rows(y, trainRows), xTest, rows(y, split.test()), split,
                List.copyOf(featureNames), List.copyOf(targetNames), s, xVal, rows(y, valRows), null, null);
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

    /** @return the number of validation rows (0 when none). */
    public int nVal() {
        return xVal.length;
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

    @Override
    public double[][][] testHead(int n) {
        int k = Math.min(n, xTest.length);
        return new double[][][] {java.util.Arrays.copyOf(xTest, k), java.util.Arrays.copyOf(yTest, k)};
    }

    @Override
    public Dataset inMemory() {
        return this;
    }

    @Override
    public String fingerprint() {
        // split by split, row by row: features then targets (dev.minibatch.cache.DiskData hashes the same way)
        Fingerprint f = new Fingerprint();
        double[][][] parts = {xTrain, yTrain, xVal, yVal, xTest, yTest};
        for (int p = 0; p < 6; p += 2) {
            double[][] x = parts[p];
            double[][] y = parts[p + 1];
            f.matrix(x.length, x.length == 0 ? 0 : x[0].length + y[0].length);
            for (int i = 0; i < x.length; i++) {
                f.row(x[i]);
                f.row(y[i]);
            }
        }
        return f.hex();
    }
}
