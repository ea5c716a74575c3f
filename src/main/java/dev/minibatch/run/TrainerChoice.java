package dev.minibatch.run;

/** Which trainers a run uses. */
public enum TrainerChoice {
    /** Both trainers, and their agreement. */
    BOTH,
    /** The DL4J trainer only. */
    FRAMEWORK,
    /** The hand-written ND4J trainer only. */
    SCRATCH
}
