package dev.minibatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minibatch.cuda.FakeDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line with the CUDA kernels, end to end, on the fake driver (a machine without a GPU): auto picks the
 * GPU and records where each trainer ran; the report says so; info names the GPU.
 */
class GpuCliTest {
    @TempDir
    Path dir;

    @Test
    void autoTrainsOnTheGpuAndTheResultsSayWhereEachTrainerRan() throws Exception {
        Path driver = FakeDriver.folder();
        assumeTrue(driver != null, "g++ and a CUDA 13 runtime (libcudart.so.13) are needed for the fake driver");
        Map<String, String> env = Map.of("MINIBATCH_CUDA_LIBS", driver.toString());
        Path cfg = Files.writeString(dir.resolve("g.yaml"), """
                name: g
                data:
                  n_samples: 400
                  n_features: 3
                  noise: 5.0
                training:
                  epochs: 5
                  batch_size: 40
                  dtype: float
                """);
        Path out = dir.resolve("run");
        Process p = ChildJvm.start(env, List.of(), "train", cfg.toString(), "--out", out.toString());
        String text = ChildJvm.output(p);
        assertEquals(0, ChildJvm.exitCode(p), text);
        assertTrue(text.contains("scratch trainer on GPU 0 (CUDA kernels)"), text);
        JsonNode r = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertEquals("cuda", r.get("backend").get("scratch_kernels").asText());
        assertEquals("CPU", r.get("trainers").get("framework").get("device").asText());
        assertTrue(r.get("trainers").get("scratch").get("device").asText().startsWith("GPU 0: minibatch fake driver"));
        assertTrue(r.get("agreement").get("agree").asBoolean(), r.get("agreement").toString());
        assertTrue(r.get("agreement").get("tolerance").asDouble() > 0, "the GPU tolerance, not the configured 0");
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains("GPU: the scratch trainer ran minibatch's CUDA kernels (GPU 0: minibatch fake"
                + " driver"), report);

        Process info = ChildJvm.start(env, List.of(), "info");
        String infoText = ChildJvm.output(info);
        assertEquals(0, ChildJvm.exitCode(info), infoText);
        assertTrue(infoText.contains("CUDA kernels   usable on GPU 0: minibatch fake driver"), infoText);
        assertTrue(infoText.contains("scratch        CUDA kernels"), infoText);
    }

    /**
     * bench on the "GPU" reports the kernels' time on the device's clock (CUDA events, here the fake driver's) apart
     * from the host's work per epoch, and the CPU's rows leave it out.
     */
    @Test
    void benchOnTheGpuReportsKernelTimeApartFromTheHostsWork() throws Exception {
        Path driver = FakeDriver.folder();
        assumeTrue(driver != null, "g++ and a CUDA 13 runtime (libcudart.so.13) are needed for the fake driver");
        Map<String, String> env = Map.of("MINIBATCH_CUDA_LIBS", driver.toString());
        for (String kernels : List.of("cuda", "host")) {
            Process p = ChildJvm.start(env, List.of(), "bench", "--workload", "seed", "--trainer", "scratch",
                    "--kernels", kernels, "--reps", "3", "--epochs", "4", "--warmup-seconds", "0");
            String text = ChildJvm.output(p);
            assertEquals(0, ChildJvm.exitCode(p), text);
            JsonNode row = new ObjectMapper().readTree(text.lines().filter(l -> l.startsWith("{")).findFirst()
                    .orElseThrow());
            if (kernels.equals("host")) {
                assertTrue(row.path("kernel_us_per_step").isMissingNode(), row.toString());
                continue;
            }
            double kernel = row.get("kernel_us_per_step").asDouble();
            assertTrue(kernel > 0 && kernel < row.get("us_per_step").asDouble(), row.toString());
        }
    }

    @Test
    void aGpuTooSmallForTheDataIsExitFourInOneLineAndWritesNothing() throws Exception {
        Path out = dir.resolve("small");
        String text = seedOnTheFakeGpu("MINIBATCH_FAKE_GPU_BYTES", "4096", out, 4);
        String line = text.lines().filter(l -> l.startsWith("minibatch: GPU out of memory: could not allocate"))
                .findFirst().orElse("");
        assertTrue(line.contains("on GPU 0: minibatch fake driver") && line.contains("use float, fewer rows, or"
                + " kernels host"), text);
        assertTrue(!text.contains("\tat "), "no stack trace: " + text);
        assertTrue(!Files.exists(out), "nothing written");
    }

    @Test
    void aDriverOlderThanCuda13IsNamedWithItsVersion() throws Exception {
        Path out = dir.resolve("old");
        String text = seedOnTheFakeGpu("MINIBATCH_FAKE_DRIVER_CUDA", "12040", out, 2);
        assertTrue(text.contains("minibatch: error: kernels cuda: cannot use the GPU: the NVIDIA driver supports"
                + " CUDA 12.4, older than the CUDA 13 runtime minibatch's kernels need (driver 580 or newer)"), text);
        assertTrue(!Files.exists(out), "nothing written");
    }

    /** Trains the seed config with --kernels cuda on the fake driver, one of its variables set; checks the exit. */
    private static String seedOnTheFakeGpu(String variable, String value, Path out, int exit) throws Exception {
        Path driver = FakeDriver.folder();
        assumeTrue(driver != null, "g++ and a CUDA 13 runtime (libcudart.so.13) are needed for the fake driver");
        Process p = ChildJvm.start(Map.of("MINIBATCH_CUDA_LIBS", driver.toString(), variable, value), List.of(),
                "train", "configs/seed.yaml", "--kernels", "cuda", "--out", out.toString());
        String text = ChildJvm.output(p);
        assertEquals(exit, ChildJvm.exitCode(p), text);
        return text;
    }
}
