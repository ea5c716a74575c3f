package dev.minibatch.train;

import java.nio.file.Path;
import java.util.List;

/**
 * Where one trainer's epoch loop stands after an epoch: everything, besides the model itself, that a resumed run
 * needs to continue exactly as the uninterrupted run would have.
 *
 * @param epoch the epochs done.
 * @param steps the update steps done.
 * @param stepSeconds the seconds spent in update steps so far.
 * @param history one record per epoch done.
 * @param bestEpoch early stopping's best epoch so far, or 0 when early stopping is off.
 * @param epochsWithoutImprovement early stopping's epochs without an improvement.
 * @param stoppedAfter the epoch after which early stopping ended training, or 0 while it runs.
 * @param lastEpochBatchLosses the batch losses of the last epoch done.
 * @param dir the checkpoint folder the model's own files are in ({@code null} before it is written).
 * @param trainSeconds the seconds of the epoch loop so far (steps and per-epoch records), summed over the pieces of a
 *     resumed run.
 */
public record LoopState(int epoch, long steps, double stepSeconds, List<EpochRecord> history, int bestEpoch,
                        int epochsWithoutImprovement, int stoppedAfter, double[] lastEpochBatchLosses, Path dir,
                        double trainSeconds) {
}
