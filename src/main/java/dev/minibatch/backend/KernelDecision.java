package dev.minibatch.backend;

import dev.minibatch.config.Kernels;

/**
 * Which kernels the scratch trainer runs with and why, decided after ND4J loaded ({@link KernelSelector}).
 *
 * @param requested what the run asked for.
 * @param kernels HOST, ND4J or CUDA; never AUTO.
 * @param note why auto did not pick the GPU, or what runs where; {@code null} when there is nothing to add.
 */
public record KernelDecision(Kernels requested, Kernels kernels, String note) {

    /** @return whether the scratch trainer runs minibatch's CUDA kernels. */
    public boolean cuda() {
        return kernels == Kernels.CUDA;
    }
}
