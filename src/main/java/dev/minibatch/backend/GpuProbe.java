package dev.minibatch.backend;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the NVIDIA driver says about this machine's GPUs, asked through {@code nvidia-smi} without loading any CUDA
 * library (so a machine without a GPU sees no stack trace and no delay).
 *
 * @param problem why no usable GPU list was obtained (no driver, no GPU), or {@code null}.
 * @param gpus the GPUs found; empty when {@code problem} is set.
 */
public record GpuProbe(String problem, List<GpuInfo> gpus) {
    private static final Pattern CUDA_VERSION = Pattern.compile("CUDA Version\\s*:?\\s*([0-9.]+)");
    private static final long TIMEOUT_S = 15;

    /**
     * Asks {@code nvidia-smi}.
     *
     * @return the GPUs, or the problem.
     */
    public static GpuProbe run() {
        String header;
        String csv;
        try {
            header = exec("nvidia-smi");
            csv = exec("nvidia-smi", "--query-gpu=index,name,compute_cap,memory.total,driver_version",
                    "--format=csv,noheader,nounits");
        } catch (IOException e) {
            String why = String.valueOf(e.getMessage()).contains("error=2") ? "nvidia-smi is not on the PATH"
                    : e.getMessage();
            return new GpuProbe("no NVIDIA driver found (" + why + ")", List.of());
        }
        return parse(header, csv);
    }

    /**
     * Parses nvidia-smi's output; separate from {@link #run()} so it can be tested without a GPU.
     *
     * @param header the output of plain {@code nvidia-smi}, which names the driver's CUDA version.
     * @param csv the output of the {@code --query-gpu} call.
     * @return the probe result.
     */
    public static GpuProbe parse(String header, String csv) {
        Matcher m = CUDA_VERSION.matcher(header == null ? "" : header);
        String cuda = m.find() ? m.group(1) : "unknown";
        List<GpuInfo> gpus = new ArrayList<>();
        for (String line : csv.split("\\R")) {
            String[] f = line.split(",\\s*");
            if (f.length < 5) {
                continue;
            }
            long mem;
            try {
                mem = Long.parseLong(f[3].trim());
            } catch (NumberFormatException e) {
                mem = -1;
            }
            String cc = f[2].trim();
            gpus.add(new GpuInfo(Integer.parseInt(f[0].trim()), f[1].trim(), cc, mem, f[4].trim(), cuda,
                    CudaSupport.supports(cc)));
        }
        return gpus.isEmpty() ? new GpuProbe("the NVIDIA driver lists no GPU", List.of()) : new GpuProbe(null, gpus);
    }

    private static String exec(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (InputStream in = p.getInputStream()) {
            String out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command[0] + " did not answer within " + TIMEOUT_S + " s");
            }
            if (p.exitValue() != 0) {
                String first = out.lines().findFirst().orElse("").trim();
                throw new IOException(command[0] + " exited with " + p.exitValue() + ": " + first);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
