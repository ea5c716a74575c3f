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
    private final String trainer;
    private final int epoch;

    /**
     * Constructs the exception with a whole message.
     *
     * @param trainer the trainer that diverged.
     * @param epoch the epoch in which it left the finite range, from 1.
     * @param message one line: the trainer, the epoch, what became NaN or infinite, and a suggestion.
     */
    public DivergenceException(String trainer, int epoch, String message) {
        this(trainer, epoch, message, Map.of());
    }

    /**
     * Constructs the exception with the histories recorded before it.
     *
     * @param trainer the trainer that diverged.
     * @param epoch the epoch in which it left the finite range, from 1.
     * @param message the message.
     * @param histories each trainer that ran, in the order they ran, with its finite epochs (possibly none).
     */
    public DivergenceException(String trainer, int epoch, String message, Map<String, List<EpochRecord>> histories) {
        super(message, null, false, false);
        this.trainer = trainer;
        this.epoch = epoch;
        this.histories = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(histories));
    }

    /**
     * Returns this divergence with the histories recorded up to it.
     *
     * @param recorded each trainer that ran, in order, with its finite epochs.
     * @return a new exception with the same message.
     */
    public DivergenceException withHistories(Map<String, List<EpochRecord>> recorded) {
        return new DivergenceException(trainer, epoch, getMessage(), recorded);
    }

    /**
     * Returns this divergence with more said after its message.
     *
     * @param more what to add, e.g. "; the curve up to the divergence: runs/seed-diverged/report.html".
     * @return a new exception with the longer message and the same histories.
     */
    public DivergenceException withMore(String more) {
        return new DivergenceException(trainer, epoch, getMessage() + more, histories);
    }

    /** @return the trainer that diverged. */
    public String trainer() {
        return trainer;
    }

    /** @return the epoch in which the trainer's numbers left the finite range, from 1. */
    public int epoch() {
        return epoch;
    }

    /** @return each trainer that ran, in order, with its finite epochs (empty when not recorded). */
    public Map<String, List<EpochRecord>> histories() {
        return histories;
    }
}
