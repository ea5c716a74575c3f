package dev.minibatch.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the CUDA libraries are looked for, on fake machines laid out in a temporary folder. */
class CudaLibrariesTest {
    @TempDir
    Path root;

    private Path lib(String dir, String name) throws IOException {
        Path d = root.resolve(dir);
        Files.createDirectories(d);
        return Files.writeString(d.resolve(name), "");
    }

    @Test
    void aMachineWithTheDriverAndAPyTorchWheelUsesTheWheelsRuntime() throws IOException {
        Path driver = lib("usr/lib/x86_64-linux-gnu", CudaLibraries.DRIVER);
        Path runtime = lib("usr/local/lib/python3.12/dist-packages/nvidia/cuda_runtime/lib", CudaLibraries.RUNTIME);
        lib("usr/local/lib/python3.12/dist-packages/nvidia/cublas/lib", "libcublas.so.13");
        CudaLibraries found = CudaLibraries.find(Map.of(), List.of(), List.of(root));
        assertTrue(found.complete());
        assertEquals(driver, found.driver());
        assertEquals(runtime, found.runtime());
        assertNull(found.missing());
    }

    /**
     * The last resort: a runtime no rule finds (a wheel under an odd prefix) is where the python3 on the PATH says
     * its PyTorch mapped it from; here a stand-in python3 that prints what the real script prints.
     */
    @Test
    void aRuntimeOnlyPyTorchKnowsIsFoundThroughThePythonOnThePath() throws IOException {
        Path driver = lib("usr/lib/x86_64-linux-gnu", CudaLibraries.DRIVER);
        Path runtime = lib("srv/odd/wheels/nvidia/cuda_runtime/lib", CudaLibraries.RUNTIME);
        CudaLibraries found = CudaLibraries.find(Map.of(), List.of(), List.of(root));
        assertFalse(found.complete());
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path py = Files.writeString(bin.resolve("python3"), "#!/bin/sh\n"
                + "case \"$2\" in *'/proc/self/maps'*) echo '" + runtime.getParent() + "'; echo '"
                + driver.getParent() + "';; esac\n");
        assertTrue(py.toFile().setExecutable(true));
        List<Path> mapped = CudaLibraries.torchFolders(Map.of("PATH", bin.toString()));
        assertEquals(List.of(runtime.getParent(), driver.getParent()), mapped);
        CudaLibraries more = found.alsoIn(mapped);
        assertTrue(more.complete(), more.toString());
        assertEquals(runtime, more.runtime());
        assertEquals(driver, more.driver());
        assertEquals(runtime.getParent(), more.searched().get(more.searched().size() - 1));
        assertEquals(List.of(), CudaLibraries.torchFolders(Map.of("PATH", root.resolve("none").toString())));
    }

    @Test
    void theEnvironmentVariableComesFirstThenTheToolkit() throws IOException {
        lib("usr/local/cuda-13.0/lib64", CudaLibraries.RUNTIME);
        Path mine = lib("opt/mine", CudaLibraries.RUNTIME);
        lib("usr/lib64", CudaLibraries.DRIVER);
        CudaLibraries found = CudaLibraries.find(Map.of("MINIBATCH_CUDA_LIBS", root.resolve("opt/mine").toString()),
                List.of(), List.of(root));
        assertEquals(mine, found.runtime());
        CudaLibraries toolkit = CudaLibraries.find(Map.of(), List.of(), List.of(root));
        assertEquals(root.resolve("usr/local/cuda-13.0/lib64").resolve(CudaLibraries.RUNTIME), toolkit.runtime());
    }

    @Test
    void aVirtualEnvironmentsWheelIsFound() throws IOException {
        lib("usr/lib64", CudaLibraries.DRIVER);
        Path runtime = lib("home/u/venv/lib/python3.11/site-packages/nvidia/cu13/lib", CudaLibraries.RUNTIME);
        CudaLibraries found = CudaLibraries.find(Map.of("VIRTUAL_ENV", "/home/u/venv"), List.of(), List.of(root));
        assertEquals(runtime, found.runtime());
    }

    /**
     * The GPU machine's layout: the driver under /usr/local/nvidia (a container's), PyTorch in a virtual environment
     * under /opt that is on the PATH but not activated (no VIRTUAL_ENV).
     */
    @Test
    void aContainersDriverAndAnUnactivatedVirtualEnvironmentOnThePathAreFound() throws IOException {
        Path driver = lib("usr/local/nvidia/lib64", CudaLibraries.DRIVER);
        lib("opt/venv/bin", "python3");
        Path runtime = lib("opt/venv/lib/python3.12/site-packages/nvidia/cuda_runtime/lib", CudaLibraries.RUNTIME);
        CudaLibraries found = CudaLibraries.find(Map.of("PATH", "/opt/venv/bin:/usr/bin"), List.of(), List.of(root));
        assertEquals(driver, found.driver());
        assertEquals(runtime, found.runtime());
        assertNull(CudaLibraries.find(Map.of("PATH", "/usr/bin"), List.of(), List.of(root)).runtime(),
                "not on the PATH, not searched");
    }

    @Test
    void aLaptopWithoutADriverGetsOneLineNamingWhatIsMissingAndWhereItLooked() throws IOException {
        lib("usr/local/cuda/lib64", CudaLibraries.RUNTIME);
        Files.createDirectories(root.resolve("usr/lib/x86_64-linux-gnu"));
        CudaLibraries found = CudaLibraries.find(Map.of(), List.of(), List.of(root));
        assertFalse(found.complete());
        String line = found.missing();
        assertTrue(line.startsWith("no NVIDIA driver (libcuda.so.1) found; looked in "), line);
        assertTrue(line.contains(root.resolve("usr/lib/x86_64-linux-gnu").toString()), line);
        assertTrue(line.endsWith("(set MINIBATCH_CUDA_LIBS to the folder that has it)"), line);
        assertEquals(1, line.lines().count());
    }

    @Test
    void aDriverWithoutTheCuda13RuntimeSaysWhereTheRuntimeComesFrom() throws IOException {
        lib("usr/lib64", CudaLibraries.DRIVER);
        lib("usr/local/cuda-12.4/lib64", "libcudart.so.12");
        String line = CudaLibraries.find(Map.of(), List.of(), List.of(root)).missing();
        assertTrue(line.startsWith("no CUDA 13 runtime (libcudart.so.13; from a CUDA 13 toolkit or a Python wheel"),
                line);
    }
}
