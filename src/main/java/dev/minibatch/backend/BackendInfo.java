package dev.minibatch.backend;

import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * A description of the live ND4J backend, read from ND4J itself, with the decision that chose it.
 *
 * @param name {@code CPU} or {@code CUDA}.
 * @param requested what the run asked for: auto, cpu or cuda.
 * @param fallbackReason why CUDA was not used, or {@code null}.
 * @param device the device: the GPU's name, or the CPU's core count.
 * @param backendClass the backend's class name.
 * @param blas the BLAS vendor ND4J reports.
 * @param threads libnd4j's master threads: how many threads one of ND4J's own ops may use ({@link CpuThreads}).
 * @param blasThreads OpenBLAS's threads (on the CPU; the GPU's: 0).
 * @param cores the processors the JVM sees.
 * @param os the operating system and architecture.
 * @param nd4jVersion the ND4J version on the class path.
 * @param gpus the GPUs the driver reported, if it was asked.
 * @param kernels the scratch trainer's kernels and why, or {@code null} when not decided (library use).
 */
public record BackendInfo(String name, String requested, String fallbackReason, String device, String backendClass,
                          String blas, int threads, int blasThreads, int cores, String os, String nd4jVersion,
                          List<GpuInfo> gpus,
                          KernelDecision kernels) {

    /**
     * Reads the backend that is live now; loads ND4J if it is not loaded yet.
     *
     * @param decision the decision that chose it.
     * @return the description.
     */
    public static BackendInfo current(BackendDecision decision) {
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        boolean cpu = Nd4j.getEnvironment().isCPU();
        String blas = String.valueOf(env.getOrDefault("blas.vendor", cpu ? "unknown" : "cuBLAS"));
        int threads = Nd4j.getEnvironment().maxMasterThreads();
        int blasThreads = cpu ? Nd4j.factory().blas().getMaxThreads() : 0;
        int cores = Runtime.getRuntime().availableProcessors();
        String device = !cpu && !decision.gpus().isEmpty() ? decision.gpus().get(0).name() : cores + " CPU cores";
        return new BackendInfo(cpu ? "CPU" : "CUDA", decision.requested().name().toLowerCase(Locale.ROOT),
                decision.fallbackReason(), device, Nd4j.getBackend().getClass().getName(), blas, threads, blasThreads,
                cores,
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), Versions.nd4j(),
                decision.gpus(), decision.kernels());
    }

    /**
     * Returns the description as an ordered map for JSON, with the data type of the run added.
     *
     * @param dtype the data type the run computed in, e.g. DOUBLE, or {@code null} to leave it out.
     * @return the map.
     */
    public Map<String, Object> toMap(String dtype) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        if (dtype != null) {
            m.put("dtype", dtype);
        }
        m.put("requested", requested);
        m.put("fallback_reason", fallbackReason);
        m.put("device", device);
        m.put("backend_class", backendClass);
        m.put("blas", blas);
        m.put("threads", threads);
        m.put("blas_threads", blasThreads);
        m.put("cores", cores);
        m.put("os", os);
        m.put("nd4j_version", nd4jVersion);
        m.put("gpus", gpus.stream().map(GpuInfo::toMap).toList());
        if (kernels != null) {
            m.put("scratch_kernels", kernels.kernels().name().toLowerCase(Locale.ROOT));
            m.put("kernels_note", kernels.note());
        }
        return m;
    }
}
