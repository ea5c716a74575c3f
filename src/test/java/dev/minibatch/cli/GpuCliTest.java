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
}
