package dev.minibatch.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A classifier's classes, in scikit-learn's order ({@code np.unique}: numbers by value when every label is a number,
 * text otherwise), and how labels become the model's targets: one 0/1 column for a binary cross-entropy with two
 * classes (1 for the second class, scikit-learn's positive one), one-hot columns otherwise (a softmax over k, or k
 * independent sigmoid outputs).
 *
 * @param classes the class names, in order; a class's index is its place here.
 */
public record ClassLabels(List<String> classes) {

    /** Copies the list. */
    public ClassLabels {
        classes = List.copyOf(classes);
    }

    /**
     * Classes numbered 0 … k − 1, as scikit-learn's generators label them.
     *
     * @param k the number of classes.
     * @return the classes.
     */
    public static ClassLabels numbered(int k) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            names.add(Integer.toString(i));
        }
        return new ClassLabels(names);
    }

    /**
     * The classes of a column of labels, in {@code np.unique}'s order.
     *
     * @param labels the labels, as written.
     * @return the classes.
     */
    public static ClassLabels of(List<String> labels) {
        List<String> distinct = new ArrayList<>(new java.util.LinkedHashSet<>(labels));
        boolean numbers = distinct.stream().allMatch(ClassLabels::isNumber);
        if (numbers) {
            // one class per value (1, 1.0 and 01 are one class, named as first written), in value order
            java.util.Map<Double, String> byValue = new java.util.TreeMap<>();
            for (String d : distinct) {
                byValue.putIfAbsent(Double.parseDouble(d), d);
            }
            distinct = new ArrayList<>(byValue.values());
        } else {
            Collections.sort(distinct);
        }
        return new ClassLabels(distinct);
    }

    /**
     * Whether a label reads as a finite number.
     *
     * @param s the label.
     * @return whether it does.
     */
    public static boolean isNumber(String s) {
        try {
            return Double.isFinite(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Whether a label is a missing value (NaN, inf), which a class label may not be.
     *
     * @param s the label.
     * @return whether it reads as a non-finite number.
     */
    public static boolean isMissing(String s) {
        try {
            return !Double.isFinite(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return s.equalsIgnoreCase("nan") || s.equalsIgnoreCase("inf") || s.equalsIgnoreCase("-inf");
        }
    }

    /** @return the number of classes. */
    public int size() {
        return classes.size();
    }

    /**
     * A label's class index: the class written the same, or for a number the class of the same value (1.0 is the
     * class 1).
     *
     * @param label the label.
     * @return its index, or −1 when it is not a class.
     */
    public int indexOf(String label) {
        int i = classes.indexOf(label);
        if (i < 0 && isNumber(label)) {
            double v = Double.parseDouble(label);
            for (int c = 0; c < classes.size() && i < 0; c++) {
                if (isNumber(classes.get(c)) && Double.parseDouble(classes.get(c)) == v) {
                    i = c;
                }
            }
        }
        return i;
    }

    /**
     * Whether the targets are one 0/1 column: a binary cross-entropy over two classes.
     *
     * @param binaryLoss whether the loss is the binary cross-entropy.
     * @return one column, or one per class.
     */
    public boolean oneColumn(boolean binaryLoss) {
        return binaryLoss && classes.size() == 2;
    }

    /**
     * The targets of class indices.
     *
     * @param y each row's class.
     * @param oneColumn one 0/1 column (1 for the second class) instead of one-hot columns.
     * @return n × 1 or n × k targets.
     */
    public double[][] encode(int[] y, boolean oneColumn) {
        double[][] out = new double[y.length][oneColumn ? 1 : classes.size()];
        for (int r = 0; r < y.length; r++) {
            if (oneColumn) {
                out[r][0] = y[r];
            } else {
                out[r][y[r]] = 1;
            }
        }
        return out;
    }

    /**
     * The target columns' names.
     *
     * @param column the label column's name.
     * @param oneColumn whether the targets are one 0/1 column.
     * @return {@code [column]}, or one name per class, {@code column=class}.
     */
    public List<String> targetNames(String column, boolean oneColumn) {
        return oneColumn ? List.of(column) : classes.stream().map(c -> column + "=" + c).toList();
    }
}
