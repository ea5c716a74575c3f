package dev.minibatch.report;

import dev.minibatch.format.Numbers;
import dev.minibatch.results.RunResults;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The run report's plots, drawn from a run's results. */
final class Plots {
    /** The points a network's fitted curve is drawn through. */
    private static final int CURVE_POINTS = 200;
    private Plots() {
    }

    static void addRunPlots(Doc doc, RunResults r) {
        Map<String, RunResults.Trainer> trainers = r.trainers();
        RunResults.Reference ref = r.reference();
        String loss = String.valueOf(((Map<?, ?>) r.config().get("training")).get("loss"));

        doc.heading("Training loss per epoch");
        List<Charts.Series> lossSeries = new ArrayList<>();
        boolean dashed = false;
        for (Map.Entry<String, RunResults.Trainer> e : trainers.entrySet()) {
            List<RunResults.Epoch> h = e.getValue().history();
            lossSeries.add(new Charts.Series(e.getKey(), epochs(h), column(h, RunResults.Epoch::trainLoss), false,
                    dashed));
            dashed = true; // the second trainer usually lies exactly on the first: dash it so both show
        }
        // validation curves are dotted: equal ones (trainers that agree) would hide each other, so they share one
        boolean sameVal = trainers.size() > 1 && trainers.values().stream().map(t -> t.history().stream()
                .map(RunResults.Epoch::valLoss).toList()).distinct().count() == 1;
        for (Map.Entry<String, RunResults.Trainer> e : trainers.entrySet()) {
            List<RunResults.Epoch> h = e.getValue().history();
            if (!h.isEmpty() && h.get(0).valLoss() != null) {
                lossSeries.add(new Charts.Series((sameVal ? "trainers (equal)" : e.getKey()) + " validation",
                        epochs(h), column(h, RunResults.Epoch::valLoss), false, true));
                if (sameVal) {
                    break;
                }
            }
        }
        if (ref != null) {
            lossSeries.add(new Charts.Series("python (" + ref.kind() + ")", epochs(ref.history()),
                    column(ref.history(), RunResults.Epoch::trainLoss), false, true));
        }
        lossSeries.addAll(earlyStoppingMarks(trainers, lossSeries));
        boolean validation = trainers.values().stream().anyMatch(t -> !t.history().isEmpty()
                && t.history().get(0).valLoss() != null);
        doc.image(new Doc.Image("loss.png", "training loss per epoch",
                Charts.png(validation ? "Training and validation loss after each epoch"
                        : "Full training-set loss after each epoch", "epoch", lossName(loss)
                        + (loss.endsWith("crossentropy") ? "" : ", target units²"), true, lossSeries)));

        if (r.agreement() != null) {
            doc.heading("Parameter difference between the trainers");
            double[] d = r.agreement().perEpochMaxAbsParamDiff().stream().mapToDouble(Double::doubleValue).toArray();
            boolean allZero = true;
            for (double v : d) {
                allZero &= v == 0.0;
            }
            if (allZero) {
                doc.paragraph("The largest absolute difference between the framework's and the scratch trainer's"
                        + " parameters is exactly 0 after every one of the " + d.length + " epochs: the two trainers"
                        + " produced the same bits, so there is nothing to draw on a log scale.");
            } else {
                doc.image(new Doc.Image("param_diff.png", "parameter difference per epoch", Charts.png(
                        "max |θ_framework − θ_scratch| after each epoch", "epoch", "largest |Δθ| over W and b", true,
                        List.of(Charts.Series.line("max |Δθ|", index(d.length), d)))));
            }
        }

        addLayerNorms(doc, r);
        if (r.data().classes() != null) {
            ClassifierPlots.add(doc, r);
            return;
        }
        if (loss.endsWith("crossentropy")) {                 // several independent labels: their accuracies
            ClassifierPlots.addAccuracy(doc, r);
            return;
        }
        addFit(doc, r);

        doc.heading("Training MSE and test MSE per epoch");
        // Like with like: the training loss is in the configured convention (half-MSE is Σe²/2m), the test error
        // is scikit-learn's MSE (Σe²/(m·k)); the training MSE is the training loss converted to the latter.
        int k = r.data().nTargets();
        double toMse = loss.equals("half_mse") ? 2.0 / k : 1.0;
        if (toMse != 1.0) {
            doc.paragraph("The training loss above is half-MSE, Σe²/(2m); this plot puts the training split's MSE,"
                    + " Σe²/(m·k) (the training loss × " + Numbers.format(toMse, 4) + "), beside the test MSE, so"
                    + " that a gap between the curves is a real difference between the splits.");
        }
        List<Charts.Series> tt = new ArrayList<>();
        // trainers whose curves are equal every epoch (they agree) share one pair of lines, said in the legend
        boolean same = trainers.size() > 1 && trainers.values().stream().map(t -> t.history().stream().map(ep ->
                List.of(ep.trainLoss(), ep.testMse())).toList()).distinct().count() == 1;
        for (Map.Entry<String, RunResults.Trainer> e : trainers.entrySet()) {
            List<RunResults.Epoch> h = e.getValue().history();
            String who = same ? "trainers (equal)" : e.getKey();
            tt.add(Charts.Series.line(who + " training MSE", epochs(h), column(h, ep -> ep.trainLoss() * toMse)));
            tt.add(new Charts.Series(who + " test MSE", epochs(h), column(h, RunResults.Epoch::testMse),
                    false, true));
            if (same) {
                break;
            }
        }
        doc.image(new Doc.Image("train_test.png", "training MSE and test MSE per epoch",
                Charts.png("Training MSE vs test MSE", "epoch", "MSE, target units²", true, tt)));
    }

    /**
     * Early stopping's two epochs as vertical lines across the curves: the best epoch (whose parameters
     * restore_best keeps) and the epoch after which training stopped. One pair per distinct stop (the trainers
     * stop alike when they agree).
     */
    static List<Charts.Series> earlyStoppingMarks(Map<String, RunResults.Trainer> trainers,
                                                  List<Charts.Series> curves) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Charts.Series c : curves) {
            for (double v : c.y()) {
                if (v > 0 && Double.isFinite(v)) {        // the loss axis is logarithmic
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        List<Charts.Series> marks = new ArrayList<>();
        java.util.Set<List<Integer>> seen = new java.util.HashSet<>();
        for (Map.Entry<String, RunResults.Trainer> e : trainers.entrySet()) {
            RunResults.EarlyStop es = e.getValue().earlyStopping();
            if (es == null || !(lo < hi) || !seen.add(List.of(es.bestEpoch(), es.stoppedAfterEpoch()))) {
                continue;
            }
            String who = seen.size() > 1 ? e.getKey() + " " : "";
            marks.add(new Charts.Series(who + "best epoch " + es.bestEpoch(), new double[] {es.bestEpoch(),
                es.bestEpoch()}, new double[] {lo, hi}, false, true));
            if (es.stoppedAfterEpoch() > 0) {
                marks.add(new Charts.Series(who + "stopped after epoch " + es.stoppedAfterEpoch(), new double[] {
                    es.stoppedAfterEpoch(), es.stoppedAfterEpoch()}, new double[] {lo, hi}, false, true));
            }
        }
        return marks;
    }

    /** A network's per-layer parameter norms per epoch, each trainer's (they lie on one another when they agree). */
    private static void addLayerNorms(Doc doc, RunResults r) {
        if (r.isLinearModel()) {
            return;
        }
        List<Charts.Series> s = new ArrayList<>();
        boolean dashed = false;
        // trainers that agree draw one line per layer (one colour each); otherwise each trainer's own, dashed after
        // the first
        boolean same = r.trainers().values().stream().map(t -> t.history().stream().map(RunResults.Epoch::layerNorms)
                .toList()).distinct().count() == 1;
        for (Map.Entry<String, RunResults.Trainer> e : r.trainers().entrySet()) {
            List<RunResults.Epoch> h = e.getValue().history();
            if (h.isEmpty() || h.get(0).layerNorms() == null) {
                continue;
            }
            int layers = h.get(0).layerNorms().size();
            for (int l = 0; l < layers; l++) {
                int layer = l;
                String name = (same ? "" : e.getKey() + " ") + "layer " + (l + 1)
                        + (l == 0 ? " (input)" : l == layers - 1 ? " (output)" : "");
                s.add(new Charts.Series(name, epochs(h), column(h, ep -> ep.layerNorms().get(layer)), false, dashed));
            }
            if (same) {
                break;
            }
            dashed = true;
        }
        if (s.isEmpty()) {
            return;
        }
        doc.heading("Parameter norm per layer");
        doc.paragraph("‖(W, b)‖₂ of each layer after each epoch (layer 1 is next to the input, the last one is the"
                + " output layer): which layers training moves, and whether any grows without bound."
                + (same && r.trainers().size() > 1 ? " The trainers' norms are equal after every epoch, so each"
                + " layer has one line." : ""));
        doc.image(new Doc.Image("layer_norms.png", "parameter norm per layer per epoch",
                Charts.png("Parameter norm of each layer after each epoch", "epoch", "‖(W, b)‖₂", false, s)));
    }

    private static void addFit(Doc doc, RunResults r) {
        double[][] x = r.plotData().xTest();
        double[][] y = r.plotData().yTest();
        if (x.length == 0) {
            return;
        }
        int nFeatures = x[0].length;
        int nTargets = y[0].length;
        List<Charts.Series> s = new ArrayList<>();
        if (nFeatures == 1) {
            doc.heading(r.isLinearModel() ? "Fitted lines on the test split"
                    : "Fitted curves on the test split");
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double[] row : x) {
                lo = Math.min(lo, row[0]);
                hi = Math.max(hi, row[0]);
            }
            for (int t = 0; t < nTargets; t++) {
                double[] xs = new double[x.length];
                double[] ys = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    xs[i] = x[i][0];
                    ys[i] = y[i][t];
                }
                String suffix = nTargets > 1 ? " (target " + t + ")" : "";
                s.add(new Charts.Series("test points" + suffix, xs, ys, true, false));
                boolean dashed = false;
                int points = r.isLinearModel() ? 2 : CURVE_POINTS;   // a line, or a network's curve
                for (Map.Entry<String, RunResults.Trainer> e : r.trainers().entrySet()) {
                    ModelView model = ModelView.of(r, e.getValue());
                    double[] gx = new double[points];
                    double[] gy = new double[points];
                    for (int i = 0; i < points; i++) {
                        gx[i] = lo + (hi - lo) * i / (points - 1);
                        gy[i] = model.predict(new double[] {gx[i]})[t];
                    }
                    s.add(new Charts.Series(e.getKey() + suffix, gx, gy, false, dashed));
                    dashed = true;
                }
                RunResults.Optimum opt = r.optimum();
                if (points > 2 && opt != null) {     // a network's curve beside the best a line can do
                    double w = opt.weights()[0][t];
                    double b = opt.bias()[t];
                    s.add(new Charts.Series("least-squares line" + suffix, new double[] {lo, hi},
                            new double[] {w * lo + b, w * hi + b}, false, true));
                }
            }
            doc.image(new Doc.Image("fit.png", "test points and fitted lines",
                    Charts.png(r.isLinearModel() ? "Test points and the fitted lines"
                            : "Test points and the fitted curves", "feature", "target", false, s)));
        } else {
            doc.heading("Predicted vs actual on the test split");
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (Map.Entry<String, RunResults.Trainer> e : r.trainers().entrySet()) {
                ModelView model = ModelView.of(r, e.getValue());
                for (int t = 0; t < nTargets; t++) {
                    double[] actual = new double[x.length];
                    double[] predicted = new double[x.length];
                    for (int i = 0; i < x.length; i++) {
                        double p = model.predict(x[i])[t];
                        actual[i] = y[i][t];
                        predicted[i] = p;
                        lo = Math.min(lo, Math.min(p, actual[i]));
                        hi = Math.max(hi, Math.max(p, actual[i]));
                    }
                    s.add(new Charts.Series(e.getKey() + (nTargets > 1 ? " target " + t : ""), actual, predicted,
                            true, false));
                }
            }
            s.add(new Charts.Series("ideal (predicted = actual)", new double[] {lo, hi}, new double[] {lo, hi},
                    false, true));
            doc.image(new Doc.Image("fit.png", "predicted vs actual",
                    Charts.png("Predicted vs actual, test split", "actual", "predicted", false, s)));
        }
    }

    /** The loss convention as a reader knows it. */
    static String lossName(String loss) {
        return switch (loss) {
            case "half_mse" -> "half-MSE Σe²/(2m)";
            case "binary_crossentropy" -> "binary cross-entropy";
            case "categorical_crossentropy" -> "categorical cross-entropy";
            default -> "MSE Σe²/(m·k)";
        };
    }

    static double[] epochs(List<RunResults.Epoch> history) {
        return column(history, RunResults.Epoch::epoch);
    }

    static double[] column(List<RunResults.Epoch> history, ToDoubleFunction<RunResults.Epoch> value) {
        return history.stream().mapToDouble(value).toArray();
    }

    static double[] index(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i + 1;
        }
        return v;
    }
}
