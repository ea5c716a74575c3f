package dev.minibatch.sweep;

import dev.minibatch.backend.BackendDecision;
import dev.minibatch.agreement.Convergence;
import dev.minibatch.agreement.LeastSquares;
import dev.minibatch.config.Loss;
import dev.minibatch.config.Precision;
import dev.minibatch.config.RunConfig;
import dev.minibatch.config.Settings;
import dev.minibatch.config.TrainingConfig;
import dev.minibatch.data.Dataset;
import dev.minibatch.run.RunOutcome;
import dev.minibatch.run.TrainerChoice;
import dev.minibatch.run.TrainingRun;
import dev.minibatch.train.EpochListener;
import dev.minibatch.train.EpochRecord;
import dev.minibatch.train.Parameters;
import dev.minibatch.train.TrainingResult;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs one configuration at several batch sizes — same data, split and initial parameters; the plan's shuffle
 * stream starts afresh for each size — and measures, per batch size and trainer, what the tutorial's comparison
 * table only asserts: updates per epoch, time, memory, update noise and convergence to the least-squares optimum.
 */
public final class Sweep {
    /** How close to the optimum's training loss counts as converged: 1 %. */
    public static final double NEAR_OPTIMUM = 0.01;
    /** How many final epochs the training-loss spread is taken over. */
    public static final int SPREAD_EPOCHS = 10;

    private Sweep() {
    }

    /**
     * One batch size and trainer, measured.
     *
     * @param batchSize the rows per update.
     * @param full whether this is the whole training split (batch gradient descent).
     * @param trainer the trainer.
     * @param learningRate the learning rate used (after scaling).
     * @param updatesPerEpoch ⌈m / b⌉.
     * @param secondsPerEpoch seconds of update steps per epoch (evaluation excluded).
     * @param usPerUpdate microseconds per update.
     * @param samplesPerS training rows processed per second of update steps.
     * @param batchBytes the memory one batch's arrays need: b·(n_features + 3·n_targets + 4·Σ hidden units) values
     *     (a network's hidden layers hold z, a, δ and ε per row besides; x, y, the output
     *                   and the gradient signal) in the run's data type.
     * @param batchLossSpread the standard deviation of the per-update batch losses in the last epoch.
     * @param trainLossSpread the standard deviation of the full training loss over the last epochs around its
     *     least-squares line, so that a steady descent (batch gradient descent still converging) is not noise.
     * @param epochsToNearOptimum the first epoch within 1 % of the optimum's training loss, or 0 if none.
     * @param updatesToNearOptimum the updates made by then, or 0.
     * @param secondsToNearOptimum the seconds of update steps by then, or NaN.
     * @param finalTrainLoss the training loss after the last epoch.
     * @param finalTestMse the test MSE after the last epoch.
     * @param distanceToOptimum ‖θ − θ*‖ after the last epoch.
     * @param agree whether the two trainers agreed at this batch size (true when only one ran).
     * @param trainLoss the training loss after each epoch.
     * @param stepSeconds the cumulative seconds of update steps after each epoch.
     * @param finalTestAccuracy a classifier's test accuracy after the last epoch; {@code null} for a regression.
     */
    public record Row(int batchSize, boolean full, String trainer, double learningRate, int updatesPerEpoch,
                      double secondsPerEpoch, double usPerUpdate, double samplesPerS, long batchBytes,
                      double batchLossSpread, double trainLossSpread, int epochsToNearOptimum,
                      long updatesToNearOptimum, double secondsToNearOptimum, double finalTrainLoss,
                      double finalTestMse, double distanceToOptimum, boolean agree, double[] trainLoss,
                      double[] stepSeconds, Double finalTestAccuracy) {
    }

    /**
     * A finished sweep.
     *
     * @param config the base configuration.
     * @param nTrain the training rows.
     * @param optimumTrainLoss the least-squares optimum's training loss in the configured convention (a classifier's:
     *     the unpenalised logistic regression's, NaN when it has none).
     * @param scaling the learning-rate rule.
     * @param rows one row per batch size and trainer, in sweep order.
     * @param backend the backend's name and data type, e.g. "CPU DOUBLE".
     * @param diverged the batch sizes whose training diverged (no rows for them), in sweep order.
     * @param nTargets the targets (outputs) of the model.
     */
    public record Result(RunConfig config, int nTrain, double optimumTrainLoss, LrScaling scaling, List<Row> rows,
                         String backend, List<Diverged> diverged, int nTargets) {
        /** @return whether the trainers agreed at every batch size. */
        public boolean allAgree() {
            return rows.stream().allMatch(Row::agree);
        }
    }

    /**
     * A batch size whose training diverged; the sweep goes on with the others.
     *
     * @param batchSize the rows per update.
     * @param full whether this is the whole training split.
     * @param learningRate the learning rate used (after scaling).
     * @param message the divergence: which trainer, which value, after which epoch, and the likely cause.
     */
    public record Diverged(int batchSize, boolean full, double learningRate, String message) {
    }

    /**
     * Refuses, before any data is read or cached, a configuration whose data would go to the disk cache: a sweep
     * trains in memory.
     *
     * @param config the configuration.
     * @throws dev.minibatch.config.ConfigException (exit 2) if the data would go to the disk cache.
     */
    public static void requireInMemory(RunConfig config) {
        if (dev.minibatch.cache.DiskData.wanted(config)) {
            throw notInMemory();
        }
    }

    private static dev.minibatch.config.ConfigException notInMemory() {
        return new dev.minibatch.config.ConfigException("data.cache: sweep trains in memory, and this data would go"
                + " to the disk cache (set data.cache: never if it fits in the heap, or train it with minibatch"
                + " train)");
    }

    /**
     * Runs the sweep.
     *
     * @param p the prepared data, initial parameters and base configuration.
     * @param sizes the batch sizes, each in 1 … n_train.
     * @param choice which trainers.
     * @param scaling the learning-rate rule.
     * @param backend the backend decision.
     * @param listener told after every epoch.
     * @return the measurements.
     */
    public static Result run(TrainingRun.Prepared p, List<Integer> sizes, TrainerChoice choice, LrScaling scaling,
                             BackendDecision backend, EpochListener listener) {
        Dataset d = p.data().inMemory();
        if (d == null) {
            throw notInMemory();
        }
        TrainingConfig base = p.config().training();
        boolean classifier = base.loss().isClassification();
        Parameters optimum = null;
        double optimumLoss;
        if (classifier) {                                          // the unpenalised logistic regression, if any
            double fitted;
            try {
                fitted = dev.minibatch.agreement.LogisticOptimum.fit(d, base).trainLoss();
            } catch (IllegalArgumentException e) {
                fitted = Double.NaN;
            }
            optimumLoss = fitted;
        } else {
            optimum = LeastSquares.solve(d.xTrain(), d.yTrain());
            optimumLoss = LeastSquares.loss(base.loss() == Loss.HALF_MSE, optimum, d.xTrain(), d.yTrain());
        }
        int bytes = base.precision() == Precision.DOUBLE ? 8 : 4;
        List<Row> rows = new ArrayList<>();
        List<Diverged> diverged = new ArrayList<>();
        String backendName = "";
        for (int i = 0; i < sizes.size(); i++) {
            int b = sizes.get(i);
            double lr = scaling.rate(base.learningRate(), base.batchSize(), b);
            RunConfig sized = p.config().with(Settings.BATCH_SIZE, b);
            RunConfig cfg = base.optimizer().kind().usesLearningRate() ? sized.with(Settings.LEARNING_RATE, lr) : sized;
            TrainingConfig t = cfg.training();
            TrainingRun.Prepared pb = new TrainingRun.Prepared(cfg, d, p.init(), TrainingRun.plan(t, d.nTrain(),
                    p.init()));
            String label = (i + 1) + "/" + sizes.size() + " b=" + (b == d.nTrain() ? "full" : String.valueOf(b)) + " ";
            RunOutcome run;
            try {
                run = TrainingRun.execute(TrainingRun.Request.of(pb, choice, backend).withListener(
                        (trainer, record, epochs) -> listener.epochDone(label + trainer, record, epochs)));
            } catch (dev.minibatch.train.DivergenceException e) {
                diverged.add(new Diverged(b, b == d.nTrain(), lr, e.getMessage()));
                continue;
            }
            backendName = run.backend().name() + " " + base.precision() + (run.backend().kernels() != null
                    && run.backend().kernels().cuda() ? "; scratch trainer on the GPU (CUDA kernels)" : "");
            boolean agree = run.agreement() == null || run.agreement().agree();
            for (TrainingResult r : run.trainers().values()) {
                rows.add(row(r, b, b == d.nTrain(), lr, pb, optimum, optimumLoss,
                        (long) b * (d.nFeatures() + 3L * d.nTargets() + 4L * dev.minibatch.config.LayerSpec.widths(
                                base.hiddenLayers(), dev.minibatch.config.LayerShape.flat(d.nFeatures())).stream()
                                .mapToLong(Integer::longValue).sum()) * bytes, agree));
            }
        }
        return new Result(p.config(), d.nTrain(), optimumLoss, scaling, rows, backendName, List.copyOf(diverged),
                d.nTargets());
    }

    private static Row row(TrainingResult r, int b, boolean full, double lr, TrainingRun.Prepared p,
                           Parameters optimum, double optimumLoss, long batchBytes, boolean agree) {
        List<EpochRecord> h = r.history();
        int epochs = h.size();
        int perEpoch = p.plan().batchesPerEpoch();
        double[] loss = new double[epochs];
        double[] secs = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            loss[e] = h.get(e).trainLoss();
            secs[e] = h.get(e).stepSeconds();
        }
        int near = !p.config().training().isNetwork() && !Double.isNaN(optimumLoss)
                ? Convergence.firstEpochWithin(loss, optimumLoss, NEAR_OPTIMUM) : 0;
        double[] tail = java.util.Arrays.copyOfRange(loss, Math.max(0, epochs - SPREAD_EPOCHS), epochs);
        EpochRecord last = h.get(epochs - 1);
        return new Row(b, full, r.trainer(), lr, perEpoch, r.stepSeconds() / epochs, r.stepSeconds() * 1e6 / r.steps(),
                (double) p.plan().rows() * epochs / r.stepSeconds(), batchBytes, std(r.lastEpochBatchLosses()),
                detrendedStd(tail), near, near == 0 ? 0 : (long) near * perEpoch, near == 0 ? Double.NaN : secs[near - 1],
                last.trainLoss(), last.testMse(), optimum != null && !p.config().training().isNetwork()
                        ? LeastSquares.distance(last.parameters(), optimum) : Double.NaN, agree, loss, secs,
                last.classifier() == null ? null : last.classifier().testAccuracy());
    }

    /**
     * Returns the population standard deviation of values around their least-squares line over the index: the
     * epoch-to-epoch noise of a curve, without its trend.
     *
     * @param v the values, one per epoch.
     * @return the residuals' standard deviation; 0 for fewer than three values.
     */
    static double detrendedStd(double[] v) {
        int n = v.length;
        if (n < 3) {
            return 0.0;
        }
        double mx = (n - 1) / 2.0;
        double my = 0;
        for (double y : v) {
            my += y;
        }
        my /= n;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (i - mx) * (v[i] - my);
            sxx += (i - mx) * (i - mx);
        }
        double slope = sxy / sxx;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double r = v[i] - (my + slope * (i - mx));
            ss += r * r;
        }
        return Math.sqrt(ss / n);
    }

    /**
     * Returns the population standard deviation.
     *
     * @param v the values.
     * @return their standard deviation; 0 for fewer than two values.
     */
    static double std(double[] v) {
        if (v.length < 2) {
            return 0.0;
        }
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(ss / v.length);
    }
}
