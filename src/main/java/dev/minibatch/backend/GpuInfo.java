package dev.minibatch.backend;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One NVIDIA GPU as the driver reports it.
 *
 * @param index the device index.
 * @param name the product name, e.g. {@code NVIDIA H200}.
 * @param computeCapability major.minor, e.g. {@code 9.0}.
 * @param memoryMiB the device memory in MiB.
 * @param driverVersion the driver version.
 * @param cudaVersion the highest CUDA version the driver supports, e.g. {@code 12.4}.
 * @param supported whether nd4j-cuda-11.6's kernels run on this compute capability.
 */
public record GpuInfo(int index, String name, String computeCapability, long memoryMiB, String driverVersion,
                      String cudaVersion, boolean supported) {

    /** @return the GPU as an ordered map for JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", index);
        m.put("name", name);
        m.put("compute_capability", computeCapability);
        m.put("memory_mib", memoryMiB);
        m.put("driver_version", driverVersion);
        m.put("cuda_version", cudaVersion);
        m.put("supported_by_shipped_kernels", supported);
        return m;
    }
}
