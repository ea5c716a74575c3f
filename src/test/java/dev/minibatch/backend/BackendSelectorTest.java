package dev.minibatch.backend;

import dev.minibatch.config.BackendRequest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every branch of the backend choice, with the driver's answers faked: no GPU is needed. */
class BackendSelectorTest {
    private static final String SMI_HEADER = "| NVIDIA-SMI 550.54.15   Driver Version: 550.54.15   CUDA Version: 12.4 |";
    private static final GpuProbe AMPERE = GpuProbe.parse(SMI_HEADER, "0, NVIDIA A100-SXM4-80GB, 8.0, 81920, 550.54.15");
    private static final GpuProbe ADA = GpuProbe.parse(SMI_HEADER, "0, NVIDIA L4, 8.9, 23034, 550.54.15");
    private static final GpuProbe HOPPER = GpuProbe.parse(SMI_HEADER, "0, NVIDIA H200, 9.0, 143771, 550.54.15");
    private static final GpuProbe NO_DRIVER = new GpuProbe("no NVIDIA driver found (nvidia-smi is not available)",
            List.of());

    private static Supplier<GpuProbe> counting(GpuProbe p, AtomicInteger calls) {
        return () -> {
            calls.incrementAndGet();
            return p;
        };
    }

    @Test
    void cpuNeverProbesTheDriver() {
        AtomicInteger calls = new AtomicInteger();
        BackendDecision d = BackendSelector.decide(BackendRequest.CPU, true, counting(AMPERE, calls));
        assertEquals("CPU", d.backend());
        assertNull(d.fallbackReason());
        assertNull(d.refusal());
        assertEquals(0, calls.get());
    }

    @Test
    void autoUsesCudaOnASupportedGpu() {
        for (GpuProbe p : List.of(AMPERE, ADA)) {
            BackendDecision d = BackendSelector.decide(BackendRequest.AUTO, true, () -> p);
            assertEquals("CUDA", d.backend(), p.gpus().get(0).name());
            assertNull(d.fallbackReason());
        }
    }

    @Test
    void autoFallsBackWithTheReasonWhenTheBuildHasNoCudaAndDoesNotProbe() {
        AtomicInteger calls = new AtomicInteger();
        BackendDecision d = BackendSelector.decide(BackendRequest.AUTO, false, counting(AMPERE, calls));
        assertEquals("CPU", d.backend());
        assertEquals(BackendSelector.NO_CUDA_BUILD, d.fallbackReason());
        assertEquals(0, calls.get());
    }

    @Test
    void autoFallsBackWithTheReasonWithoutADriver() {
        BackendDecision d = BackendSelector.decide(BackendRequest.AUTO, true, () -> NO_DRIVER);
        assertEquals("CPU", d.backend());
        assertTrue(d.fallbackReason().contains("no NVIDIA driver"), d.fallbackReason());
        assertNull(d.refusal());
    }

    @Test
    void autoFallsBackOnHopperNamingTheComputeCapability() {
        BackendDecision d = BackendSelector.decide(BackendRequest.AUTO, true, () -> HOPPER);
        assertEquals("CPU", d.backend());
        assertTrue(d.fallbackReason().contains("NVIDIA H200, compute capability 9.0"), d.fallbackReason());
        assertTrue(d.fallbackReason().contains("not Hopper"), d.fallbackReason());
        assertEquals(1, d.gpus().size());
    }

    @Test
    void cudaIsRefusedWithTheReasonWhereItCannotRun() {
        assertTrue(BackendSelector.decide(BackendRequest.CUDA, false, () -> AMPERE).refusal()
                .contains("only the CPU backend"));
        assertTrue(BackendSelector.decide(BackendRequest.CUDA, true, () -> NO_DRIVER).refusal()
                .contains("no NVIDIA driver"));
        assertTrue(BackendSelector.decide(BackendRequest.CUDA, true, () -> HOPPER).refusal()
                .contains("compute capability 9.0"));
        assertEquals("CUDA", BackendSelector.decide(BackendRequest.CUDA, true, () -> AMPERE).backend());
    }

    @Test
    void aCudaStartFailureFallsBackForAutoAndRefusesForCuda() {
        BackendDecision auto = BackendSelector.decide(BackendRequest.AUTO, true, () -> AMPERE)
                .cudaFailedToStart("runtime missing");
        assertEquals("CPU", auto.backend());
        assertEquals("runtime missing", auto.fallbackReason());
        BackendDecision cuda = BackendSelector.decide(BackendRequest.CUDA, true, () -> AMPERE)
                .cudaFailedToStart("runtime missing");
        assertEquals("runtime missing", cuda.refusal());
    }
}
