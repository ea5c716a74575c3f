package dev.minibatch.report;

import dev.minibatch.format.Numbers;
import dev.minibatch.results.ResultsMapper;
import dev.minibatch.results.RunResults;

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
 * shuffle order differs) must land within its band — the reference's own {@code band} where it states one (a network's
 * spread over shuffle orders is wider), else {@value #BAND} relative — on the final training loss and test MSE: the
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
    public static RunResults.Reference of(PythonReference ref, Collection<TrainingResult> runs) {
        RunResults.Reference own;
        try {
            own = ResultsMapper.JSON.treeToValue(ref.json(), RunResults.Reference.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(ref.file() + ": not a reference file (" + e.getOriginalMessage() + ")", e);
        }
        boolean exact = ref.exact();
        double tolerance = exact ? EXACT_TOLERANCE : ref.json().path("band").asDouble(BAND);
        Map<String, RunResults.ReferenceDiff> per = new LinkedHashMap<>();
        boolean agree = true;
        double measured = 0;                       // the largest relative difference found
        // a network's reference lists every layer; the linear model's has its one layer as weights and bias
        double[] refTheta = own.layers() != null ? flatten(own.layers()) : flatten(List.of(new RunResults.Layer(
                own.weights(), own.bias())));
        List<RunResults.Epoch> refHistory = own.history();
        for (TrainingResult r : runs) {
            double maxAbs = 0;
            double maxRel = 0;
            double[] theta = flatten(r.fin().layers().stream().map(l -> new RunResults.Layer(l.weights(), l.bias()))
                    .toList());
            if (theta.length != refTheta.length) {
                throw new IllegalStateException(ref.file() + ": its model has " + refTheta.length
                        + " parameters, the run's " + theta.length);
            }
            for (int i = 0; i < theta.length; i++) {
                maxAbs = Math.max(maxAbs, Math.abs(theta[i] - refTheta[i]));
                maxRel = Math.max(maxRel, rel(theta[i], refTheta[i]));
            }
            double lossRel = 0;
            List<EpochRecord> h = r.history();
            for (int e = 0; e < Math.min(h.size(), refHistory.size()); e++) {
                lossRel = Math.max(lossRel, rel(h.get(e).trainLoss(), refHistory.get(e).trainLoss()));
            }
            double finalLossRel = rel(h.get(h.size() - 1).trainLoss(),
                    refHistory.get(refHistory.size() - 1).trainLoss());
            double testRel = rel(r.testMse(), own.testMse());
            boolean ok = exact ? maxRel <= tolerance && lossRel <= tolerance && testRel <= tolerance
                    : finalLossRel <= tolerance && testRel <= tolerance;
            per.put(r.trainer(), new RunResults.ReferenceDiff(maxAbs, maxRel, lossRel, finalLossRel, testRel, ok));
            measured = Math.max(measured, exact ? Math.max(maxRel, Math.max(lossRel, testRel))
                    : Math.max(finalLossRel, testRel));
            agree &= ok;
        }
        String verdict = exact
                ? (agree ? "matches it: largest relative difference " + Numbers.format(measured, 2) + ", tolerance "
                        + Numbers.format(tolerance, 4) + " (parameters, every epoch's loss, test MSE)"
                        : "DIFFERS from the Python reference beyond "
                        + Numbers.format(tolerance, 4) + " relative")
                : (agree ? "within the " + Math.round(tolerance * 100) + " % band of the Python reference (final training"
                        + " loss and test MSE; shuffle orders differ, so not equality)"
                        : "OUTSIDE the " + Math.round(tolerance * 100) + " % band of the Python reference");
        return new RunResults.Reference(ref.file().getFileName().toString(),
                ref.json().path("kind").asText("python"), exact, ref.json().path("note").asText(""),
                own.initialWeights(), own.initialBias(), own.weights(), own.bias(), own.testMse(), refHistory,
                tolerance, per, agree, verdict, own.initialLayers(), own.layers());
    }

    /** Every layer's W (row by row) then b, input to output. */
    private static double[] flatten(List<RunResults.Layer> layers) {
        return layers.stream().flatMapToDouble(l -> java.util.stream.DoubleStream.concat(
                java.util.Arrays.stream(l.weights()).flatMapToDouble(java.util.Arrays::stream),
                java.util.Arrays.stream(l.bias()))).toArray();
    }

    private static double rel(double a, double b) {
        double d = Math.abs(a - b);
        return d == 0 ? 0 : d / Math.max(Math.abs(b), Double.MIN_NORMAL);
    }
}
