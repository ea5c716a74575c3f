package dev.minibatch.train;

import java.util.List;
import java.util.Map;

/**
 * Thrown when a trainer's loss or parameters stop being finite numbers: the run has diverged. The message names
 * the trainer, the epoch and what became non-finite, and suggests the likely cause; {@link #histories()} holds
 * every trainer's epochs up to the divergence, so the blow-up can be shown.
 */
public final class DivergenceException extends RuntimeException {
    private final transient Map<String, List<EpochRecord>> histories;

    /**
     * Constructs the exception with a whole message.
     *
     * @param message one line: the trainer, the epoch, what became NaN or infinite, and a suggestion.
     */
    public DivergenceException(String message) {
        this(message, Map.of());
    }

    /**
     * Constructs the exception with the histories recorded before it.
     *
     * @param message the message.
     * @param histories each trainer's finite epochs, in order.
     */
    public DivergenceException(String message, Map<String, List<EpochRecord>> histories) {
        super(message, null, false, false);
        this.histories = Map.copyOf(histories);
    }

    /**
     * Returns this divergence with the histories recorded up to it.
     *
     * @param recorded each trainer's finite epochs.
     * @return a new exception with the same message.
     */
    public DivergenceException withHistories(Map<String, List<EpochRecord>> recorded) {
        return new DivergenceException(getMessage(), recorded);
    }

    /** @return each trainer's epochs up to the divergence (empty when not recorded). */
    public Map<String, List<EpochRecord>> histories() {
        return histories;
    }
}
