package dev.minibatch.train;

/**
 * Thrown when a trainer's loss or parameters stop being finite numbers: the run has diverged. The message names
 * the trainer, the epoch and what became non-finite, and suggests the likely cause.
 */
public final class DivergenceException extends RuntimeException {
    /**
     * Constructs the exception with a whole message.
     *
     * @param message one line: the trainer, the epoch, what became NaN or infinite, and a suggestion.
     */
    public DivergenceException(String message) {
        super(message, null, false, false);
    }
}
