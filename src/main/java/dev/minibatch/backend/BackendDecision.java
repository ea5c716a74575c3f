package dev.minibatch.backend;

import dev.minibatch.config.BackendRequest;

import java.util.List;

/**
 * Which ND4J backend a run uses and why, decided before ND4J loads.
 *
 * @param requested what the run asked for.
 * @param backend {@code CPU} or {@code CUDA}.
 * @param fallbackReason why CUDA was not used, in one line; {@code null} when CUDA runs or was not asked for.
 * @param refusal why the requested CUDA backend cannot run (the run must stop with exit code 2); or {@code null}.
 * @param gpus the GPUs the driver reported (empty when none or not probed).
 */
public record BackendDecision(BackendRequest requested, String backend, String fallbackReason, String refusal,
                              List<GpuInfo> gpus) {

    /**
     * The decision for a program that uses minibatch as a library on the CPU backend (the default build).
     *
     * @return CPU, asked for, no fallback and no GPU probed.
     */
    public static BackendDecision cpu() {
        return new BackendDecision(BackendRequest.CPU, "CPU", null, null, List.of());
    }

    /** @return whether CUDA was chosen. */
    public boolean cuda() {
        return "CUDA".equals(backend);
    }

    /**
     * Returns the decision with CUDA replaced by CPU after ND4J itself failed to start CUDA.
     *
     * @param reason what ND4J's failure means for the user.
     * @return the CPU decision for auto, or a refusal for cuda.
     */
    public BackendDecision cudaFailedToStart(String reason) {
        if (requested == BackendRequest.CUDA) {
            return new BackendDecision(requested, "CPU", null, reason, gpus);
        }
        return new BackendDecision(requested, "CPU", reason, null, gpus);
    }
}
