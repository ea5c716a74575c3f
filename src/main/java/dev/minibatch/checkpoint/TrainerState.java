package dev.minibatch.checkpoint;

import dev.minibatch.train.EpochRecord;
import dev.minibatch.train.LoopState;

import java.nio.file.Path;
import java.util.List;

/**
 * The state.json of one trainer's checkpoint: where its loop stood, its history so far, and what the run was, so
 * that a checkpoint is never continued with other data. Doubles are written as Java prints them, which reads back
 * to the same bits.
 *
 * @param format the file format's version.
 * @param trainer the trainer's name.
 * @param dataSha256 the SHA-256 of the run's data, as {@link dev.minibatch.data.RunData#fingerprint} computes it.
 * @param epoch the epochs done.
 * @param steps the update steps done.
 * @param stepSeconds the seconds spent in update steps so far.
 * @param bestEpoch early stopping's best epoch, or 0.
 * @param epochsWithoutImprovement early stopping's count.
 * @param stoppedAfter the epoch early stopping ended training after, or 0.
 * @param lastEpochBatchLosses the last epoch's batch losses.
 * @param history one entry per epoch done: the epoch loop's own {@link EpochRecord}s, written as they are (a
 *     validation loss of NaN as the text "NaN"), so that the checkpoint holds one shape of an epoch, the loop's.
 * @param trainSeconds the epoch loop's seconds so far, summed over a resumed run's pieces (0 in older checkpoints).
 */
record TrainerState(int format, String trainer, String dataSha256, int epoch, long steps, double stepSeconds,
                    int bestEpoch, int epochsWithoutImprovement, int stoppedAfter, double[] lastEpochBatchLosses,
                    List<EpochRecord> history, double trainSeconds) {
    /**
     * The file format's version: 2 since the history holds {@link EpochRecord}s as they are (1 held a copy of
     * their fields, flattened). {@code CheckpointsTest} pins the fields of this version, so that a change to the
     * record without a new number fails there.
     */
    static final int FORMAT = 2;

    static TrainerState of(String trainer, String dataSha256, LoopState s) {
        return new TrainerState(FORMAT, trainer, dataSha256, s.epoch(), s.steps(), s.stepSeconds(), s.bestEpoch(),
                s.epochsWithoutImprovement(), s.stoppedAfter(), s.lastEpochBatchLosses(), s.history(),
                s.trainSeconds());
    }

    LoopState loopState(Path dir) {
        return new LoopState(epoch, steps, stepSeconds, history, bestEpoch, epochsWithoutImprovement, stoppedAfter,
                lastEpochBatchLosses, dir, trainSeconds);
    }
}
