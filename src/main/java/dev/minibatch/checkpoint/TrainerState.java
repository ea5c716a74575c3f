package dev.minibatch.checkpoint;

import dev.minibatch.train.EpochRecord;
import dev.minibatch.train.LoopState;
import dev.minibatch.train.Parameters;

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
 * @param history one entry per epoch done.
 * @param trainSeconds the epoch loop's seconds so far, summed over a resumed run's pieces (0 in older checkpoints).
 */
record TrainerState(int format, String trainer, String dataSha256, int epoch, long steps, double stepSeconds,
                    int bestEpoch, int epochsWithoutImprovement, int stoppedAfter, double[] lastEpochBatchLosses,
                    List<Epoch> history, double trainSeconds) {
    static final int FORMAT = 1;

    /**
     * One epoch's record.
     *
     * @param epoch the epoch.
     * @param trainLoss the training loss.
     * @param batchLossMean the batch losses' mean.
     * @param testMse the test MSE.
     * @param valLoss the validation loss, or {@code null} without a validation split.
     * @param weights W after it.
     * @param bias b after it.
     * @param stepSeconds the cumulative step seconds.
     * @param hidden a network's hidden layers after it, input to output ({@code null} or empty: the linear model).
     * @param classifier a classifier's test loss and accuracies after it ({@code null} for a regression).
     */
    record Epoch(int epoch, double trainLoss, double batchLossMean, double testMse, Double valLoss,
                 double[][] weights, double[] bias, double stepSeconds, List<Parameters.Layer> hidden,
                 EpochRecord.Classifier classifier) {
    }

    static TrainerState of(String trainer, String dataSha256, LoopState s) {
        List<Epoch> history = s.history().stream().map(r -> new Epoch(r.epoch(), r.trainLoss(), r.batchLossMean(),
                r.testMse(), r.hasValidation() ? r.valLoss() : null, r.parameters().weights(),
                r.parameters().bias(), r.stepSeconds(), r.parameters().hidden(), r.classifier())).toList();
        return new TrainerState(FORMAT, trainer, dataSha256, s.epoch(), s.steps(), s.stepSeconds(), s.bestEpoch(),
                s.epochsWithoutImprovement(), s.stoppedAfter(), s.lastEpochBatchLosses(), history, s.trainSeconds());
    }

    LoopState loopState(Path dir) {
        List<EpochRecord> records = history.stream().map(e -> new EpochRecord(e.epoch(), e.trainLoss(),
                e.batchLossMean(), e.testMse(), new Parameters(e.weights(), e.bias(),
                e.hidden() == null ? List.of() : e.hidden()), e.stepSeconds(),
                e.valLoss() == null ? Double.NaN : e.valLoss(), e.classifier())).toList();
        return new LoopState(epoch, steps, stepSeconds, records, bestEpoch, epochsWithoutImprovement, stoppedAfter,
                lastEpochBatchLosses, dir, trainSeconds);
    }
}
