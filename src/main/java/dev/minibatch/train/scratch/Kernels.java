package dev.minibatch.train.scratch;

import org.nd4j.linalg.factory.Nd4j;

/**
 * How the scratch trainer carries out a step. HOST and ND4J give the same bits as DL4J on the CPU backend; the
 * agreement tests hold each of them to tolerance 0. CUDA agrees with them to a tolerance (docs/GPU.md).
 */
public enum Kernels {
    /**
     * Every product and element-wise step through ND4J's op executor and BLAS wrapper: runs on any backend (CPU or
     * CUDA), and pays ND4J's fixed cost of 5–20 µs per operation (docs/PERFORMANCE.md).
     */
    ND4J,
    /**
     * CPU backend only: the two products call the OpenBLAS routine that libnd4j itself calls for them, with the
     * arguments libnd4j derives from the same arrays, and the element-wise steps (+b, −y, ÷m, ×lr, θ−∇, the bias
     * column sums) run as Java loops over the arrays' host memory, one correctly rounded operation each, in
     * libnd4j's order. No per-operation overhead.
     */
    HOST,
    /**
     * minibatch's own CUDA kernels ({@code src/main/cuda/kernels.cu}) on GPU 0, through the CUDA driver: for GPUs
     * ND4J's CUDA build cannot run on (Hopper, Blackwell) or a build without it. The training rows stay on the GPU;
     * four launches per step; the same element-wise rounding as HOST, the sums in another order.
     */
    CUDA;

    /**
     * Picks the fastest kernels the running ND4J backend supports, without looking for a GPU.
     *
     * @return {@link #HOST} on the CPU backend, {@link #ND4J} otherwise.
     */
    public static Kernels forBackend() {
        return Nd4j.getEnvironment().isCPU() ? HOST : ND4J;
    }
}
