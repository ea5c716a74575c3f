package dev.minibatch.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Finds the two libraries the CUDA kernel set loads: the NVIDIA driver ({@code libcuda.so.1}) and the CUDA 13 runtime
 * ({@code libcudart.so.13}), which JavaCPP's CUDA presets link against. The kernels themselves are a fatbin (machine
 * code and PTX), so no cuBLAS or NVRTC is needed.
 *
 * <p>Folders are searched in this order: {@code $MINIBATCH_CUDA_LIBS} (colon-separated), {@code $LD_LIBRARY_PATH},
 * the dynamic loader's cache ({@code ldconfig -p}), the system's library folders (with WSL's), {@code
 * /usr/local/cuda*}, and the {@code nvidia/*}{@code /lib} folders of Python wheels (PyTorch's bring a CUDA runtime)
 * under the usual site-packages folders, {@code $VIRTUAL_ENV}, {@code $CONDA_PREFIX} and the prefix of every
 * {@code python3} on the {@code PATH}. The first folder holding a library wins. When one is still missing, the
 * {@code python3} on the {@code PATH} is asked, once, which folders a working PyTorch maps its CUDA libraries from
 * (the last folders of {@code searched}).
 *
 * @param driver the driver library found, or {@code null}.
 * @param runtime the runtime library found, or {@code null}.
 * @param searched every folder looked in, in order.
 */
public record CudaLibraries(Path driver, Path runtime, List<Path> searched) {
    /** The driver's library, installed with the NVIDIA driver. */
    public static final String DRIVER = "libcuda.so.1";
    /** The CUDA runtime the presets (13.1-9.19-1.5.13) were built against. */
    public static final String RUNTIME = "libcudart.so.13";

    /**
     * Looks on this machine.
     *
     * @return what was found.
     */
    public static CudaLibraries find() {
        CudaLibraries found = find(System.getenv(), ldconfigFolders(), List.of(Path.of("/")));
        // the last resort only where a driver runs: without one PyTorch cannot help
        return found.complete() || !driverRunning() ? found : found.alsoIn(torchFoldersOnce());
    }

    /**
     * Whether an NVIDIA driver runs here, by its device node ({@code /dev/nvidiactl}, or WSL's {@code /dev/dxg}):
     * told apart in microseconds, before any library is searched or loaded.
     *
     * @return whether the node exists.
     */
    public static boolean driverRunning() {
        return Files.exists(Path.of("/dev/nvidiactl")) || Files.exists(Path.of("/dev/dxg"));
    }

    private static List<Path> torchFolders;

    /** {@link #torchFolders} once per process: importing PyTorch takes seconds. */
    private static synchronized List<Path> torchFoldersOnce() {
        if (torchFolders == null) {
            torchFolders = torchFolders(System.getenv());
        }
        return torchFolders;
    }

    /**
     * Adds folders to look in after the others.
     *
     * @param more the folders.
     * @return what the search finds with them.
     */
    CudaLibraries alsoIn(List<Path> more) {
        List<Path> all = new ArrayList<>(searched);
        more.stream().filter(p -> !all.contains(p)).forEach(all::add);
        return new CudaLibraries(driver != null ? driver : first(all, DRIVER),
                runtime != null ? runtime : first(all, RUNTIME), List.copyOf(all));
    }

    /** Loads PyTorch and CUDA, then prints the folders of the CUDA libraries the process mapped. */
    static final String TORCH_MAPS = String.join("\n",
            "import os",
            "try:",
            "    import torch",
            "    torch.zeros(1).cuda()",
            "except Exception:",
            "    pass",
            "for line in open('/proc/self/maps'):",
            "    p = line.split()[-1]",
            "    if '/libcudart.so' in p or '/libcuda.so' in p:",
            "        print(os.path.dirname(p))");

    /**
     * Asks the {@code python3} on the {@code PATH} where a working PyTorch maps the CUDA libraries from: the last
     * resort, for a wheel in a place no rule above covers. At most 60 s (importing PyTorch takes seconds).
     *
     * @param env the environment (its {@code PATH}).
     * @return the folders, or none when there is no python3, no PyTorch or no CUDA.
     */
    static List<Path> torchFolders(Map<String, String> env) {
        String path = env.get("PATH");
        if (path == null) {
            return List.of();
        }
        for (String bin : path.split(":")) {
            if (bin.isBlank()) {
                continue;                            // not the current folder's python3
            }
            Path py = Path.of(bin, "python3");
            if (!Files.isExecutable(py)) {
                continue;
            }
            Path out = null;
            try {
                out = Files.createTempFile("minibatch-torch", ".txt");
                Process p = new ProcessBuilder(py.toString(), "-c", TORCH_MAPS).redirectOutput(out.toFile())
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                p.getOutputStream().close();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {     // a hung import costs a minute, not the run
                    p.destroyForcibly();
                    return List.of();
                }
                return Files.readAllLines(out).stream().map(String::strip).filter(l -> l.startsWith("/"))
                        .map(Path::of).distinct().toList();
            } catch (IOException e) {
                return List.of();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            } finally {
                if (out != null) {
                    try {
                        Files.deleteIfExists(out);
                    } catch (IOException ignored) {
                        // a temporary file of a few lines
                    }
                }
            }
        }
        return List.of();
    }

    /**
     * Looks in the folders the environment and a list of roots give; separate from {@link #find()} so that tests can
     * lay out fake machines.
     *
     * @param env the environment variables.
     * @param loaderCache the folders the loader's cache names.
     * @param roots the file system roots to look under (the real machine has one: /).
     * @return what was found.
     */
    static CudaLibraries find(Map<String, String> env, List<Path> loaderCache, List<Path> roots) {
        Set<Path> dirs = new LinkedHashSet<>();
        addPathList(dirs, env.get("MINIBATCH_CUDA_LIBS"));
        addPathList(dirs, env.get("LD_LIBRARY_PATH"));
        dirs.addAll(loaderCache);
        for (Path root : roots) {
            // a GPU container's driver (NVIDIA's container toolkit mounts it under /usr/local/nvidia)
            for (String d : List.of("usr/lib/x86_64-linux-gnu", "usr/lib64", "usr/lib", "usr/lib/wsl/lib",
                    "usr/local/nvidia/lib64", "usr/local/nvidia/lib")) {
                dirs.add(root.resolve(d));
            }
            for (Path cuda : glob(root.resolve("usr/local"), "cuda*")) {
                dirs.add(cuda.resolve("lib64"));
                dirs.add(cuda.resolve("lib"));
                dirs.add(cuda.resolve("targets/x86_64-linux/lib"));
            }
            List<Path> sites = new ArrayList<>();
            for (String base : List.of("usr/local/lib", "usr/lib", "opt/conda/lib")) {
                for (Path py : glob(root.resolve(base), "python3*")) {
                    sites.add(py.resolve("site-packages"));
                    sites.add(py.resolve("dist-packages"));
                }
            }
            String home = env.get("HOME");
            List<String> prefixes = new ArrayList<>(java.util.Arrays.asList(env.get("VIRTUAL_ENV"),
                    env.get("CONDA_PREFIX"), home == null ? null : home + "/.local"));
            // the python3 on the PATH, activated or not: its prefix is the folder above its bin/ (a virtual
            // environment's own, e.g. /opt/venv, whose site-packages hold a PyTorch wheel's CUDA runtime)
            String path = env.get("PATH");
            if (path != null) {
                for (String bin : path.split(":")) {
                    if (!bin.isBlank() && Files.exists(root.resolve(stripRoot(bin)).resolve("python3"))
                            && Path.of(bin).getParent() != null) {
                        prefixes.add(Path.of(bin).getParent().toString());
                    }
                }
            }
            for (String prefix : prefixes) {
                if (prefix != null && !prefix.isBlank()) {
                    for (Path py : glob(root.resolve(stripRoot(prefix)).resolve("lib"), "python3*")) {
                        sites.add(py.resolve("site-packages"));
                    }
                }
            }
            for (Path site : sites) {
                for (Path pkg : glob(site.resolve("nvidia"), "*")) {
                    dirs.add(pkg.resolve("lib"));
                }
            }
        }
        List<Path> searched = List.copyOf(dirs);
        return new CudaLibraries(first(searched, DRIVER), first(searched, RUNTIME), searched);
    }

    /** @return whether both libraries were found. */
    public boolean complete() {
        return driver != null && runtime != null;
    }

    /**
     * Says what is missing, in one line, naming where minibatch looked.
     *
     * @return the line, or {@code null} when both were found.
     */
    public String missing() {
        if (complete()) {
            return null;
        }
        String what = driver == null && runtime == null ? "no NVIDIA driver (" + DRIVER + ") and no CUDA 13 runtime ("
                + RUNTIME + ")" : driver == null ? "no NVIDIA driver (" + DRIVER + ")"
                : "no CUDA 13 runtime (" + RUNTIME + "; from a CUDA 13 toolkit or a Python wheel such as PyTorch's)";
        return what + " found; looked in " + shortList() + " (set MINIBATCH_CUDA_LIBS to the folder that has it)";
    }

    /** The folders that exist, then how many others were looked at. */
    private String shortList() {
        List<String> existing = new ArrayList<>();
        int others = 0;
        for (Path p : searched) {
            if (Files.isDirectory(p)) {
                existing.add(p.toString());
            } else {
                others++;
            }
        }
        String s = existing.isEmpty() ? "no existing folder" : String.join(", ", existing);
        return s + (others > 0 ? " and " + others + (others == 1 ? " folder" : " folders") + " that do not exist here" : "");
    }

    private static Path first(List<Path> dirs, String name) {
        for (Path d : dirs) {
            Path f = d.resolve(name);
            if (Files.isRegularFile(f) || Files.isSymbolicLink(f) && Files.exists(f)) {
                return f.toAbsolutePath().normalize();
            }
        }
        return null;
    }

    private static void addPathList(Set<Path> dirs, String list) {
        if (list == null) {
            return;
        }
        for (String s : list.split(":")) {
            if (!s.isBlank()) {
                dirs.add(Path.of(s.strip()));
            }
        }
    }

    private static String stripRoot(String absolute) {
        return absolute.replaceFirst("^/+", "");
    }

    private static List<Path> glob(Path dir, String pattern) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, pattern)) {
            for (Path p : ds) {
                if (Files.isDirectory(p)) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            return out;
        }
        out.sort(null);
        return out;
    }

    /** The folders of {@code ldconfig -p}'s entries for the two libraries; empty if it cannot run. */
    private static List<Path> ldconfigFolders() {
        List<Path> out = new ArrayList<>();
        for (String exe : List.of("/sbin/ldconfig", "/usr/sbin/ldconfig")) {
            if (!Files.isExecutable(Path.of(exe))) {
                continue;
            }
            try {
                Process p = new ProcessBuilder(exe, "-p").redirectErrorStream(true).start();
                String text;
                try (InputStream in = p.getInputStream()) {
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return out;
                }
                for (String line : text.split("\\R")) {
                    String l = line.strip();
                    if ((l.startsWith(DRIVER + " ") || l.startsWith(RUNTIME + " ")) && l.contains("=> ")) {
                        Path lib = Path.of(l.substring(l.indexOf("=> ") + 3).strip());
                        if (lib.getParent() != null && !out.contains(lib.getParent())) {
                            out.add(lib.getParent());
                        }
                    }
                }
                return out;
            } catch (IOException e) {
                return out;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return out;
            }
        }
        return out;
    }
}
