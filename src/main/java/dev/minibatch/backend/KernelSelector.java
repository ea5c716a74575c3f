package dev.minibatch.backend;

import dev.minibatch.config.BackendRequest;
import dev.minibatch.config.ConfigException;
import dev.minibatch.config.Kernels;
import java.util.function.Supplier;

/**
 * Decides the scratch trainer's kernels from the request, the backend request and the ND4J backend that loaded.
 * Pure logic: whether a GPU is usable for the CUDA kernels is passed in, so every branch is testable without one.
 */
public final class KernelSelector {
    private KernelSelector() {
    }

    /**
     * Decides.
     *
     * @param request auto, host, nd4j or cuda.
     * @param backend what the run asked of the ND4J backend: under {@code cuda}, auto must find a GPU.
     * @param nd4jOnCpu whether ND4J loaded its CPU backend.
     * @param cudaProblem why minibatch's CUDA kernels cannot run here ({@code null} if they can); asked only when
     *     needed.
     * @return the decision.
     * @throws ConfigException (exit code 2) if the request cannot be met.
     */
    public static KernelDecision decide(Kernels request, BackendRequest backend, boolean nd4jOnCpu,
                                        Supplier<String> cudaProblem) {
        switch (request) {
            case HOST:
                if (!nd4jOnCpu) {
                    throw new ConfigException("kernels host: needs ND4J's CPU backend, and ND4J runs on CUDA here"
                            + " (use --backend cpu, or kernels nd4j)");
                }
                return new KernelDecision(request, Kernels.HOST, null);
            case ND4J:
                return new KernelDecision(request, Kernels.ND4J, null);
            case CUDA: {
                String why = cudaProblem.get();
                if (why != null) {
                    throw new ConfigException("kernels cuda: cannot use the GPU: " + why);
                }
                return new KernelDecision(request, Kernels.CUDA, gpuNote(nd4jOnCpu));
            }
            default:
                if (!nd4jOnCpu) {
                    return new KernelDecision(request, Kernels.ND4J, null);
                }
                if (backend == BackendRequest.CPU) {
                    return new KernelDecision(request, Kernels.HOST, null);
                }
                String why = cudaProblem.get();
                if (why == null) {
                    return new KernelDecision(request, Kernels.CUDA, gpuNote(true));
                }
                if (backend == BackendRequest.CUDA) {
                    throw new ConfigException("backend cuda: cannot use the GPU: " + why);
                }
                return new KernelDecision(request, Kernels.HOST, "CUDA kernels not used: " + brief(why));
        }
    }

    /** The reason without the list of folders looked in (that is for an explicit request's error). */
    static String brief(String why) {
        return why.replaceFirst("; looked in .*$", "");
    }

    private static String gpuNote(boolean nd4jOnCpu) {
        return nd4jOnCpu ? "the scratch trainer runs minibatch's CUDA kernels on the GPU; the framework trainer"
                + " (DL4J) runs on ND4J's CPU backend" : null;
    }
}
