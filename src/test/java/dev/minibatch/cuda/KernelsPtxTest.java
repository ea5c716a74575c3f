package dev.minibatch.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The PTX the jar carries is what {@code scripts/cuda-ptx} makes of {@code src/main/cuda/kernels.cu} today (so the
 * kernels the tests emulate are the kernels a GPU runs), and it has every kernel the CUDA step launches.
 */
class KernelsPtxTest {
    private static String committed() throws IOException {
        try (InputStream in = KernelsPtxTest.class.getResourceAsStream(CudaDevice.PTX)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void thePtxHasEveryKernelForBothTypesAndTargetsCompute75() throws IOException {
        String ptx = committed();
        assertTrue(ptx.contains(".target sm_75"), "PTX for compute_75");
        for (String k : new String[] {"forward", "batch_loss", "grad_partial", "update"}) {
            for (String t : new String[] {"f32", "f64"}) {
                assertTrue(ptx.contains(".entry " + k + "_" + t + "("), k + "_" + t);
            }
        }
    }

    @Test
    void theCommittedPtxIsTheSourcesCompiledOutput() throws Exception {
        Path nvcc = null;
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(d, "nvcc");
            if (Files.isExecutable(p)) {
                nvcc = p;
                break;
            }
        }
        assumeTrue(nvcc != null, "nvcc (a CUDA 13 toolkit) is needed to compile the kernels");
        Process v = new ProcessBuilder(nvcc.toString(), "--version").redirectErrorStream(true).start();
        String version = new String(v.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        v.waitFor(60, TimeUnit.SECONDS);
        String release = version.lines().filter(l -> l.startsWith("Cuda compilation tools")).findFirst().orElse("?");
        // another toolkit writes other PTX for the same source: compare only with the one that made the file
        assumeTrue(committed().contains("// " + release), "the PTX was made by another nvcc than " + release);
        Process p = new ProcessBuilder("scripts/cuda-ptx", "--stdout").redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String fresh = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "scripts/cuda-ptx failed");
        assertEquals(committed(), fresh, "src/main/cuda/kernels.cu changed: run scripts/cuda-ptx and commit the PTX");
    }
}
