package dev.minibatch.train;

/** Thrown when the training loss stops being a finite number: the run has diverged. */
public final class DivergenceException extends RuntimeException {
    /**
     * Constructs the exception with a message naming the trainer and epoch.
     *
     * @param trainer the trainer that diverged.
     * @param epoch the epoch after which the loss was not finite.
     * @param loss the loss value (NaN or infinite).
     * @param learningRate the learning rate in use.
     */
    public DivergenceException(String trainer, int epoch, double loss, double learningRate) {
        super(trainer + " trainer diverged: the training loss is " + loss + " after epoch " + epoch
                + "; the learning rate " + learningRate + " is probably too large for this data (try a smaller"
                + " training.learning_rate, or standardise the features)", null, false, false);
    }
}
