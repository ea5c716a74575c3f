package dev.minibatch.train;

import dev.minibatch.config.TrainingConfig;

/**
 * The one place that decides whether a run has diverged and says why. A run has diverged when any parameter,
 * the training loss, the mean batch loss or the test MSE is NaN or infinite after an epoch.
 *
 * <p>Every value is checked, not only the loss: with one feature and one target ND4J's {@code x.mmul(W)} treats
 * the 1 × 1 {@code W} as a scalar and multiplies through {@code INDArray.muli(Number)}, which silently replaces a
 * NaN scalar by {@code Nd4j.EPS_THRESHOLD} (1e-5). NaN weights then predict about zero, and the loss computed
 * from those predictions is Σy²/2m — finite and plausible (321.7 on the tutorial's data).
 */
public final class Divergence {
    private Divergence() {
    }

    /**
     * Checks an epoch's numbers.
     *
     * @param trainer the trainer's name.
     * @param epoch the epoch just finished, from 1.
     * @param settings the training settings (for the learning rate in the suggestion).
     * @param trainLoss the full training loss.
     * @param batchLossMean the mean of the epoch's batch losses.
     * @param testMse the test MSE.
     * @param p the parameters after the epoch.
     * @throws DivergenceException if any of them is NaN or infinite.
     */
    public static void check(String trainer, int epoch, TrainingConfig settings, double trainLoss,
                             double batchLossMean, double testMse, Parameters p) {
        check(trainer, epoch, 0, settings, trainLoss, batchLossMean, testMse, null, p);
    }

    /**
     * Checks an epoch's numbers, the validation loss among them.
     *
     * @param trainer the trainer's name.
     * @param epoch the epoch just finished, from 1.
     * @param steps the update steps made so far, for the rate a schedule had reached (0: not known).
     * @param settings the training settings (for the learning rate in the suggestion).
     * @param trainLoss the full training loss.
     * @param batchLossMean the mean of the epoch's batch losses.
     * @param testMse the test MSE.
     * @param valLoss the validation loss, or {@code null} without a validation split.
     * @param p the parameters after the epoch.
     * @throws DivergenceException if any of them is NaN or infinite.
     */
    public static void check(String trainer, int epoch, long steps, TrainingConfig settings, double trainLoss,
                             double batchLossMean, double testMse, Double valLoss, Parameters p) {
        String what = firstNonFinite(p);
        if (what == null && !Double.isFinite(batchLossMean)) {
            what = "the mean batch loss is " + batchLossMean;
        }
        if (what == null && !Double.isFinite(trainLoss)) {
            what = "the training loss is " + trainLoss;
        }
        if (what == null && !Double.isFinite(testMse)) {
            what = "the test MSE is " + testMse;
        }
        if (what == null && valLoss != null && !Double.isFinite(valLoss)) {
            what = "the validation loss is " + valLoss;
        }
        if (what != null) {
            String suspect = regularization(settings);
            throw new DivergenceException(trainer, epoch, trainer + " trainer diverged: " + what + " after epoch " + epoch + "; "
                    + (suspect != null ? suspect : learningRate(settings, epoch, steps)) + overflow(settings));
        }
    }

    /**
     * The learning rate as the suspect: the configured one, or — where a schedule raised it above that (an
     * exponential gamma or a step decay_rate above 1, a poly schedule, a map's later rate) — the schedule, with the
     * largest rate it gave the updates made so far.
     */
    private static String learningRate(TrainingConfig settings, int epoch, long steps) {
        double lr0 = settings.learningRate();
        dev.minibatch.config.LrSchedule schedule = settings.lrSchedule();
        double max = lr0;
        int maxEpoch = 1;
        if (schedule.on() && steps > 0 && epoch > 0) {
            long perEpoch = Math.max(1, steps / epoch);
            long first = Math.max(0, steps - 10_000_000L);     // the last ten million updates at most
            for (long i = first; i < steps; i++) {
                double rate = schedule.valueAt(lr0, (int) Math.min(i, Integer.MAX_VALUE), (int) (i / perEpoch));
                if (rate > max) {
                    max = rate;
                    maxEpoch = (int) (i / perEpoch) + 1;
                }
            }
        }
        if (max > lr0) {
            return "training.lr_schedule (" + schedule.type().name().toLowerCase(java.util.Locale.ROOT) + ") had"
                    + " raised the learning rate from " + lr0 + " to " + dev.minibatch.format.Numbers.format(max, 6)
                    + " by epoch " + maxEpoch + ", which is probably too large (a schedule that lowers the rate: a"
                    + " gamma or decay_rate below 1)";
        }
        return "the learning rate " + lr0 + " is probably too large for this data (try a smaller"
                + " training.learning_rate, or preprocess.standardize: true for features on large scales)";
    }

    /**
     * The setting most likely at fault when it is not the learning rate: L2 whose decay factor 1 − lr·l2 has left
     * (−1, 1) (each step then multiplies the weights by more than 1 in size), or L1 larger than the step it drives.
     */
    private static String regularization(TrainingConfig settings) {
        double lr = settings.learningRate();
        if (settings.l2() > 0 && settings.optimizer().kind() == dev.minibatch.config.Optimizer.Kind.SGD
                && lr * settings.l2() >= 2) {
            return "training.l2 " + settings.l2() + " is probably too large: with the learning rate " + lr + " each"
                    + " step multiplies the weights by 1 − lr·l2 = " + (1 - lr * settings.l2()) + " (keep lr·l2 below"
                    + " 1)";
        }
        return null;
    }

    /**
     * A second suspect where the model has one: in float, exp inside softplus, sigmoid and ELU overflows once a
     * pre-activation passes about 88.7 (DL4J's softplus is log(1 + eᶻ)), whatever the learning rate.
     */
    private static String overflow(TrainingConfig settings) {
        if (settings.precision() != dev.minibatch.config.Precision.FLOAT) {
            return "";
        }
        java.util.Set<dev.minibatch.config.Activation> exp = java.util.EnumSet.of(
                dev.minibatch.config.Activation.SOFTPLUS, dev.minibatch.config.Activation.SIGMOID,
                dev.minibatch.config.Activation.ELU);
        boolean uses = exp.contains(settings.outputActivation())
                || settings.hiddenLayers().stream().anyMatch(h -> exp.contains(h.activation()));
        return uses ? "; or an overflow in float: exp in softplus, sigmoid and elu overflows past z ≈ 88.7, so"
                + " large targets or inputs need training.dtype: double or scaled data" : "";
    }

    private static String firstNonFinite(Parameters p) {
        java.util.List<Parameters.Layer> layers = p.layers();
        for (int l = 0; l < layers.size(); l++) {
            Parameters.Layer layer = layers.get(l);
            String where = p.isLinear() ? "" : " of layer " + (l + 1);
            for (int t = 0; t < layer.bias().length; t++) {
                if (!Double.isFinite(layer.bias()[t])) {
                    return "the bias b[" + t + "]" + where + " is " + layer.bias()[t];
                }
            }
            for (int f = 0; f < layer.weights().length; f++) {
                for (int t = 0; t < layer.weights()[f].length; t++) {
                    if (!Double.isFinite(layer.weights()[f][t])) {
                        return "the weight W[" + f + "][" + t + "]" + where + " is " + layer.weights()[f][t];
                    }
                }
            }
        }
        return null;
    }

    /**
     * A warning for a run that ended finite but far from where it started: the parameters' largest magnitude grown
     * past 1e8 and a million times its start, or the training loss a million times its first epoch's. Such a run is
     * close to diverging (a loss can stay finite while the weights reach 1e119), so it is said, not passed in silence.
     *
     * @param trainer the trainer's name.
     * @param initialMaxAbs the largest |θ| before training.
     * @param finalMaxAbs the largest |θ| after it.
     * @param firstLoss the training loss after the first epoch.
     * @param lastLoss the training loss after the last.
     * @return the warning, or {@code null} when the run grew by less.
     */
    public static String growth(String trainer, double initialMaxAbs, double finalMaxAbs, double firstLoss,
                                double lastLoss) {
        if (finalMaxAbs > 1e8 && finalMaxAbs > 1e6 * Math.max(1.0, initialMaxAbs)) {
            return trainer + ": the parameters grew from max |θ| " + dev.minibatch.format.Numbers.format(initialMaxAbs, 3)
                    + " to " + dev.minibatch.format.Numbers.format(finalMaxAbs, 3) + ": the run is close to diverging"
                    + " (a smaller training.learning_rate, training.l2, or preprocess.standardize: true for features"
                    + " on large scales may help)";
        }
        if (firstLoss > 0 && lastLoss > 1e6 * firstLoss) {
            return trainer + ": the training loss grew from " + dev.minibatch.format.Numbers.format(firstLoss, 4)
                    + " after epoch 1 to " + dev.minibatch.format.Numbers.format(lastLoss, 4) + ": the run is close"
                    + " to diverging (a smaller training.learning_rate may help)";
        }
        return null;
    }

    /**
     * The largest magnitude of a model's parameters, every layer.
     *
     * @param p the parameters.
     * @return max |θ|.
     */
    public static double maxAbs(Parameters p) {
        double m = 0;
        for (Parameters.Layer l : p.layers()) {
            for (double[] row : l.weights()) {
                for (double v : row) {
                    m = Math.max(m, Math.abs(v));
                }
            }
            for (double v : l.bias()) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m;
    }
}
