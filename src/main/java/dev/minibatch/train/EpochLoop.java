package dev.minibatch.train;

import dev.minibatch.io.TestHooks;
import dev.minibatch.config.EarlyStopping;
import dev.minibatch.config.TrainingConfig;
import dev.minibatch.format.Numbers;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one epoch loop both trainers run: per epoch, the trainer's update steps, then the epoch's record (losses,
 * parameters, divergence check), the listeners, and early stopping. A trainer supplies only what differs: how it
 * runs one epoch of updates and how its model predicts.
 */
public final class EpochLoop {
    private EpochLoop() {
    }

    /** What a trainer does in the loop. */
    public interface Learner {
        /**
         * Runs one epoch of update steps.
         *
         * @param epoch the epoch, from 1.
         * @return the batch-size-weighted mean of the epoch's batch losses.
         */
        double epoch(int epoch);

        /** @return the current parameters (a copy). */
        Parameters parameters();

        /**
         * Predicts rows with the current parameters.
         *
         * @param x rows in the training precision.
         * @return the predictions.
         */
        INDArray predict(INDArray x);

        /** @return the update steps taken so far. */
        long steps();

        /**
         * Says where the model computes, for results and reports.
         *
         * @return {@code CPU} on ND4J's CPU backend, {@code GPU (ND4J CUDA backend)} on its CUDA backend; a trainer
         *     on another device says which.
         */
        default String device() {
            return org.nd4j.linalg.factory.Nd4j.getEnvironment().isCPU() ? "CPU" : "GPU (ND4J CUDA backend)";
        }

        /**
         * Says how long a device that runs apart from the host spent in the update steps, on its own clock.
         *
         * @return the seconds so far, or NaN where the steps run on the host.
         */
        default double kernelSeconds() {
            return Double.NaN;
        }

        /** @return the batch losses of the last epoch. */
        double[] lastEpochBatchLosses();

        /**
         * Writes the model's state (parameters, optimizer state) into a checkpoint folder.
         *
         * @param dir the folder.
         * @throws IOException if a file cannot be written.
         */
        void save(Path dir) throws IOException;

        /**
         * Puts the model where a checkpoint left it: its parameters, optimizer state, step count, last batch
         * losses, and the batch plan moved past the epochs done.
         *
         * @param state the checkpoint.
         * @throws IOException if its files cannot be read.
         */
        void restore(LoopState state) throws IOException;
    }

    /** The value early stopping watches in an epoch's record. */
    private static double monitored(EarlyStopping.Monitor monitor, EpochRecord r) {
        return switch (monitor) {
            case VAL_LOSS -> r.valLoss();
            case VAL_ACCURACY -> r.classifier().valAccuracy();
            default -> r.trainLoss();
        };
    }

    /**
     * Runs the configured epochs (or fewer, when early stopping ends the run).
     *
     * @param name the trainer's name.
     * @param engine how it computes.
     * @param nd the data.
     * @param settings the training settings.
     * @param start the parameters before the first step.
     * @param learner the trainer's part.
     * @param listener told after every epoch.
     * @return the result.
     * @throws DivergenceException if a parameter or a loss stops being finite.
     */
    public static TrainingResult run(String name, String engine, NdDataset nd, TrainingConfig settings,
                                     Parameters start, Learner learner, EpochListener listener) {
        return run(name, engine, nd, settings, start, learner, listener, Checkpointer.NONE);
    }

    /**
     * Runs the configured epochs from the trainer's latest checkpoint, if any, saving checkpoints as configured:
     * every {@code every} epochs, and after the last epoch (or the early stop), so that a finished trainer is
     * not trained again when its run resumes.
     *
     * @param name the trainer's name.
     * @param engine how it computes.
     * @param nd the data.
     * @param settings the training settings.
     * @param start the parameters before the first step.
     * @param learner the trainer's part.
     * @param listener told after every epoch trained in this process.
     * @param checkpoints where checkpoints go and come from.
     * @return the result, equal to the uninterrupted run's (timings aside).
     * @throws DivergenceException if a parameter or a loss stops being finite.
     */
    public static TrainingResult run(String name, String engine, NdDataset nd, TrainingConfig settings,
                                     Parameters start, Learner learner, EpochListener listener,
                                     Checkpointer checkpoints) {
        List<EpochRecord> history = new ArrayList<>(Math.min(settings.epochs(), 1 << 16));
        EarlyStopping es = settings.earlyStopping();
        EarlyStopping.Monitor monitor = es.monitor();
        EpochRecord best = null;
        int wait = 0;
        int stoppedAfter = 0;
        long stepNanos = 0;
        double earlierSeconds = 0;                     // a resumed run's pieces before this one
        int first = 1;
        LoopState from = checkpoints.latest(name).orElse(null);
        if (from != null) {
            try {
                learner.restore(from);
            } catch (IOException | RuntimeException e) {
                throw checkpoints.unreadable(from, e instanceof IOException io ? io : new IOException(e.getMessage(), e));
            }
            history.addAll(from.history());
            best = from.bestEpoch() > 0 ? history.get(from.bestEpoch() - 1) : null;
            wait = from.epochsWithoutImprovement();
            stoppedAfter = from.stoppedAfter();
            stepNanos = Math.round(from.stepSeconds() * 1e9);
            earlierSeconds = Math.max(from.trainSeconds(), from.stepSeconds());   // older checkpoints: at least steps
            first = from.epoch() + 1;
        }
        long t0 = System.nanoTime();
        for (int epoch = first; stoppedAfter == 0 && epoch <= settings.epochs(); epoch++) {
            TestHooks.pauseAtEpoch(name, epoch);
            long e0 = System.nanoTime();
            double batchLossMean = learner.epoch(epoch);
            stepNanos += System.nanoTime() - e0;
            EpochRecord record = nd.epochRecord(name, epoch, settings, learner::predict, batchLossMean,
                    learner.parameters(), stepNanos / 1e9, learner.steps());
            history.add(record);
            listener.epochDone(name, record, settings.epochs());
            if (es.on()) {
                // Keras' EarlyStopping: an improvement is a loss below the best (an accuracy above it) by more than
                // min_delta.
                double value = monitored(monitor, record);
                boolean better = best == null || (monitor.maximize() ? value > monitored(monitor, best) + es.minDelta()
                        : value < monitored(monitor, best) - es.minDelta());
                if (better) {
                    best = record;
                    wait = 0;
                } else if (++wait >= es.patience()) {
                    stoppedAfter = epoch;
                }
            }
            int every = checkpoints.every();
            if (every > 0 && (epoch % every == 0 || epoch == settings.epochs() || stoppedAfter > 0)) {
                checkpoints.save(name, new LoopState(epoch, learner.steps(), stepNanos / 1e9, List.copyOf(history),
                        best == null ? 0 : best.epoch(), wait, stoppedAfter, learner.lastEpochBatchLosses(), null,
                        earlierSeconds + (System.nanoTime() - t0) / 1e9),
                        learner::save);
            }
        }
        double seconds = earlierSeconds + (System.nanoTime() - t0) / 1e9;   // every piece of a resumed run
        EpochRecord last = history.get(history.size() - 1);
        TrainingResult.EarlyStop stop = null;
        if (es.on()) {
            String key = monitor.key();
            double bestLoss = monitored(monitor, best);
            boolean restored = es.restoreBest() && best != last;
            stop = new TrainingResult.EarlyStop(key, stoppedAfter, best.epoch(), bestLoss, es.restoreBest(),
                    (stoppedAfter > 0 ? "stopped after epoch " + stoppedAfter + " of " + settings.epochs() + ": "
                            + key + " did not improve by more than " + Numbers.format(es.minDelta(), 6) + " for " + es.patience()
                            + (es.patience() == 1 ? " epoch" : " epochs")
                            : "ran all " + settings.epochs() + " epochs (" + key + " kept improving within the"
                            + " patience of " + es.patience() + ")")
                            + "; best " + key + " " + Numbers.format(bestLoss, 8) + " at epoch " + best.epoch()
                            + (restored ? ", whose parameters the run ends with" : ""));
        }
        EpochRecord end = es.on() && es.restoreBest() ? best : last;
        return new TrainingResult(name, engine, learner.device(), start, end.parameters(), end.testMse(), seconds, stepNanos / 1e9,
                learner.steps(), history, learner.lastEpochBatchLosses(), stop, learner.kernelSeconds());
    }
}
