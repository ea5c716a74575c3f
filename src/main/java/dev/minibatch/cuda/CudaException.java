package dev.minibatch.cuda;

/** A CUDA call failed, or CUDA cannot be used here; the message names the call and the driver's error. */
public final class CudaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Constructs the exception.
     *
     * @param message one line: what failed and why.
     */
    public CudaException(String message) {
        super(message);
    }
}
