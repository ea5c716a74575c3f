package dev.minibatch.backend;

import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A description of the live ND4J backend, read from ND4J itself.
 *
 * @param name {@code CPU} or {@code CUDA}.
 * @param backendClass the backend's class name.
 * @param blas the BLAS vendor ND4J reports.
 * @param threads the threads ND4J's native operations use.
 * @param cores the processors the JVM sees.
 * @param os the operating system and architecture.
 * @param nd4jVersion the ND4J version on the class path.
 */
public record BackendInfo(String name, String backendClass, String blas, int threads, int cores, String os,
                          String nd4jVersion) {

    /**
     * Reads the backend that is live now; loads ND4J if it is not loaded yet.
     *
     * @return the description.
     */
    public static BackendInfo current() {
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        String name = Nd4j.getEnvironment().isCPU() ? "CPU" : "CUDA";
        String blas = String.valueOf(env.getOrDefault("blas.vendor", "unknown"));
        int threads = Nd4j.getEnvironment().maxMasterThreads();
        Object omp = env.get("omp.threads");
        if (omp != null) {
            try {
                threads = Integer.parseInt(omp.toString());
            } catch (NumberFormatException ignored) {
                // keep the environment's figure
            }
        }
        return new BackendInfo(name, Nd4j.getBackend().getClass().getName(), blas, threads,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                Versions.nd4j());
    }

    /**
     * Returns the description as an ordered map for JSON, with the data type of the run added.
     *
     * @param dtype the data type the run computed in, e.g. DOUBLE.
     * @return the map.
     */
    public Map<String, Object> toMap(String dtype) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("dtype", dtype);
        m.put("backend_class", backendClass);
        m.put("blas", blas);
        m.put("threads", threads);
        m.put("cores", cores);
        m.put("os", os);
        m.put("nd4j_version", nd4jVersion);
        return m;
    }
}
