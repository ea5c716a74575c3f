package dev.minibatch.backend;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The CPU threads a run gets: one each for small products, more BLAS threads only for large ones, --threads wins. */
class CpuThreadsTest {
    private static final boolean FROM_ENV = System.getenv("OMP_NUM_THREADS") != null
            || System.getenv("OPENBLAS_NUM_THREADS") != null;

    @Test
    void theDefaultFollowsTheLargestProduct() {
        org.junit.jupiter.api.Assumptions.assumeFalse(FROM_ENV, "the environment sets the threads");
        int cores = Runtime.getRuntime().availableProcessors();
        // the mlp workload: 256 rows through 100 -> 256 -> 256 -> 1; its largest product is 256 x 256 x 256 = 2^24
        double mlp = CpuThreads.largestProduct(256, 100, List.of(256, 256), 1);
        assertEquals(1L << 24, (long) mlp);
        assertEquals(new CpuThreads(1, 1, "default"), CpuThreads.decide(null, mlp));
        // 1,024 rows through a 1,024-wide layer: 2^30 multiply-adds, one BLAS thread per 2^23, up to the cores
        double wide = CpuThreads.largestProduct(1024, 1024, List.of(1024), 1);
        assertEquals(new CpuThreads(1, Math.min(cores, 128), "default"), CpuThreads.decide(null, wide));
        assertEquals(new CpuThreads(3, 3, "--threads"), CpuThreads.decide(3, wide));
    }

    @Test
    void aBenchmarkPropertySetsBothCounts() {
        org.junit.jupiter.api.Assumptions.assumeFalse(FROM_ENV, "the environment sets the threads");
        System.setProperty(CpuThreads.PROPERTY, "2,1");
        try {
            assertEquals(new CpuThreads(2, 1, "-D" + CpuThreads.PROPERTY), CpuThreads.decide(null, 0));
        } finally {
            System.clearProperty(CpuThreads.PROPERTY);
        }
    }
}
