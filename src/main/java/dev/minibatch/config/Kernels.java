package dev.minibatch.config;

/**
 * The scratch trainer's kernel sets ({@code kernels:} in a config, {@code --kernels} on the command line): how each
 * of its steps is carried out. HOST and ND4J give the same bits as DL4J on the CPU backend; the agreement tests hold
 * each of them to tolerance 0. CUDA agrees with them to a tolerance (docs/GPU.md). {@code train.scratch.KernelSet}
 * opens the implementation of each.
 */
public enum Kernels {
    /**
     * A request, not a kernel set: ND4J's kernels when ND4J runs on the GPU; otherwise minibatch's CUDA kernels when
     * a GPU is usable; otherwise the HOST kernels, with the reason the GPU was not used recorded.
     */
    AUTO,
    /**
     * CPU backend only: the two products call the OpenBLAS routine that libnd4j itself calls for them, with the
     * arguments libnd4j derives from the same arrays, and the element-wise steps (+b, −y, ÷m, ×lr, θ−∇, the bias
     * column sums) run as Java loops over the arrays' host memory, one correctly rounded operation each, in
     * libnd4j's order. No per-operation overhead.
     */
    HOST,
    /**
     * Every product and element-wise step through ND4J's op executor and BLAS wrapper: runs on any backend (CPU or
     * CUDA), and pays ND4J's fixed cost of 5–20 µs per operation (docs/PERFORMANCE.md).
     */
    ND4J,
    /**
     * minibatch's own CUDA kernels ({@code src/main/cuda/kernels.cu}) on GPU 0, through the CUDA driver: for GPUs
     * ND4J's CUDA build cannot run on (Hopper, Blackwell) or a build without it; exit code 2 naming what is missing
     * where no GPU is usable. The training rows stay on the GPU; four launches per step; the same element-wise
     * rounding as HOST, the sums in another order.
     */
    CUDA
}
