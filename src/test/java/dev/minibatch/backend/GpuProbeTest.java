package dev.minibatch.backend;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GpuProbeTest {

    @Test
    void parsesEveryGpuAndTheDriversCudaVersion() {
        GpuProbe p = GpuProbe.parse("Driver Version: 535.104.05   CUDA Version: 12.2",
                "0, NVIDIA GeForce RTX 3090, 8.6, 24576, 535.104.05\n1, Tesla K80, 3.7, 11441, 535.104.05\n");
        assertNull(p.problem());
        assertEquals(2, p.gpus().size());
        GpuInfo g = p.gpus().get(0);
        assertEquals("NVIDIA GeForce RTX 3090", g.name());
        assertEquals("8.6", g.computeCapability());
        assertEquals(24576, g.memoryMiB());
        assertEquals("12.2", g.cudaVersion());
        assertTrue(g.supported());
        assertTrue(p.gpus().get(1).supported());
    }

    @Test
    void noRowsMeansNoGpu() {
        GpuProbe p = GpuProbe.parse("", "");
        assertTrue(p.problem().contains("no GPU"));
    }

    @Test
    void shippedKernelsCoverKeplerToAdaButNotHopper() {
        for (String cc : new String[] {"3.7", "5.0", "5.3", "6.1", "7.0", "7.2", "7.5", "8.0", "8.6", "8.7", "8.9"}) {
            assertTrue(CudaSupport.supports(cc), cc);
        }
        for (String cc : new String[] {"3.0", "3.5", "9.0", "10.0", "12.0", "", "x"}) {
            assertFalse(CudaSupport.supports(cc), cc);
        }
    }

    @Test
    void theCpuBuildHasNoCudaBackend() {
        assertFalse(CudaSupport.inThisBuild());
    }
}
