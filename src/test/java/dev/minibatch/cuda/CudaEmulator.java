package dev.minibatch.cuda;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Pointer;

/**
 * A {@link Device} that runs minibatch's CUDA kernels on the host: {@code src/main/cuda/kernels.cu}, unchanged,
 * compiled with g++ together with {@code src/test/cuda/emulator.cpp}, which runs each CUDA thread as a fiber with
 * real barriers and warp shuffles. Device memory is host memory. So the whole CUDA path (the trainer's buffers,
 * launch arguments, grids and the kernels' arithmetic) is tested on a machine without a GPU; only the GPU's own
 * summation timing and the driver's PTX compilation are not.
 */
public final class CudaEmulator implements Device {
    private static Function launch;
    private final Map<Long, Pointer> allocations = new HashMap<>();
    private final Map<Long, Long> sizes = new HashMap<>();
    private long inUse;

    private CudaEmulator() {
    }

    /**
     * Builds the emulator library once per test JVM.
     *
     * @return the emulator, or {@code null} when g++ is not on this machine (the tests that need it are skipped).
     * @throws IllegalStateException if g++ is there but the build fails.
     */
    public static synchronized CudaEmulator open() {
        if (launch == null) {
            Path lib = Path.of("target", "cuda-emulator", "libkernels-emulator.so").toAbsolutePath();
            if (!build(lib)) {
                return null;
            }
            launch = NativeLibrary.getInstance(lib.toString()).getFunction("emu_launch");
        }
        return new CudaEmulator();
    }

    private static boolean build(Path lib) {
        try {
            Files.createDirectories(lib.getParent());
            Process p = new ProcessBuilder("g++", "-O2", "-std=c++17", "-ffp-contract=off", "-shared", "-fPIC",
                    "-I", Path.of("src", "main", "cuda").toAbsolutePath().toString(), "-o", lib.toString(),
                    Path.of("src", "test", "cuda", "emulator.cpp").toAbsolutePath().toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("g++ could not build the CUDA emulator:\n" + out);
            }
            return true;
        } catch (IOException e) {
            return false;   // no g++
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Host memory named by its address. */
    private static final class At extends Pointer {
        At(long address) {
            this.address = address;
        }
    }

    @Override
    public long alloc(long bytes) {
        Pointer p = Pointer.calloc(1, bytes);
        allocations.put(p.address(), p);
        sizes.put(p.address(), bytes);
        inUse += bytes;
        return p.address();
    }

    @Override
    public void free(long address) {
        Pointer p = allocations.remove(address);
        if (p != null) {
            Pointer.free(p);
            inUse -= sizes.remove(address);
        }
    }

    @Override
    public void upload(long dst, Pointer src, long bytes) {
        Pointer.memcpy(new At(dst), src, bytes);
    }

    @Override
    public void download(Pointer dst, long src, long bytes) {
        Pointer.memcpy(dst, new At(src), bytes);
    }

    @Override
    public Object kernel(String name) {
        return name;
    }

    @Override
    public void launch(Object kernel, int gridX, int gridY, int gridZ, int blockX, int blockY, KernelArgs args) {
        int rc = launch.invokeInt(new Object[] {kernel, gridX, gridY, gridZ, blockX, blockY, 1,
                new com.sun.jna.Pointer(args.pointers().address())});
        if (rc != 0) {
            throw new CudaException("emulated launch of " + kernel + " failed: " + rc);
        }
    }

    @Override
    public void bind() {
    }

    @Override
    public String description() {
        return "CUDA kernels emulated on the host";
    }

    @Override
    public long memoryInUse() {
        return inUse;
    }

    @Override
    public void close() {
        allocations.values().forEach(Pointer::free);
        allocations.clear();
    }
}
