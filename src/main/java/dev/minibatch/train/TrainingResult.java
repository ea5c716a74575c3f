package dev.minibatch.train;

import java.util.List;

/**
 * The result of one trainer's run: the one type both trainers produce.
 *
 * @param trainer the trainer's name, {@code framework} or {@code scratch}.
 * @param engine how the trainer computed ({@link Trainer#engine()}).
 * @param device where it computed: {@code CPU}, or the GPU in words ({@link EpochLoop.Learner#device()}).
 * @param initial the parameters before the first update.
 * @param fin the parameters after the last epoch.
 * @param testMse the final mean squared error on the test split.
 * @param trainSeconds wall-clock seconds spent in the training loop, per-epoch evaluation included.
 * @param stepSeconds wall-clock seconds spent in the update steps alone (what benchmarks quote per step).
 * @param steps the number of parameter updates made.
 * @param history one record per epoch.
 * @param lastEpochBatchLosses the loss of every batch of the last epoch, in order, each before its update.
 * @param stop how early stopping ended the run, or {@code null} when it was off.
 * @param kernelSeconds of {@code stepSeconds}, the seconds a GPU spent in the kernels by its own clock (this piece of
 *     a resumed run); NaN for a trainer computing on the host ({@link EpochLoop.Learner#kernelSeconds()}).
 */
public record TrainingResult(String trainer, String engine, String device, Parameters initial, Parameters fin, double testMse,
                             double trainSeconds, double stepSeconds, long steps, List<EpochRecord> history,
                             double[] lastEpochBatchLosses, EarlyStop stop, double kernelSeconds) {

    /**
     * A result without early stopping.
     *
     * @param trainer the trainer's name.
     * @param engine how it computed.
     * @param device where it computed.
     * @param initial the parameters before the first update.
     * @param fin the final parameters.
     * @param testMse the final test MSE.
     * @param trainSeconds the training loop's seconds.
     * @param stepSeconds the update steps' seconds.
     * @param steps the updates.
     * @param history one record per epoch.
     * @param lastEpochBatchLosses the last epoch's batch losses.
     */
    public TrainingResult(String trainer, String engine, String device, Parameters initial, Parameters fin,
                          double testMse, double trainSeconds, double stepSeconds, long steps,
                          List<EpochRecord> history, double[] lastEpochBatchLosses) {
        this(trainer, engine, device, initial, fin, testMse, trainSeconds, stepSeconds, steps, history, lastEpochBatchLosses,
                null, Double.NaN);
    }

    /**
     * Returns the epoch whose parameters the run ends with: the best one when early stopping restored it,
     * otherwise the last.
     *
     * @return the record.
     */
    public EpochRecord finalRecord() {
        return stop != null && stop.restored() ? history.get(stop.bestEpoch() - 1) : history.get(history.size() - 1);
    }

    /**
     * How early stopping ended a run.
     *
     * @param monitor the loss watched: val_loss or train_loss.
     * @param stoppedAfterEpoch the epoch after which training stopped, or 0 when it ran all its epochs.
     * @param bestEpoch the epoch with the lowest monitored loss.
     * @param bestLoss that loss.
     * @param restored whether the final parameters are the best epoch's.
     * @param reason one line saying why and when it stopped.
     */
    public record EarlyStop(String monitor, int stoppedAfterEpoch, int bestEpoch, double bestLoss, boolean restored,
                            String reason) {
    }
}
