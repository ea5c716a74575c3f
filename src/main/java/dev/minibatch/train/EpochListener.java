package dev.minibatch.train;

/** Told after every epoch of a trainer, for progress output. */
@FunctionalInterface
public interface EpochListener {
    /** A listener that does nothing. */
    EpochListener NONE = (trainer, record, epochs) -> { };

    /**
     * Returns a listener that tells this one, then another.
     *
     * @param next the other listener.
     * @return both, in order.
     */
    default EpochListener andThen(EpochListener next) {
        return (trainer, record, epochs) -> {
            epochDone(trainer, record, epochs);
            next.epochDone(trainer, record, epochs);
        };
    }

    /**
     * Called once an epoch's record is complete.
     *
     * @param trainer the trainer's name.
     * @param record the epoch's record.
     * @param epochs the total number of epochs of the run.
     */
    void epochDone(String trainer, EpochRecord record, int epochs);
}
