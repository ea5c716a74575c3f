package dev.minibatch.train;

import dev.minibatch.batch.BatchPlan;
import dev.minibatch.config.TrainingConfig;
import dev.minibatch.data.Dataset;

/**
 * Trains the linear model ŷ = x·W + b by mini-batch gradient descent. A trainer holds no state between runs:
 * everything a run needs comes in through {@link #train}, and everything it produced goes out in the result.
 */
public interface Trainer {

    /** @return the trainer's name as used in results and on the command line. */
    String name();

    /** @return how this trainer computes, in a few words, for results and reports (and so for benchmark rows). */
    String engine();

    /**
     * Runs mini-batch gradient descent on a dataset already copied into ND4J, so that several trainers (or runs)
     * on the same data share one copy; trainers only read it.
     *
     * @param data the training and test rows, in the precision {@code settings} names.
     * @param plan the row order and batch cuts of every epoch.
     * @param initial the parameters to start from.
     * @param settings the loss, learning rate, epochs and data type.
     * @param listener told after every epoch; may be {@link EpochListener#NONE}.
     * @return the run's parameters, metrics and history.
     * @throws DivergenceException if the training loss becomes NaN or infinite.
     * @throws IllegalArgumentException if the arrays are not of the configured precision.
     */
    default TrainingResult train(NdDataset data, BatchPlan plan, Parameters initial, TrainingConfig settings,
                                 EpochListener listener) {
        return train(data, plan, initial, settings, listener, Checkpointer.NONE);
    }

    /**
     * Runs mini-batch gradient descent from a checkpoint, if one is found, saving checkpoints as the checkpointer
     * says. The result equals the uninterrupted run's, bit for bit (timings aside).
     *
     * @param data the training and test rows, in the precision {@code settings} names.
     * @param plan the row order and batch cuts of every epoch.
     * @param initial the parameters to start from.
     * @param settings the loss, learning rate, epochs and data type.
     * @param listener told after every epoch trained; may be {@link EpochListener#NONE}.
     * @param checkpoints where checkpoints are saved and found.
     * @return the run's parameters, metrics and history.
     * @throws DivergenceException if the training loss becomes NaN or infinite.
     */
    TrainingResult train(NdDataset data, BatchPlan plan, Parameters initial, TrainingConfig settings,
                         EpochListener listener, Checkpointer checkpoints);

    /**
     * Runs mini-batch gradient descent, copying the dataset into ND4J first.
     *
     * @param data the training and test rows.
     * @param plan the row order and batch cuts of every epoch.
     * @param initial the parameters to start from.
     * @param settings the loss, learning rate, epochs and data type.
     * @param listener told after every epoch; may be {@link EpochListener#NONE}.
     * @return the run's parameters, metrics and history.
     * @throws DivergenceException if the training loss becomes NaN or infinite.
     */
    default TrainingResult train(Dataset data, BatchPlan plan, Parameters initial, TrainingConfig settings,
                                 EpochListener listener) {
        return train(NdDataset.of(data, settings.precision()), plan, initial, settings, listener);
    }
}
