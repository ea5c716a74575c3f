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
 * @param kernels the scratch trainer's kernels, decided once ND4J loaded; {@code null} before, and for library use
 *     (the scratch trainer's default kernels).
 */
public record BackendDecision(BackendRequest requested, String backend, String fallbackReason, String refusal,
                              List<GpuInfo> gpus, KernelDecision kernels) {

    /**
     * A decision before the kernels are decided.
     *
     * @param requested what the run asked for.
     * @param backend CPU or CUDA.
     * @param fallbackReason why CUDA was not used, or {@code null}.
     * @param refusal why the requested CUDA backend cannot run, or {@code null}.
     * @param gpus the GPUs the driver reported.
     */
    public BackendDecision(BackendRequest requested, String backend, String fallbackReason, String refusal,
                           List<GpuInfo> gpus) {
        this(requested, backend, fallbackReason, refusal, gpus, null);
    }

    /**
     * Returns the decision with the scratch trainer's kernels added.
     *
     * @param k the kernel decision.
     * @return the new decision.
     */
    public BackendDecision withKernels(KernelDecision k) {
        return new BackendDecision(requested, backend, fallbackReason, refusal, gpus, k);
    }

    /**
     * Returns the decision for a {@code cuda} request that ND4J cannot serve but minibatch's CUDA kernels can: ND4J
     * (so the framework trainer) on the CPU, with the reason recorded, and no refusal.
     *
     * @return the new decision.
     */
    public BackendDecision servedByCudaKernels() {
        String why = refusal == null ? fallbackReason : refusal.replaceFirst("^cannot use CUDA: ", "");
        return new BackendDecision(requested, "CPU", "ND4J's CUDA backend cannot run here (" + why + "), so the"
                + " framework trainer runs on the CPU", null, gpus, kernels);
    }

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
