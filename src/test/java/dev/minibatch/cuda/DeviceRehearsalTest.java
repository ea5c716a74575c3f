package dev.minibatch.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The dry run of the first GPU session: {@code scripts/rehearse-device} runs the device calls docs/GPU.md documents,
 * as written, on a bare root laid out like the lent machine with the fake driver, and this test holds it to what the
 * session needs (every call fits what a call carries and exits 0, gpu-check finishes with at most 8 files, the GPU's
 * seed run equals the kit's host build of the kernels). Tagged {@code rehearsal}: building the kit and running the
 * emulated kernels take about 12 minutes, so CI leaves it out; run it with
 * {@code ./mvnw test -Dgroups=rehearsal -Dminibatch.excludedGroups=}.
 */
@Tag("rehearsal")
class DeviceRehearsalTest {
    @Test
    void theDocumentedDeviceCallsRunOnABareMachineWithTheFakeDriver() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root: chroot and a mount namespace");
        Path logFile = Files.createDirectories(Path.of("target")).resolve("rehearse-device.log");
        Process p = new ProcessBuilder("scripts/rehearse-device").redirectErrorStream(true)
                .redirectOutput(logFile.toFile()).start();
        boolean ended = p.waitFor(40, TimeUnit.MINUTES);
        if (!ended) {
            p.destroyForcibly();
        }
        String log = Files.readString(logFile, StandardCharsets.UTF_8);
        assertTrue(ended, "still running after 40 minutes: " + log);
        assertEquals(0, p.exitValue(), log);
        Path out = Path.of("target", "rehearsal", "out", "gpu");
        assertEquals("done", Files.readString(out.resolve("STATUS")).strip(), log);
        String summary = Files.readString(out.resolve("summary.txt"));
        assertTrue(summary.contains("scratch on GPU 0: minibatch fake driver"), summary);
        assertTrue(summary.contains("kernels on the host (every epoch): max |dtheta| 0 (0 expected)"), summary);
        assertTrue(summary.contains("rules: 18 of 18 agree"), summary);
        assertTrue(summary.contains("in the kernels)"), "the bench's kernel time: " + summary);
    }
}
