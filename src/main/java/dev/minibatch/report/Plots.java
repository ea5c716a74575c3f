package dev.minibatch.report;

import dev.minibatch.io.JsonArrays;
import dev.minibatch.format.Numbers;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The run report's plots, drawn from a results.json tree. */
final class Plots {
    private Plots() {
    }

    static void addRunPlots(Doc doc, JsonNode r) {
        JsonNode trainers = r.get("trainers");
        JsonNode ref = r.get("reference");
        String loss = r.get("config").get("training").get("loss").asText();

        doc.heading("Training loss per epoch");
        List<Charts.Series> lossSeries = new ArrayList<>();
        boolean dashed = false;
        for (Map.Entry<String, JsonNode> e : iterable(trainers)) {
            lossSeries.add(new Charts.Series(e.getKey(), epochs(e.getValue().get("history")),
                    column(e.getValue().get("history"), "train_loss"), false, dashed));
            dashed = true; // the second trainer usually lies exactly on the first: dash it so both show
        }
        if (ref != null) {
            lossSeries.add(new Charts.Series("python (" + ref.get("kind").asText() + ")",
                    epochs(ref.get("history")), column(ref.get("history"), "train_loss"), false, true));
        }
        doc.image(new Doc.Image("loss.png", "training loss per epoch",
                Charts.png("Full training-set loss after each epoch", "epoch", lossName(loss) + ", target units²",
                        true, lossSeries)));

        if (r.has("agreement")) {
            doc.heading("Parameter difference between the trainers");
            JsonNode diffs = r.get("agreement").get("per_epoch_max_abs_param_diff");
            double[] d = JsonArrays.doubles(diffs);
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

        addFit(doc, r);

        doc.heading("Training MSE and test MSE per epoch");
        // Like with like: the training loss is in the configured convention (half-MSE is Σe²/2m), the test error
        // is scikit-learn's MSE (Σe²/(m·k)); the training MSE is the training loss converted to the latter.
        int k = r.get("data").get("n_targets").asInt();
        double toMse = loss.equals("half_mse") ? 2.0 / k : 1.0;
        if (toMse != 1.0) {
            doc.paragraph("The training loss above is half-MSE, Σe²/(2m); this plot puts the training split's MSE,"
                    + " Σe²/(m·k) (the training loss × " + Numbers.format(toMse, 4) + "), beside the test MSE, so"
                    + " that a gap between the curves is a real difference between the splits.");
        }
        List<Charts.Series> tt = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : iterable(trainers)) {
            JsonNode h = e.getValue().get("history");
            double[] trainMse = column(h, "train_loss");
            for (int i = 0; i < trainMse.length; i++) {
                trainMse[i] *= toMse;
            }
            tt.add(Charts.Series.line(e.getKey() + " training MSE", epochs(h), trainMse));
            tt.add(new Charts.Series(e.getKey() + " test MSE", epochs(h), column(h, "test_mse"), false, true));
        }
        doc.image(new Doc.Image("train_test.png", "training MSE and test MSE per epoch",
                Charts.png("Training MSE vs test MSE", "epoch", "MSE, target units²", true, tt)));
    }

    private static void addFit(Doc doc, JsonNode r) {
        JsonNode pd = r.get("plot_data");
        double[][] x = matrix(pd.get("x_test"));
        double[][] y = matrix(pd.get("y_test"));
        if (x.length == 0) {
            return;
        }
        int nFeatures = x[0].length;
        int nTargets = y[0].length;
        List<Charts.Series> s = new ArrayList<>();
        if (nFeatures == 1) {
            doc.heading("Fitted lines on the test split");
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
                for (Map.Entry<String, JsonNode> e : iterable(r.get("trainers"))) {
                    double w = e.getValue().get("weights").get(0).get(t).asDouble();
                    double b = e.getValue().get("bias").get(t).asDouble();
                    s.add(new Charts.Series(e.getKey() + suffix, new double[] {lo, hi},
                            new double[] {w * lo + b, w * hi + b}, false, dashed));
                    dashed = true;
                }
            }
            doc.image(new Doc.Image("fit.png", "test points and fitted lines",
                    Charts.png("Test points and the fitted lines", "feature", "target", false, s)));
        } else {
            doc.heading("Predicted vs actual on the test split");
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (Map.Entry<String, JsonNode> e : iterable(r.get("trainers"))) {
                double[][] w = matrix(e.getValue().get("weights"));
                double[] b = JsonArrays.doubles(e.getValue().get("bias"));
                for (int t = 0; t < nTargets; t++) {
                    double[] actual = new double[x.length];
                    double[] predicted = new double[x.length];
                    for (int i = 0; i < x.length; i++) {
                        double p = b[t];
                        for (int f = 0; f < nFeatures; f++) {
                            p += x[i][f] * w[f][t];
                        }
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
        return loss.equals("half_mse") ? "half-MSE Σe²/(2m)" : "MSE Σe²/(m·k)";
    }

    static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
        return object::fields;
    }

    static double[] epochs(JsonNode history) {
        double[] e = new double[history.size()];
        for (int i = 0; i < e.length; i++) {
            e[i] = history.get(i).get("epoch").asDouble();
        }
        return e;
    }

    static double[] column(JsonNode history, String key) {
        double[] v = new double[history.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = history.get(i).get(key).asDouble();
        }
        return v;
    }

    static double[] index(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i + 1;
        }
        return v;
    }

    static double[][] matrix(JsonNode rows) {
        double[][] m = new double[rows.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = JsonArrays.doubles(rows.get(i));
        }
        return m;
    }
}
