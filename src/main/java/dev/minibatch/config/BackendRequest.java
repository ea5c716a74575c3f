package dev.minibatch.config;

/** Which ND4J backend a run asks for. */
public enum BackendRequest {
    /** CUDA when this build has it and the GPU can run it, otherwise CPU, with the reason recorded. */
    AUTO,
    /** The CPU backend; CUDA is never probed. */
    CPU,
    /** The CUDA backend, or exit code 2 with the reason it cannot run. */
    CUDA
}
