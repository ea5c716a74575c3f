package dev.minibatch.cli;

/** The process exit codes of every command. */
public final class ExitCodes {
    private ExitCodes() {
    }

    /** Success; for train, the trainers also agree. */
    public static final int OK = 0;
    /** Training finished but the two trainers disagree beyond the tolerance. */
    public static final int DISAGREE = 1;
    /** Bad input: a config file, flag or data file; nothing was written. */
    public static final int BAD_INPUT = 2;
    /** Training diverged (the loss became NaN or infinite); nothing was written. */
    public static final int DIVERGED = 3;
    /**
     * The run did not fit in memory: the heap (the message says how large the run was and to set MINIBATCH_HEAP),
     * or the GPU's memory with the CUDA kernels.
     */
    public static final int OUT_OF_MEMORY = 4;
    /** An internal error: a bug (the stack trace is printed), or a GPU failure (one line from the driver). */
    public static final int INTERNAL = 70;
}
