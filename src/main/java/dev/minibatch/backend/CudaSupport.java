package dev.minibatch.backend;

import java.util.List;

/**
 * What the CUDA backend minibatch can be built with ({@code org.nd4j:nd4j-cuda-11.6:1.0.0-M2.1}) can run on.
 * Its native library carries machine code (cubins) for sm_37, 50, 52, 60, 61, 70, 75, 80 and 86 and no PTX, so
 * nothing can be JIT-compiled for a newer architecture. A cubin runs on GPUs of the same major version and an
 * equal or higher minor version: Kepler (3.7) through Ampere (8.x) and Ada (8.9) run; Hopper (9.0: H100, H200)
 * and newer do not.
 */
public final class CudaSupport {
    /** The compute capabilities the shipped cubins were built for. */
    public static final List<String> SHIPPED = List.of("3.7", "5.0", "5.2", "6.0", "6.1", "7.0", "7.5", "8.0", "8.6");
    /** The class of ND4J's CUDA backend, present only in the CUDA build. */
    static final String CUDA_BACKEND_CLASS = "org.nd4j.linalg.jcublas.JCublasBackend";

    private CudaSupport() {
    }

    /**
     * Tells whether the shipped kernels run on a compute capability.
     *
     * @param computeCapability major.minor, e.g. {@code 8.9}.
     * @return true if some shipped cubin has the same major and an equal or lower minor version.
     */
    public static boolean supports(String computeCapability) {
        int[] cc = parse(computeCapability);
        if (cc == null) {
            return false;
        }
        for (String s : SHIPPED) {
            int[] k = parse(s);
            if (k[0] == cc[0] && k[1] <= cc[1]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Tells whether this build carries ND4J's CUDA backend (the {@code cuda} Maven profile), without loading it.
     *
     * @return true if the CUDA backend class is on the class path.
     */
    public static boolean inThisBuild() {
        try {
            Class.forName(CUDA_BACKEND_CLASS, false, CudaSupport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static int[] parse(String cc) {
        if (cc == null) {
            return null;
        }
        String[] p = cc.trim().split("\\.");
        try {
            return new int[] {Integer.parseInt(p[0]), p.length > 1 ? Integer.parseInt(p[1]) : 0};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
