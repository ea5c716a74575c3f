package dev.minibatch.cuda;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Builds {@code src/test/cuda/fake_driver.cpp} (with the kernels' host build) as a {@code libcuda.so.1} in
 * {@code target/fake-driver/}: pointed to by {@code MINIBATCH_CUDA_LIBS}, it lets the real {@link CudaDevice} —
 * JavaCPP's CUDA presets and every argument they pass — run on a machine without a GPU.
 */
public final class FakeDriver {
    private static Path built;

    private FakeDriver() {
    }

    /**
     * Builds the fake driver once per test JVM.
     *
     * @return its folder, or {@code null} where it cannot run: no g++, or no CUDA 13 runtime
     *     ({@code libcudart.so.13}, which JavaCPP's JNI library links) on this machine.
     * @throws IllegalStateException if g++ is there but the build fails.
     */
    public static synchronized Path folder() {
        if (built != null) {
            return built;
        }
        if (CudaLibraries.find(Map.of(), List.of(), List.of(Path.of("/"))).runtime() == null
                && CudaLibraries.find().runtime() == null) {
            return null;
        }
        Path dir = Path.of("target", "fake-driver").toAbsolutePath();
        try {
            Files.createDirectories(dir);
            Process p = new ProcessBuilder("g++", "-O2", "-std=c++17", "-ffp-contract=off", "-shared", "-fPIC",
                    "-Wl,-soname," + CudaLibraries.DRIVER, "-I", Path.of("src", "main", "cuda").toAbsolutePath()
                    .toString(), "-o", dir.resolve(CudaLibraries.DRIVER).toString(),
                    Path.of("src", "test", "cuda", "fake_driver.cpp").toAbsolutePath().toString(),
                    Path.of("src", "test", "cuda", "emulator.cpp").toAbsolutePath().toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("g++ could not build the fake driver:\n" + out);
            }
        } catch (IOException e) {
            return null;   // no g++
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        built = dir;
        return dir;
    }
}
