package dev.minibatch.config;

/**
 * How often a run saves a checkpoint it can be resumed from ({@code training.checkpoint_every},
 * {@code training.checkpoint_keep}).
 *
 * @param every epochs between checkpoints; 0 for none.
 * @param keep how many of each trainer's latest checkpoints to keep, at least 1.
 */
public record CheckpointConfig(int every, int keep) {
    /** No checkpoints. */
    public static final CheckpointConfig NONE = new CheckpointConfig(0, 3);

    /** @return whether the run writes checkpoints. */
    public boolean on() {
        return every > 0;
    }
}
