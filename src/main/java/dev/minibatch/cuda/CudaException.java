package dev.minibatch.cuda;

/** A CUDA call failed, or CUDA cannot be used here; the message names the call and the driver's error. */
public final class CudaException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean outOfMemory;

    /**
     * Constructs the exception.
     *
     * @param message one line: what failed and why.
     */
    public CudaException(String message) {
        this(message, false);
    }

    /**
     * Constructs the exception.
     *
     * @param message one line: what failed and why.
     * @param outOfMemory whether the GPU ran out of memory (the data does not fit), rather than something failing.
     */
    public CudaException(String message, boolean outOfMemory) {
        super(message);
        this.outOfMemory = outOfMemory;
    }

    /** @return whether the GPU ran out of memory. */
    public boolean outOfMemory() {
        return outOfMemory;
    }
}
