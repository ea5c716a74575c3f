package dev.minibatch.train;

import java.util.List;

/**
 * The result of one trainer's run: the one type both trainers produce.
 *
 * @param trainer the trainer's name, {@code framework} or {@code scratch}.
 * @param engine how the trainer computed ({@link Trainer#engine()}).
 * @param initial the parameters before the first update.
 * @param fin the parameters after the last epoch.
 * @param testMse the final mean squared error on the test split.
 * @param trainSeconds wall-clock seconds spent in the training loop, per-epoch evaluation included.
 * @param stepSeconds wall-clock seconds spent in the update steps alone (what benchmarks quote per step).
 * @param steps the number of parameter updates made.
 * @param history one record per epoch.
 * @param lastEpochBatchLosses the loss of every batch of the last epoch, in order, each before its update.
 */
public record TrainingResult(String trainer, String engine, Parameters initial, Parameters fin, double testMse,
                             double trainSeconds, double stepSeconds, long steps, List<EpochRecord> history,
                             double[] lastEpochBatchLosses) {
}
