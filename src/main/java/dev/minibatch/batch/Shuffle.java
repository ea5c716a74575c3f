package dev.minibatch.batch;

/** How the training rows are ordered at the start of each epoch. */
public enum Shuffle {
    /**
     * {@code RandomState.permutation(m)} once per epoch, continuing the NumPy stream that drew the initial
     * parameters, exactly as the tutorial does with {@code np.random.seed(42)}.
     */
    NUMPY,
    /** A Fisher–Yates shuffle per epoch from a Java {@link java.util.SplittableRandom} seeded with shuffle_seed. */
    SEEDED,
    /** The rows in their stored order every epoch; only for debugging. */
    NONE
}
