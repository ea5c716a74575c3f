package dev.minibatch.results;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A classifier's metrics on labelled rows, with scikit-learn's definitions: {@code accuracy_score};
 * {@code log_loss} (probabilities clipped to [ε, 1 − ε] with ε the double's machine epsilon, each row renormalised to
 * sum 1, one sigmoid output taken as [1 − p, p]); {@code precision_recall_fscore_support} per class with its
 * {@code macro} (unweighted mean over the classes) and {@code weighted} (by the classes' support) averages, 0 where a
 * denominator is 0 (its {@code zero_division} default); {@code confusion_matrix} (rows the true class, columns the
 * predicted one, in the classes' order); and for two classes {@code roc_auc_score}, the area under the ROC curve by
 * the trapezoidal rule over the distinct scores.
 *
 * @param classes the classes, in order.
 * @param accuracy the fraction predicted right.
 * @param logLoss the mean negative log-likelihood of the true class.
 * @param precision tp / (tp + fp).
 * @param recall tp / (tp + fn).
 * @param f1 2·precision·recall / (precision + recall).
 * @param confusionMatrix counts, true class × predicted class.
 * @param rocAuc the ROC curve's area for two classes, else {@code null} (also when the rows hold one class only:
 *     undefined, where scikit-learn raises).
 * @param support each class's number of rows.
 */
public record ClassificationMetrics(List<String> classes, double accuracy, double logLoss, PerClass precision,
                                    PerClass recall, PerClass f1, long[][] confusionMatrix, Double rocAuc,
                                    long[] support) {

    /**
     * One metric per class and its averages.
     *
     * @param perClass by class name, in the classes' order.
     * @param macro the unweighted mean over the classes.
     * @param weighted the mean weighted by each class's support.
     */
    public record PerClass(Map<String, Double> perClass, double macro, double weighted) {
    }

    /** Machine epsilon of double: scikit-learn's {@code log_loss} clipping for float64 probabilities. */
    static final double EPS = Math.ulp(1.0);

    /**
     * The metrics of predicted probabilities.
     *
     * @param truth each row's class index.
     * @param proba each row's model outputs: one column, p of the second class, or one per class.
     * @param classes the classes, in order.
     * @return the metrics.
     */
    public static ClassificationMetrics of(int[] truth, double[][] proba, List<String> classes) {
        int k = classes.size();
        int m = truth.length;
        long[][] cm = new long[k][k];
        double loss = 0;
        double[] pr = new double[k];
        for (int i = 0; i < m; i++) {
            double[] row = proba[i];
            if (row.length == 1) {
                pr[0] = 1 - row[0];
                pr[1] = row[0];
            } else {
                System.arraycopy(row, 0, pr, 0, k);
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                pr[c] = Math.min(Math.max(pr[c], EPS), 1 - EPS);
                sum += pr[c];
            }
            loss -= Math.log(pr[truth[i]] / sum);
            cm[truth[i]][predicted(row)]++;
        }
        long right = 0;
        long[] support = new long[k];
        long[] predictedCount = new long[k];
        for (int t = 0; t < k; t++) {
            right += cm[t][t];
            for (int p = 0; p < k; p++) {
                support[t] += cm[t][p];
                predictedCount[p] += cm[t][p];
            }
        }
        double[] precision = new double[k];
        double[] recall = new double[k];
        double[] f1 = new double[k];
        for (int c = 0; c < k; c++) {
            precision[c] = predictedCount[c] == 0 ? 0 : (double) cm[c][c] / predictedCount[c];
            recall[c] = support[c] == 0 ? 0 : (double) cm[c][c] / support[c];
            double d = precision[c] + recall[c];
            f1[c] = d == 0 ? 0 : 2 * precision[c] * recall[c] / d;
        }
        Double auc = null;
        if (k == 2) {
            double[] score = new double[m];
            for (int i = 0; i < m; i++) {
                score[i] = proba[i].length == 1 ? proba[i][0] : proba[i][1];
            }
            double a = rocAuc(truth, score);
            auc = Double.isNaN(a) ? null : a;                     // one class among the rows: undefined
        }
        return new ClassificationMetrics(List.copyOf(classes), (double) right / m, loss / m,
                perClass(precision, support, classes), perClass(recall, support, classes),
                perClass(f1, support, classes), cm, auc, support);
    }

    /**
     * The predicted class of one row of outputs: for one sigmoid output p > 0.5 (the second class), otherwise the
     * largest output (the first of equal ones).
     *
     * @param row the outputs.
     * @return the class index.
     */
    public static int predicted(double[] row) {
        if (row.length == 1) {
            return row[0] > 0.5 ? 1 : 0;
        }
        int best = 0;
        for (int c = 1; c < row.length; c++) {
            if (row[c] > row[best]) {
                best = c;
            }
        }
        return best;
    }

    private static PerClass perClass(double[] v, long[] support, List<String> classes) {
        Map<String, Double> by = new LinkedHashMap<>();
        double macro = 0;
        double weighted = 0;
        long total = 0;
        for (int c = 0; c < v.length; c++) {
            by.put(classes.get(c), v[c]);
            macro += v[c];
            weighted += v[c] * support[c];
            total += support[c];
        }
        return new PerClass(by, macro / v.length, total == 0 ? 0 : weighted / total);
    }

    /**
     * The ROC curve of scores for two classes: from (0, 0), one point per distinct score, highest first, each the
     * false- and true-positive rates of calling everything at or above it positive (scikit-learn's
     * {@code roc_curve} without {@code drop_intermediate}).
     *
     * @param truth each row's class, 0 or 1.
     * @param score each row's score for class 1.
     * @return the points {fpr, tpr}; empty when one class has no row (the rates are undefined).
     */
    public static List<double[]> rocCurve(int[] truth, double[] score) {
        Integer[] idx = new Integer[score.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> Double.compare(score[b], score[a]));   // stable, descending
        List<long[]> counts = new java.util.ArrayList<>();
        counts.add(new long[] {0, 0});
        long tp = 0;
        long fp = 0;
        for (int r = 0; r < idx.length; r++) {
            if (truth[idx[r]] == 1) {
                tp++;
            } else {
                fp++;
            }
            if (r == idx.length - 1 || score[idx[r + 1]] != score[idx[r]]) {
                counts.add(new long[] {fp, tp});
            }
        }
        List<double[]> points = new java.util.ArrayList<>();
        if (tp == 0 || fp == 0) {
            return points;
        }
        for (long[] c : counts) {
            points.add(new double[] {(double) c[0] / fp, (double) c[1] / tp});
        }
        return points;
    }

    /** scikit-learn's {@code roc_auc_score} for two classes: the ROC curve's area by the trapezoidal rule. */
    static double rocAuc(int[] truth, double[] score) {
        List<double[]> pts = rocCurve(truth, score);
        if (pts.isEmpty()) {
            return Double.NaN;                                      // scikit-learn: undefined with one class present
        }
        double area = 0;
        for (int i = 1; i < pts.size(); i++) {
            area += (pts.get(i)[0] - pts.get(i - 1)[0]) * (pts.get(i)[1] + pts.get(i - 1)[1]) / 2;
        }
        return area;
    }
}
