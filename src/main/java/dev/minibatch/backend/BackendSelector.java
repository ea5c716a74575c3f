package dev.minibatch.backend;

import dev.minibatch.config.BackendRequest;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decides the backend from the request, whether this build carries CUDA, and what the driver reports. Pure logic:
 * the probe is passed in, so every branch is testable on a machine without a GPU.
 */
public final class BackendSelector {
    /** The one-line reason given when this build has no CUDA backend. */
    public static final String NO_CUDA_BUILD = "this build has only the CPU backend (build with"
            + " './mvnw -Pcuda package' for CUDA)";

    private BackendSelector() {
    }

    /**
     * Decides.
     *
     * @param request auto, cpu or cuda.
     * @param cudaInBuild whether the CUDA backend is on the class path.
     * @param probe asks the driver; called only when CUDA is in the build and not excluded by the request.
     * @return the decision.
     */
    public static BackendDecision decide(BackendRequest request, boolean cudaInBuild, Supplier<GpuProbe> probe) {
        if (request == BackendRequest.CPU) {
            return new BackendDecision(request, "CPU", null, null, List.of());
        }
        String why;
        List<GpuInfo> gpus = List.of();
        if (!cudaInBuild) {
            why = NO_CUDA_BUILD;
        } else {
            GpuProbe p = probe.get();
            gpus = p.gpus();
            why = p.problem() != null ? p.problem() : unsupported(gpus).orElse(null);
        }
        if (why == null) {
            return new BackendDecision(request, "CUDA", null, null, gpus);
        }
        return request == BackendRequest.CUDA
                ? new BackendDecision(request, "CPU", null, "cannot use CUDA: " + why, gpus)
                : new BackendDecision(request, "CPU", why, null, gpus);
    }

    /** ND4J uses device 0 by default; it must be one the shipped kernels support. */
    private static Optional<String> unsupported(List<GpuInfo> gpus) {
        GpuInfo g = gpus.get(0);
        if (g.supported()) {
            return Optional.empty();
        }
        return Optional.of("GPU " + g.index() + " (" + g.name() + ", compute capability " + g.computeCapability()
                + ") is not supported by nd4j-cuda-11.6 1.0.0-M2.1, which ships kernels for sm_37 to sm_86 and no"
                + " PTX (Kepler to Ampere and Ada; not Hopper or newer)");
    }
}
