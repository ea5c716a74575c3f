package dev.minibatch.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PTX and the fatbin the jar carries are what {@code scripts/cuda-ptx} makes of {@code src/main/cuda/kernels.cu}
 * today (so the kernels the tests emulate are the kernels a GPU runs), the PTX has every kernel the CUDA step
 * launches, and the fatbin has machine code for every current GPU architecture beside that PTX.
 */
class KernelsPtxTest {
    @TempDir
    Path tmp;

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

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = KernelsPtxTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    /**
     * Reads the fatbin's table of contents (its 16-byte header, then one entry header per image: kind 1 PTX, 2
     * machine code, and the architecture) and checks it lists SASS for sm_75 … sm_120 and the compute_75 PTX.
     */
    @Test
    void theFatbinHasMachineCodeForEveryCurrentArchitectureAndThePtx() throws IOException {
        ByteBuffer b = ByteBuffer.wrap(resource(CudaDevice.FATBIN)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xBA55ED50, b.getInt(0), "fatbin magic");
        int headerSize = Short.toUnsignedInt(b.getShort(6));
        long end = headerSize + b.getLong(8);
        assertEquals(b.capacity(), end, "the fatbin's size field");
        List<String> images = new ArrayList<>();
        for (int off = headerSize; off < end; ) {
            int kind = Short.toUnsignedInt(b.getShort(off));
            int entryHeader = b.getInt(off + 4);
            int padded = b.getInt(off + 8);
            int sm = b.getInt(off + 28);
            images.add((kind == 1 ? "ptx " : kind == 2 ? "sass " : "kind" + kind + " ") + sm);
            off += entryHeader + padded;
        }
        assertEquals(List.of("ptx 75", "sass 75", "sass 80", "sass 86", "sass 89", "sass 90", "sass 100", "sass 120"),
                images);
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
        Path into = Files.createTempDirectory(tmp, "kernels");
        Process p = new ProcessBuilder("scripts/cuda-ptx", "--into", into.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "scripts/cuda-ptx failed");
        assertEquals(committed(), Files.readString(into.resolve("kernels.ptx")),
                "src/main/cuda/kernels.cu changed: run scripts/cuda-ptx and commit the PTX and the fatbin");
        assertArrayEquals(resource(CudaDevice.FATBIN), Files.readAllBytes(into.resolve("kernels.fatbin")),
                "the fatbin is not the source's compiled output: run scripts/cuda-ptx and commit it");
    }
}
