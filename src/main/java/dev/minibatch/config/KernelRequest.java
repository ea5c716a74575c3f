package dev.minibatch.config;

/** Which kernels the scratch trainer asks for ({@code kernels:} in a config, {@code --kernels} on the command line). */
public enum KernelRequest {
    /**
     * ND4J's kernels when ND4J runs on the GPU; otherwise minibatch's CUDA kernels when a GPU is usable; otherwise
     * the HOST kernels, with the reason the GPU was not used recorded.
     */
    AUTO,
    /** Java loops and OpenBLAS on ND4J's CPU backend: bit-identical to DL4J there. */
    HOST,
    /** ND4J's op executor, on whichever backend runs. */
    ND4J,
    /** minibatch's CUDA kernels on GPU 0, or exit code 2 naming what is missing. */
    CUDA
}
