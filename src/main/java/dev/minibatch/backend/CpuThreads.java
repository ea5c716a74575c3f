package dev.minibatch.backend;

import org.nd4j.linalg.factory.Nd4j;

/**
 * The CPU threads of a run's native work: libnd4j's own (its element-wise and reduction loops, whose "master
 * threads" split an op) and OpenBLAS's (inside each matrix product). Left to themselves both start one thread per
 * core and compete for the same cores: on two cores the mlp workload's step ran 2.2× slower (scratch) and 2.6×
 * (DL4J) than with one thread each (docs/PERFORMANCE.md, *Threads*). So by default libnd4j runs one master thread —
 * the ops minibatch's loops call are too small to gain from splitting — and OpenBLAS one thread for products up to
 * {@value #ONE_THREAD_MACS} multiply-adds (the mlp workload's largest, 256 × 256 × 256, was as fast or faster on one
 * thread than on two), and above that one thread per {@value #MACS_PER_THREAD} multiply-adds, up to the cores, so
 * that a machine with many cores splits the products that are large enough to gain. What a user set wins:
 * {@code --threads N} (both N), or {@code OMP_NUM_THREADS} in the environment (ND4J then sets both pools from it
 * and nothing is changed), or {@code OPENBLAS_NUM_THREADS} (OpenBLAS's, with libnd4j's one master thread), or, for
 * benchmarks, {@code -Dminibatch.threads=ND4J,BLAS}.
 *
 * <p>The settings change which thread computes, never the order of a sum: libnd4j's ops and OpenBLAS's kernels
 * give the same bits at any thread count for the shapes minibatch uses (the agreement tests and the NumPy
 * references hold unchanged).
 *
 * @param nd4j libnd4j's master threads, or 0 to leave them.
 * @param blas OpenBLAS's threads, or 0 to leave them.
 * @param source who decided: "default", "--threads", "OMP_NUM_THREADS" or the system property.
 */
public record CpuThreads(int nd4j, int blas, String source) {
    /** The system property that sets both counts, for benchmarks: {@code ND4J,BLAS}. */
    public static final String PROPERTY = "minibatch.threads";
    /** The largest product, in multiply-adds, that OpenBLAS computes on one thread by default (2²⁴). */
    static final long ONE_THREAD_MACS = 1L << 24;
    /** Above that, one BLAS thread per this many multiply-adds of the largest product (2²³). */
    static final long MACS_PER_THREAD = 1L << 23;

    /**
     * Decides the counts for a run.
     *
     * @param asked {@code --threads}, or {@code null}.
     * @param largestProduct the multiply-adds of the run's largest matrix product in a step (batch × inputs ×
     *     outputs of its widest layer); 0 when not known.
     * @return the counts.
     */
    public static CpuThreads decide(Integer asked, double largestProduct) {
        int cores = Runtime.getRuntime().availableProcessors();
        if (asked != null) {
            return new CpuThreads(asked, asked, "--threads");
        }
        String prop = System.getProperty(PROPERTY);
        if (prop != null && prop.matches("\\s*\\d+\\s*,\\s*\\d+\\s*")) {
            String[] p = prop.split(",");
            return new CpuThreads(Integer.parseInt(p[0].strip()), Integer.parseInt(p[1].strip()), "-D" + PROPERTY);
        }
        if (System.getenv("OMP_NUM_THREADS") != null) {
            return new CpuThreads(0, 0, "OMP_NUM_THREADS");      // ND4J reads it for both pools: left as it set them
        }
        String blasEnv = System.getenv("OPENBLAS_NUM_THREADS");  // ND4J would set OpenBLAS's over it: applied here
        if (blasEnv != null && blasEnv.strip().matches("\\d+") && Integer.parseInt(blasEnv.strip()) > 0) {
            return new CpuThreads(1, Integer.parseInt(blasEnv.strip()), "OPENBLAS_NUM_THREADS");
        }
        long blas = largestProduct <= ONE_THREAD_MACS ? 1 : Math.min(cores, (long) Math.ceil(largestProduct
                / MACS_PER_THREAD));
        return new CpuThreads(1, (int) Math.max(1, blas), "default");
    }

    /**
     * The largest matrix product of a step: the batch times the inputs and outputs of the widest layer.
     *
     * @param batch the rows of a batch.
     * @param features the inputs of the first layer.
     * @param widths the units of each hidden layer, in order.
     * @param targets the outputs of the last layer.
     * @return the multiply-adds.
     */
    public static double largestProduct(int batch, int features, java.util.List<Integer> widths, int targets) {
        double most = 0;
        int in = features;
        java.util.List<Integer> outs = new java.util.ArrayList<>(widths);
        outs.add(Math.max(1, targets));
        for (int out : outs) {
            most = Math.max(most, (double) batch * in * out);
            in = out;
        }
        return most;
    }

    /**
     * Applies the counts to the loaded CPU backend (a GPU backend, or counts left to the environment: nothing).
     *
     * @return this.
     */
    public CpuThreads apply() {
        if (nd4j > 0 && Nd4j.getEnvironment().isCPU()) {
            Nd4j.getEnvironment().setMaxMasterThreads(nd4j);
            Nd4j.factory().blas().setMaxThreads(blas);
        }
        return this;
    }

    /**
     * Says the threads in force, for {@code info} and a run's header.
     *
     * @return e.g. "nd4j 1 + BLAS 1 threads (default)".
     */
    public String inForce() {
        if (!Nd4j.getEnvironment().isCPU()) {
            return "the GPU's threads";
        }
        return "nd4j " + Nd4j.getEnvironment().maxMasterThreads() + " + BLAS " + Nd4j.factory().blas().getMaxThreads()
                + " threads (" + (source.equals("default") ? "default" : "from " + source) + ")";
    }
}
