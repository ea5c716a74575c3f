package dev.minibatch.report;

import dev.minibatch.io.JsonArrays;
import dev.minibatch.format.Numbers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minibatch.train.EpochRecord;
import dev.minibatch.train.TrainingResult;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How each trainer compares with a Python reference run. An exact reference (same data, initial parameters and
 * shuffle stream) must match to {@value #EXACT_TOLERANCE} relative: ND4J's x·W + b and NumPy's dot with a ones
 * column round differently in the last bit, so bit-equality is not expected. A band reference (PyTorch, whose
 * shuffle order differs) must land within {@value #BAND} relative on the final training loss and test MSE: the
 * spread that different batch orders give plain SGD on this problem.
 */
public final class ReferenceComparison {
    /** The relative tolerance against an exact reference. */
    public static final double EXACT_TOLERANCE = 1e-10;
    /** The relative band against a reference with another shuffle order. */
    public static final double BAND = 0.05;

    private ReferenceComparison() {
    }

    /**
     * Compares the trainers with the reference.
     *
     * @param ref the reference.
     * @param runs the trainers' results.
     * @return the reference's own numbers, the per-trainer differences and the verdict, for results.json.
     */
    public static Map<String, Object> of(PythonReference ref, Collection<TrainingResult> runs) {
        JsonNode j = ref.json();
        boolean exact = ref.exact();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", ref.file().getFileName().toString());
        m.put("kind", j.path("kind").asText("python"));
        m.put("exact", exact);
        m.put("note", j.path("note").asText(""));
        m.put("initial_weights", j.get("initial_weights"));
        m.put("initial_bias", j.get("initial_bias"));
        m.put("weights", j.get("weights"));
        m.put("bias", j.get("bias"));
        m.put("test_mse", j.get("test_mse").asDouble());
        m.put("history", j.get("history"));
        double tolerance = exact ? EXACT_TOLERANCE : BAND;
        m.put("tolerance", tolerance);
        Map<String, Object> per = new LinkedHashMap<>();
        boolean agree = true;
        double[] refW = JsonArrays.flatten(j.get("weights"));
        double[] refB = JsonArrays.flatten(j.get("bias"));
        JsonNode refHistory = j.get("history");
        for (TrainingResult r : runs) {
            double maxAbs = 0;
            double maxRel = 0;
            double[][] w = r.fin().weights();
            int i = 0;
            for (double[] row : w) {
                for (double v : row) {
                    maxAbs = Math.max(maxAbs, Math.abs(v - refW[i]));
                    maxRel = Math.max(maxRel, rel(v, refW[i]));
                    i++;
                }
            }
            for (int t = 0; t < refB.length; t++) {
                maxAbs = Math.max(maxAbs, Math.abs(r.fin().bias()[t] - refB[t]));
                maxRel = Math.max(maxRel, rel(r.fin().bias()[t], refB[t]));
            }
            double lossRel = 0;
            List<EpochRecord> h = r.history();
            for (int e = 0; e < Math.min(h.size(), refHistory.size()); e++) {
                lossRel = Math.max(lossRel, rel(h.get(e).trainLoss(), refHistory.get(e).get("train_loss").asDouble()));
            }
            double finalLossRel = rel(h.get(h.size() - 1).trainLoss(),
                    refHistory.get(refHistory.size() - 1).get("train_loss").asDouble());
            double testRel = rel(r.testMse(), j.get("test_mse").asDouble());
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("max_abs_param_diff", maxAbs);
            c.put("max_rel_param_diff", maxRel);
            c.put("max_rel_epoch_loss_diff", lossRel);
            c.put("final_train_loss_rel_diff", finalLossRel);
            c.put("test_mse_rel_diff", testRel);
            boolean ok = exact ? maxRel <= tolerance && lossRel <= tolerance && testRel <= tolerance
                    : finalLossRel <= tolerance && testRel <= tolerance;
            c.put("agree", ok);
            agree &= ok;
            per.put(r.trainer(), c);
        }
        m.put("comparison", per);
        m.put("agree", agree);
        m.put("verdict", exact
                ? (agree ? "matches the Python reference to " + Numbers.format(tolerance, 4) + " relative (parameters, every epoch's"
                        + " loss, test MSE)" : "DIFFERS from the Python reference beyond " + Numbers.format(tolerance, 4)
                        + " relative")
                : (agree ? "within the " + (int) (BAND * 100) + " % band of the Python reference (final training"
                        + " loss and test MSE; shuffle orders differ, so not equality)"
                        : "OUTSIDE the " + (int) (BAND * 100) + " % band of the Python reference"));
        return m;
    }

    private static double rel(double a, double b) {
        double d = Math.abs(a - b);
        return d == 0 ? 0 : d / Math.max(Math.abs(b), Double.MIN_NORMAL);
    }
}
