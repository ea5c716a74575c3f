package dev.minibatch.cuda;

import static org.bytedeco.cuda.global.cudart.CUDA_ERROR_NO_BINARY_FOR_GPU;
import static org.bytedeco.cuda.global.cudart.CUDA_ERROR_NO_DEVICE;
import static org.bytedeco.cuda.global.cudart.CUDA_ERROR_UNSUPPORTED_PTX_VERSION;
import static org.bytedeco.cuda.global.cudart.CUDA_SUCCESS;
import static org.bytedeco.cuda.global.cudart.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR;
import static org.bytedeco.cuda.global.cudart.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR;
import static org.bytedeco.cuda.global.cudart.CU_JIT_ERROR_LOG_BUFFER;
import static org.bytedeco.cuda.global.cudart.CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.cuda.cudart.CUctx_st;
import org.bytedeco.cuda.cudart.CUevent_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUmod_st;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

/**
 * GPU 0 through the CUDA driver API (JavaCPP's CUDA presets): its primary context, the minibatch kernels' module
 * (the fatbin's machine code for this GPU, or its PTX compiled by the driver for a GPU newer than the fatbin
 * lists), memory, copies and launches on the default stream. One per process ({@link #shared()}).
 */
public final class CudaDevice implements Device {
    /** The kernels' PTX, compiled from {@code src/main/cuda/kernels.cu} by {@code scripts/cuda-ptx}: the readable form. */
    static final String PTX = "/dev/minibatch/cuda/kernels.ptx";
    /** What a GPU loads: the same kernels as SASS for sm_75 … sm_120 plus the PTX above ({@code scripts/cuda-ptx}). */
    static final String FATBIN = "/dev/minibatch/cuda/kernels.fatbin";
    private static CudaDevice shared;
    private static CudaException sharedFailure;

    private final int ordinal;
    private final String description;
    private final CUctx_st context;
    private final CUmod_st module;

    private CudaDevice(int ordinal, String description, CUctx_st context, CUmod_st module) {
        this.ordinal = ordinal;
        this.description = description;
        this.context = context;
        this.module = module;
    }

    /**
     * Opens GPU 0 once per process, and returns it afterwards; a failure is remembered and thrown again.
     *
     * @return the device.
     * @throws CudaException in one line, if the driver or runtime is missing or too old, there is no GPU, or the
     *     driver cannot compile the kernels.
     */
    public static synchronized CudaDevice shared() {
        if (shared == null && sharedFailure == null) {
            try {
                shared = open(CudaLibraries.find(), 0);
            } catch (CudaException e) {
                sharedFailure = e;
            }
        }
        if (sharedFailure != null) {
            throw sharedFailure;
        }
        shared.bind();
        return shared;
    }

    /**
     * Says why the CUDA kernels cannot run here, opening the GPU if that was not tried yet.
     *
     * @return one line naming what is missing and where minibatch looked, or {@code null} when the GPU is usable.
     */
    public static String problem() {
        try {
            shared();
            return null;
        } catch (CudaException e) {
            return e.getMessage();
        }
    }

    /**
     * Says quickly why the CUDA kernels cannot run here, for {@code auto} on every run: a machine with no NVIDIA
     * driver running (a laptop) has no device node, told apart in microseconds; otherwise {@link #problem()}.
     * {@code MINIBATCH_CUDA_LIBS} skips the device-node check (it names a driver explicitly).
     *
     * @return one line, or {@code null} when the GPU is usable.
     */
    public static String quickProblem() {
        if (System.getenv("MINIBATCH_CUDA_LIBS") == null && !CudaLibraries.driverRunning()) {
            return "no NVIDIA driver is running here (no /dev/nvidiactl, nor WSL's /dev/dxg)";
        }
        return problem();
    }

    static CudaDevice open(CudaLibraries libs, int ordinal) {
        String presets = dev.minibatch.backend.Versions.cudaPresets();
        if (!presets.startsWith("13.")) {
            throw new CudaException("this build carries JavaCPP's CUDA " + presets + " presets (the cuda profile's,"
                    + " for ND4J's CUDA backend); minibatch's CUDA kernels need the default build's CUDA 13 presets"
                    + " (use kernels nd4j here)");
        }
        if (!libs.complete()) {
            throw new CudaException(libs.missing());
        }
        try {
            System.load(libs.driver().toString());
            System.load(libs.runtime().toString());
        } catch (UnsatisfiedLinkError e) {
            throw new CudaException("could not load the CUDA libraries found (" + libs.driver() + ", "
                    + libs.runtime() + "): " + firstLine(e.getMessage()));
        }
        try {
            org.bytedeco.javacpp.Loader.load(cudart.class);
        } catch (UnsatisfiedLinkError | ExceptionInInitializerError | NoClassDefFoundError e) {
            throw new CudaException("JavaCPP's CUDA presets could not load with " + libs.runtime() + ": "
                    + firstLine(String.valueOf(e.getMessage())));
        }
        int[] version = new int[1];
        cudart.cuDriverGetVersion(version);
        String driverCuda = version[0] / 1000 + "." + version[0] % 1000 / 10;
        int rc = cudart.cuInit(0);
        if (rc == CUDA_ERROR_NO_DEVICE) {
            throw new CudaException("the NVIDIA driver (" + libs.driver() + ") sees no GPU");
        }
        if (version[0] > 0 && version[0] < 13000) {
            throw new CudaException("the NVIDIA driver supports CUDA " + driverCuda + ", older than the CUDA 13"
                    + " runtime minibatch's kernels need (driver 580 or newer)");
        }
        check(rc, "cuInit");
        int[] count = new int[1];
        check(cudart.cuDeviceGetCount(count), "cuDeviceGetCount");
        if (count[0] <= ordinal) {
            throw new CudaException("the NVIDIA driver sees " + count[0] + " GPUs, not GPU " + ordinal);
        }
        int[] dev = new int[1];
        check(cudart.cuDeviceGet(dev, ordinal), "cuDeviceGet");
        byte[] name = new byte[256];
        check(cudart.cuDeviceGetName(name, name.length, dev[0]), "cuDeviceGetName");
        int[] major = new int[1];
        int[] minor = new int[1];
        check(cudart.cuDeviceGetAttribute(major, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, dev[0]), "attribute");
        check(cudart.cuDeviceGetAttribute(minor, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, dev[0]), "attribute");
        long total;
        try (SizeTPointer bytes = new SizeTPointer(1)) {
            check(cudart.cuDeviceTotalMem(bytes, dev[0]), "cuDeviceTotalMem");
            total = bytes.get();
        }
        CUctx_st ctx = new CUctx_st();
        check(cudart.cuDevicePrimaryCtxRetain(ctx, dev[0]), "cuDevicePrimaryCtxRetain");
        check(cudart.cuCtxSetCurrent(ctx), "cuCtxSetCurrent");
        CUmod_st module = loadModule(driverCuda);
        String description = String.format(Locale.ROOT, "GPU %d: %s (compute capability %d.%d, %.0f GiB; driver"
                + " CUDA %s; runtime %s)", ordinal, cString(name), major[0], minor[0], total / (double) (1L << 30),
                driverCuda, libs.runtime());
        return new CudaDevice(ordinal, description, ctx, module);
    }

    private static CUmod_st loadModule(String driverCuda) {
        byte[] fatbin;
        try (InputStream in = CudaDevice.class.getResourceAsStream(FATBIN)) {
            if (in == null) {
                throw new CudaException("this build has no CUDA kernels (" + FATBIN + " missing from the jar)");
            }
            fatbin = in.readAllBytes();
        } catch (IOException e) {
            throw new CudaException("could not read the CUDA kernels: " + e.getMessage());
        }
        CUmod_st module = new CUmod_st();
        int logSize = 8192;
        try (BytePointer image = new BytePointer(fatbin.length + 1L);
             BytePointer log = new BytePointer(logSize);
             IntPointer options = new IntPointer(CU_JIT_ERROR_LOG_BUFFER, CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES);
             PointerPointer<Pointer> values = new PointerPointer<>(2)) {
            image.put(fatbin, 0, fatbin.length).put(fatbin.length, (byte) 0);
            log.fill(0);
            values.put(0, log);
            values.put(1, new Pointer() {
                {
                    address = logSize;   // a size travels as the pointer's value
                }
            });
            int rc = cudart.cuModuleLoadDataEx(module, image, 2, options, values);
            if (rc == CUDA_ERROR_UNSUPPORTED_PTX_VERSION) {
                throw new CudaException("the NVIDIA driver (CUDA " + driverCuda + ") cannot compile the kernels'"
                        + " PTX, made by CUDA 13.0: update the driver to 580 or newer");
            }
            if (rc == CUDA_ERROR_NO_BINARY_FOR_GPU) {
                throw new CudaException("the kernels have no code this GPU can run (machine code for sm_75 to"
                        + " sm_120 and PTX for compute_75 are shipped): " + wholeLog(log.getString()));
            }
            if (rc != CUDA_SUCCESS) {
                throw new CudaException("the driver could not load the kernels (" + errorName(rc) + "): "
                        + wholeLog(log.getString()));
            }
        }
        return module;
    }

    /**
     * Makes this device's context current on the calling thread, once per thread: every entry point calls it, so that
     * parameters, optimiser state, a restore or a free work from whichever thread calls them (a driver call without
     * a current context fails with CUDA_ERROR_INVALID_CONTEXT).
     */
    private void ensureCurrent() {
        if (!Boolean.TRUE.equals(current.get())) {
            check(cudart.cuCtxSetCurrent(context), "cuCtxSetCurrent");
            current.set(Boolean.TRUE);
        }
    }

    private final ThreadLocal<Boolean> current = new ThreadLocal<>();

    @Override
    public long alloc(long bytes) {
        ensureCurrent();
        long[] address = new long[1];
        int rc = cudart.cuMemAlloc(address, bytes);
        if (rc != CUDA_SUCCESS) {
            throw new CudaException(String.format(Locale.ROOT, "could not allocate %.1f MiB on %s: %s (the"
                    + " training rows live on the GPU: use float, fewer rows, or kernels host)", bytes / 1048576.0,
                    description, errorName(rc)), rc == cudart.CUDA_ERROR_OUT_OF_MEMORY);
        }
        check(cudart.cuMemsetD8(address[0], (byte) 0, bytes), "cuMemsetD8");
        return address[0];
    }

    @Override
    public void free(long address) {
        if (address != 0) {
            ensureCurrent();
            check(cudart.cuMemFree(address), "cuMemFree");
        }
    }

    @Override
    public void upload(long dst, Pointer src, long bytes) {
        ensureCurrent();
        check(cudart.cuMemcpyHtoD(dst, src, bytes), "cuMemcpyHtoD");
    }

    /** {@inheritDoc} A CUDA event recorded on the default stream. */
    @Override
    public Object mark() {
        ensureCurrent();
        CUevent_st event = new CUevent_st();
        check(cudart.cuEventCreate(event, 0), "cuEventCreate");
        int rc = cudart.cuEventRecord(event, (CUstream_st) null);
        if (rc != CUDA_SUCCESS) {
            cudart.cuEventDestroy(event);          // the recording's error is the one to report
            check(rc, "cuEventRecord");
        }
        return event;
    }

    /** {@inheritDoc} Between two CUDA events (the driver's resolution: about half a microsecond). */
    @Override
    public double secondsSince(Object mark) {
        ensureCurrent();
        CUevent_st start = (CUevent_st) mark;
        CUevent_st end = new CUevent_st();
        boolean measured = false;
        try {
            check(cudart.cuEventCreate(end, 0), "cuEventCreate");
            check(cudart.cuEventRecord(end, (CUstream_st) null), "cuEventRecord");
            check(cudart.cuEventSynchronize(end), "cuEventSynchronize (or a kernel before it)");
            float[] ms = new float[1];
            check(cudart.cuEventElapsedTime(ms, start, end), "cuEventElapsedTime");
            measured = true;
            return ms[0] / 1e3;
        } finally {
            // both events go whatever happened; after a failure the first error is the one reported
            int a = cudart.cuEventDestroy(start);
            int b = end.isNull() ? CUDA_SUCCESS : cudart.cuEventDestroy(end);
            if (measured) {
                check(a, "cuEventDestroy");
                check(b, "cuEventDestroy");
            }
        }
    }

    @Override
    public void download(Pointer dst, long src, long bytes) {
        ensureCurrent();
        check(cudart.cuMemcpyDtoH(dst, src, bytes), "cuMemcpyDtoH (or a kernel before it)");
    }

    @Override
    public Object kernel(String name) {
        ensureCurrent();
        CUfunc_st f = new CUfunc_st();
        check(cudart.cuModuleGetFunction(f, module, name), "cuModuleGetFunction " + name);
        return f;
    }

    @Override
    public void launch(Object kernel, int gridX, int gridY, int gridZ, int blockX, int blockY, KernelArgs args) {
        ensureCurrent();
        check(cudart.cuLaunchKernel((CUfunc_st) kernel, gridX, gridY, gridZ, blockX, blockY, 1, 0, null,
                args.pointers(), null), "cuLaunchKernel");
    }

    @Override
    public void bind() {
        check(cudart.cuCtxSetCurrent(context), "cuCtxSetCurrent");
        current.set(Boolean.TRUE);
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public long memoryInUse() {
        ensureCurrent();
        try (SizeTPointer free = new SizeTPointer(1); SizeTPointer total = new SizeTPointer(1)) {
            check(cudart.cuMemGetInfo(free, total), "cuMemGetInfo");
            return total.get() - free.get();
        }
    }

    /** The shared device stays open until the process ends; closing it is a no-op. */
    @Override
    public void close() {
    }

    /** @return the GPU's ordinal. */
    public int ordinal() {
        return ordinal;
    }

    private static void check(int rc, String call) {
        if (rc != CUDA_SUCCESS) {
            throw new CudaException(call + " failed: " + errorName(rc));
        }
    }

    private static String errorName(int rc) {
        try (BytePointer name = new BytePointer((Pointer) null); BytePointer text = new BytePointer((Pointer) null)) {
            String n = cudart.cuGetErrorName(rc, name) == CUDA_SUCCESS && !name.isNull() ? name.getString() : "error";
            String t = cudart.cuGetErrorString(rc, text) == CUDA_SUCCESS && !text.isNull() ? text.getString() : "";
            return n + " (" + rc + (t.isEmpty() ? "" : ", " + t) + ")";
        }
    }

    private static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String firstLine(String s) {
        if (s == null || s.isBlank()) {
            return "(no message)";
        }
        return s.strip().lines().findFirst().orElse("");
    }

    /** The driver's JIT log whole (its first line rarely names the cause), on one line. */
    private static String wholeLog(String s) {
        if (s == null || s.isBlank()) {
            return "(no message)";
        }
        return String.join(" | ", s.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
    }
}
