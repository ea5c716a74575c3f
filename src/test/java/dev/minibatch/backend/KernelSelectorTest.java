package dev.minibatch.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minibatch.config.BackendRequest;
import dev.minibatch.config.ConfigException;
import dev.minibatch.config.Kernels;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Every branch of the scratch trainer's kernel choice, with the GPU's answer faked. */
class KernelSelectorTest {
    private static final String NO_DRIVER = "no NVIDIA driver (libcuda.so.1) found; looked in /usr/lib64 and 3"
            + " folders that do not exist here (set MINIBATCH_CUDA_LIBS to the folder that has it)";

    private static Supplier<String> gpu(String problem, AtomicInteger calls) {
        return () -> {
            calls.incrementAndGet();
            return problem;
        };
    }

    @Test
    void autoOnAGpuThatNd4jCannotRunPicksTheCudaKernelsAndSaysWhereEachTrainerRuns() {
        KernelDecision d = KernelSelector.decide(Kernels.AUTO, BackendRequest.AUTO, true,
                gpu(null, new AtomicInteger()));
        assertEquals(Kernels.CUDA, d.kernels());
        assertTrue(d.note().contains("framework trainer (DL4J) runs on ND4J's CPU backend"), d.note());
    }

    @Test
    void autoWithoutAGpuFallsBackToHostWithTheShortReasonRecorded() {
        KernelDecision d = KernelSelector.decide(Kernels.AUTO, BackendRequest.AUTO, true,
                gpu(NO_DRIVER, new AtomicInteger()));
        assertEquals(Kernels.HOST, d.kernels());
        assertEquals("CUDA kernels not used: no NVIDIA driver (libcuda.so.1) found", d.note());
    }

    @Test
    void autoUnderBackendCpuNeverLooksForAGpu() {
        AtomicInteger calls = new AtomicInteger();
        KernelDecision d = KernelSelector.decide(Kernels.AUTO, BackendRequest.CPU, true, gpu(null, calls));
        assertEquals(Kernels.HOST, d.kernels());
        assertNull(d.note());
        assertEquals(0, calls.get());
    }

    @Test
    void autoOnNd4jsCudaBackendKeepsNd4jsKernelsWithoutAProbe() {
        AtomicInteger calls = new AtomicInteger();
        KernelDecision d = KernelSelector.decide(Kernels.AUTO, BackendRequest.AUTO, false, gpu(null, calls));
        assertEquals(Kernels.ND4J, d.kernels());
        assertEquals(0, calls.get());
    }

    @Test
    void autoUnderBackendCudaWithoutAUsableGpuIsExitTwoNamingWhereItLooked() {
        ConfigException e = assertThrows(ConfigException.class, () -> KernelSelector.decide(Kernels.AUTO,
                BackendRequest.CUDA, true, gpu(NO_DRIVER, new AtomicInteger())));
        assertEquals("backend cuda: cannot use the GPU: " + NO_DRIVER, e.getMessage());
    }

    @Test
    void cudaRequestedWithoutAGpuIsExitTwoInOneLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> KernelSelector.decide(Kernels.CUDA,
                BackendRequest.AUTO, true, gpu(NO_DRIVER, new AtomicInteger())));
        assertTrue(e.getMessage().startsWith("kernels cuda: cannot use the GPU: no NVIDIA driver"), e.getMessage());
        assertTrue(e.getMessage().contains("looked in /usr/lib64"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void hostOnNd4jsCudaBackendIsRefusedAndNd4jIsAlwaysTaken() {
        assertThrows(ConfigException.class, () -> KernelSelector.decide(Kernels.HOST, BackendRequest.AUTO,
                false, gpu(null, new AtomicInteger())));
        assertEquals(Kernels.ND4J, KernelSelector.decide(Kernels.ND4J, BackendRequest.CPU, true,
                gpu(null, new AtomicInteger())).kernels());
        assertEquals(Kernels.CUDA, KernelSelector.decide(Kernels.CUDA, BackendRequest.CPU, true,
                gpu(null, new AtomicInteger())).kernels());
    }
}
