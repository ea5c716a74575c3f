package dev.minibatch.agreement;

import dev.minibatch.format.Numbers;

import dev.minibatch.train.TrainingResult;

import java.util.List;

/**
 * Whether two trainers' parameters agree: after every epoch, the largest absolute difference between
 * corresponding weights and biases, compared with a tolerance. Per-epoch snapshots (rather than a lock-step run)
 * keep the trainers independent: each runs to completion on its own, and the check reads their histories.
 *
 * @param tolerance the largest difference still called agreement.
 * @param maxAbsParamDiff the largest difference over all epochs (and the initial parameters).
 * @param perEpochMaxAbsParamDiff the largest difference after each epoch, from epoch 1.
 * @param firstEpochBeyondTolerance the first epoch whose difference exceeds the tolerance, or 0 if none does.
 * @param agree whether no difference exceeds the tolerance.
 */
public record Agreement(double tolerance, double maxAbsParamDiff, double[] perEpochMaxAbsParamDiff,
                        int firstEpochBeyondTolerance, boolean agree) {

    /**
     * Compares two runs of the same data, plan and initial parameters.
     *
     * @param a one run.
     * @param b the other run; when the two stopped after different epochs (early stopping), they disagree from
     *     the first epoch one of them lacks.
     * @param tolerance the agreement tolerance, ≥ 0.
     * @return the comparison.
     */
    public static Agreement of(TrainingResult a, TrainingResult b, double tolerance) {
        int n = Math.min(a.history().size(), b.history().size());
        double[] perEpoch = new double[n];
        double max = a.initial().maxAbsDiff(b.initial());
        int first = Double.isNaN(max) || max > tolerance ? 0 : -1;
        for (int e = 0; e < n; e++) {
            double d = a.history().get(e).parameters().maxAbsDiff(b.history().get(e).parameters());
            perEpoch[e] = d;
            boolean beyond = Double.isNaN(d) || d > tolerance;
            if (beyond && first < 0) {
                first = e + 1;
            }
            max = Double.isNaN(d) ? d : Math.max(max, d);
        }
        if (a.history().size() != b.history().size() && first < 0) {
            first = n + 1; // one trainer went on where the other stopped
        }
        return new Agreement(tolerance, max, perEpoch, Math.max(first, 0), first < 0);
    }

    /**
     * The tolerance between a run on the CPU and one with the CUDA kernels: ε(type) × max(1, the largest |θ| of
     * the reference run's initial and per-epoch parameters), with ε = 1e-5 for FLOAT and 1e-12 for DOUBLE. The
     * two compute the same operations, rounded the same way, except the sums (x·W, xᵀg, Σg), which a GPU adds in
     * another order; docs/GPU.md gives the measurements this bound was set from.
     *
     * @param precision the run's data type.
     * @param reference the CPU run.
     * @return the absolute tolerance on parameters.
     */
    public static double gpuTolerance(dev.minibatch.config.Precision precision, TrainingResult reference) {
        double scale = Math.max(1.0, dev.minibatch.train.Divergence.maxAbs(reference.initial()));
        for (var e : reference.history()) {
            scale = Math.max(scale, dev.minibatch.train.Divergence.maxAbs(e.parameters()));
        }
        return (precision == dev.minibatch.config.Precision.FLOAT ? 1e-5 : 1e-12) * scale;
    }

    /**
     * The relative tolerance between the losses of a CPU run and a CUDA-kernel run (docs/GPU.md).
     *
     * @param precision the run's data type.
     * @return 1e-5 for FLOAT, 1e-12 for DOUBLE.
     */
    public static double gpuLossTolerance(dev.minibatch.config.Precision precision) {
        return precision == dev.minibatch.config.Precision.FLOAT ? 1e-5 : 1e-12;
    }

    /**
     * Returns the one-line verdict shown to the user.
     *
     * @return e.g. "agree: max |Δθ| = 0 (tolerance 0)".
     */
    public String verdict() {
        String base = "max |Δθ| = " + Numbers.format(maxAbsParamDiff, 4) + " (tolerance "
                + Numbers.format(tolerance, 4) + ")";
        if (agree) {
            return "trainers agree: " + base;
        }
        return "trainers DISAGREE: " + base + (firstEpochBeyondTolerance > 0
                ? ", first beyond tolerance after epoch " + firstEpochBeyondTolerance
                : ", already in the initial parameters");
    }

    /** @return the per-epoch differences as a list, for serialisation. */
    public List<Double> perEpochList() {
        return java.util.Arrays.stream(perEpochMaxAbsParamDiff).boxed().toList();
    }
}
