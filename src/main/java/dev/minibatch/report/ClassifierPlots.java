package dev.minibatch.report;

import dev.minibatch.format.Numbers;
import dev.minibatch.results.ClassificationMetrics;
import dev.minibatch.results.RunResults;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A classifier's part of the run report: accuracy per epoch, and on the test rows the report carries the confusion
 * matrix, the ROC curve (two classes) and, for two features, the decision regions with the points — one picture for
 * the trainers when they predict the same classes, one each otherwise.
 */
final class ClassifierPlots {
    /** Grid points per axis of the decision-region picture. */
    private static final int GRID = 110;

    private ClassifierPlots() {
    }

    static void add(Doc doc, RunResults r) {
        List<String> classes = r.data().classes();
        addAccuracy(doc, r);
        double[][] x = r.plotData().xTest();
        double[][] y = r.plotData().yTest();
        if (x.length == 0) {
            return;
        }
        int[] truth = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            truth[i] = ClassificationMetrics.predicted(y[i]);     // the label's own class (0/1 or one-hot)
        }
        Map<String, double[][]> proba = new LinkedHashMap<>();
        for (Map.Entry<String, RunResults.Trainer> e : r.trainers().entrySet()) {
            ModelView model = ModelView.of(r, e.getValue());
            double[][] p = new double[x.length][];
            for (int i = 0; i < x.length; i++) {
                p[i] = model.predict(x[i]);
            }
            proba.put(e.getKey(), p);
        }
        Map<String, ClassificationMetrics> metrics = new LinkedHashMap<>();
        proba.forEach((t, p) -> metrics.put(t, ClassificationMetrics.of(truth, p, classes)));
        boolean same = metrics.values().stream().map(m -> java.util.Arrays.deepToString(m.confusionMatrix()))
                .distinct().count() == 1;
        String rows = x.length < r.data().nTest() ? "the first " + x.length + " of the " + r.data().nTest()
                + " test rows" : "the " + x.length + " test rows";

        addConfusion(doc, r, metrics, same, rows, classes);
        if (r.data().imageShape() != null) {
            addImages(doc, r, x, truth, proba, classes);
        }
        if (classes.size() == 2) {
            addRoc(doc, truth, proba, metrics, rows);
        }
        if (x[0].length == 2) {
            addRegions(doc, r, x, truth, same, rows);
        }
    }

    /**
     * The confusion matrix: over the whole test split where results.json has it (every one-label classifier since
     * the images), else over the plotted rows; then each class's accuracy (its recall), trainer by trainer.
     */
    private static void addConfusion(Doc doc, RunResults r, Map<String, ClassificationMetrics> plotted,
                                     boolean samePlotted, String plottedRows, List<String> classes) {
        Map<String, long[][]> m = new LinkedHashMap<>();
        boolean whole = r.trainers().values().stream().allMatch(t -> t.testConfusion() != null);
        if (whole) {
            r.trainers().forEach((t, v) -> m.put(t, v.testConfusion()));
        } else {
            plotted.forEach((t, v) -> m.put(t, v.confusionMatrix()));
        }
        boolean same = whole ? m.values().stream().map(java.util.Arrays::deepToString).distinct().count() == 1
                : samePlotted;
        doc.heading("Confusion matrix on the test split");
        doc.paragraph("Counts of " + (whole ? "the " + r.data().nTest() + " test rows" : plottedRows)
                + " by true class (rows) and predicted class (columns): the diagonal is predicted right."
                + (same && m.size() > 1 ? " The trainers predict the same class for every row, so one matrix stands"
                + " for both." : ""));
        for (Map.Entry<String, long[][]> e : m.entrySet()) {
            doc.image(new Doc.Image("confusion" + (same ? "" : "_" + e.getKey()) + ".png", "confusion matrix",
                    ClassifierCharts.confusion((same ? "" : e.getKey() + ": ") + "accuracy "
                            + Numbers.format(accuracy(e.getValue()), 4), classes, e.getValue())));
            if (same) {
                break;
            }
        }
        if (classes.size() <= 2) {
            return;
        }
        List<String> header = new ArrayList<>(List.of("class", "test rows"));
        header.addAll(same ? List.of("accuracy") : m.keySet());
        List<List<String>> rows = new ArrayList<>();
        long[][] first = m.values().iterator().next();
        for (int c = 0; c < classes.size(); c++) {
            List<String> row = new ArrayList<>(List.of(classes.get(c), Long.toString(java.util.Arrays.stream(
                    first[c]).sum())));
            for (long[][] cm : same ? List.<long[][]>of(first) : m.values()) {
                long n = java.util.Arrays.stream(cm[c]).sum();
                row.add(n == 0 ? "—" : Numbers.format((double) cm[c][c] / n, 4));
            }
            rows.add(row);
        }
        doc.paragraph("Each class's accuracy: the fraction of its test rows predicted as it (its recall).");
        doc.table(header, rows);
    }

    /** The first test images with their true and predicted classes (the first trainer's; the others' if they differ). */
    private static void addImages(Doc doc, RunResults r, double[][] x, int[] truth, Map<String, double[][]> proba,
                                  List<String> classes) {
        List<Integer> shape = r.data().imageShape();
        Map<String, int[]> predicted = new LinkedHashMap<>();
        proba.forEach((t, p) -> predicted.put(t, java.util.Arrays.stream(p).mapToInt(ClassificationMetrics::predicted)
                .toArray()));
        boolean same = predicted.values().stream().map(java.util.Arrays::toString).distinct().count() == 1;
        doc.heading("Test images");
        int wrong = 0;
        int[] first = predicted.values().iterator().next();
        for (int i = 0; i < truth.length; i++) {
            wrong += truth[i] != first[i] ? 1 : 0;
        }
        doc.paragraph("The first " + x.length + " test images, each with its true class and, under it, the predicted"
                + " one (a mistake in red: " + wrong + " of " + x.length + " here)." + (same && predicted.size() > 1
                ? " The trainers predict the same class for each image." : ""));
        for (Map.Entry<String, int[]> e : predicted.entrySet()) {
            doc.image(new Doc.Image("test_images" + (same ? "" : "_" + e.getKey()) + ".png", "test images with true"
                    + " and predicted classes", ImageGrid.png(x, shape.get(1), shape.get(2), truth, e.getValue(),
                    classes)));
            if (same) {
                break;
            }
        }
    }

    private static double accuracy(long[][] cm) {
        long right = 0;
        long all = 0;
        for (int i = 0; i < cm.length; i++) {
            for (int j = 0; j < cm[i].length; j++) {
                all += cm[i][j];
                right += i == j ? cm[i][j] : 0;
            }
        }
        return all == 0 ? Double.NaN : (double) right / all;
    }

    static void addAccuracy(Doc doc, RunResults r) {
        List<Charts.Series> s = new ArrayList<>();
        boolean dashed = false;
        // trainers whose accuracies are equal after every epoch (they agree) share one set of lines
        boolean same = r.trainers().values().stream().map(t -> t.history().stream().map(ep -> List.of(
                String.valueOf(ep.trainAccuracy()), String.valueOf(ep.valAccuracy()),
                String.valueOf(ep.testAccuracy()))).toList()).distinct().count() == 1;
        for (Map.Entry<String, RunResults.Trainer> e : r.trainers().entrySet()) {
            List<RunResults.Epoch> h = e.getValue().history();
            if (h.isEmpty() || h.get(0).trainAccuracy() == null) {
                continue;
            }
            String who = same ? (r.trainers().size() > 1 ? "trainers (equal) " : e.getKey() + " ") : e.getKey() + " ";
            s.add(new Charts.Series(who + "training", Plots.epochs(h), Plots.column(h,
                    RunResults.Epoch::trainAccuracy), false, dashed));
            if (h.get(0).valAccuracy() != null) {
                s.add(new Charts.Series(who + "validation", Plots.epochs(h), Plots.column(h,
                        RunResults.Epoch::valAccuracy), false, true));
            }
            s.add(new Charts.Series(who + "test", Plots.epochs(h), Plots.column(h,
                    RunResults.Epoch::testAccuracy), false, true));
            dashed = true;
            if (same) {
                break;
            }
        }
        RunResults.Reference ref = r.reference();
        if (ref != null && !ref.history().isEmpty() && ref.history().get(0).trainAccuracy() != null) {
            s.add(new Charts.Series("python training", Plots.epochs(ref.history()), Plots.column(ref.history(),
                    RunResults.Epoch::trainAccuracy), false, true));
            s.add(new Charts.Series("python test", Plots.epochs(ref.history()), Plots.column(ref.history(),
                    RunResults.Epoch::testAccuracy), false, true));
        }
        if (s.isEmpty()) {
            return;
        }
        doc.heading("Accuracy per epoch");
        doc.paragraph("The fraction of each split predicted right after each epoch (the largest probability's class;"
                + " for one sigmoid output, p > 0.5)." + (same && r.trainers().size() > 1 ? " The trainers'"
                + " accuracies are equal after every epoch, so each split has one line." : ""));
        doc.image(new Doc.Image("accuracy.png", "accuracy per epoch", Charts.png("Accuracy after each epoch",
                "epoch", "accuracy", false, s)));
    }

    private static void addRoc(Doc doc, int[] truth, Map<String, double[][]> proba,
                               Map<String, ClassificationMetrics> metrics, String rows) {
        Map<String, List<double[]>> curves = new LinkedHashMap<>();
        for (Map.Entry<String, double[][]> e : proba.entrySet()) {
            double[] score = new double[truth.length];
            for (int i = 0; i < score.length; i++) {
                double[] p = e.getValue()[i];
                score[i] = p.length == 1 ? p[0] : p[1];
            }
            List<double[]> pts = ClassificationMetrics.rocCurve(truth, score);
            if (pts.isEmpty()) {
                return;                                            // one class only among the rows: no curve
            }
            curves.put(e.getKey() + " (AUC " + Numbers.format(metrics.get(e.getKey()).rocAuc(), 4) + ")", pts);
        }
        doc.heading("ROC curve on the test split");
        doc.paragraph("The true-positive rate against the false-positive rate as the threshold on p(class "
                + "1) falls, over " + rows + "; the area under it is scikit-learn's roc_auc_score.");
        doc.image(new Doc.Image("roc.png", "ROC curve", ClassifierCharts.roc("ROC curve, test split", curves)));
    }

    private static void addRegions(Doc doc, RunResults r, double[][] x, int[] truth, boolean same, String rows) {
        double x0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (double[] row : x) {
            x0 = Math.min(x0, row[0]);
            x1 = Math.max(x1, row[0]);
            y0 = Math.min(y0, row[1]);
            y1 = Math.max(y1, row[1]);
        }
        double mx = 0.05 * (x1 - x0 + 1e-12);
        double my = 0.05 * (y1 - y0 + 1e-12);
        double[][] points = new double[3][x.length];
        for (int i = 0; i < x.length; i++) {
            points[0][i] = x[i][0];
            points[1][i] = x[i][1];
            points[2][i] = truth[i];
        }
        List<String> names = r.data().featureNames();
        boolean standardized = r.preprocess() != null && r.preprocess().standardize();
        doc.heading("Decision regions");
        doc.paragraph("Each trainer's predicted class over the plane of the two features" + (standardized
                ? " (standardised, as the model sees them)" : "") + ", with " + rows + " coloured by their true"
                + " class." + (same && r.trainers().size() > 1 ? " The trainers predict the same classes on the"
                + " test rows; each has its own picture below." : ""));
        for (Map.Entry<String, RunResults.Trainer> e : r.trainers().entrySet()) {
            ModelView model = ModelView.of(r, e.getValue());
            double[][] grid = new double[3][GRID * GRID];
            for (int a = 0; a < GRID; a++) {
                for (int b = 0; b < GRID; b++) {
                    int i = a * GRID + b;
                    grid[0][i] = x0 - mx + (x1 - x0 + 2 * mx) * a / (GRID - 1);
                    grid[1][i] = y0 - my + (y1 - y0 + 2 * my) * b / (GRID - 1);
                    grid[2][i] = ClassificationMetrics.predicted(model.predict(new double[] {grid[0][i],
                            grid[1][i]}));
                }
            }
            doc.image(new Doc.Image("regions_" + e.getKey() + ".png", e.getKey() + "'s decision regions",
                    ClassifierCharts.regions(e.getKey() + "'s decision regions", names.get(0), names.get(1),
                            r.data().classes(), grid, points)));
        }
    }
}
