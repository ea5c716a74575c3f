package dev.minibatch.cli;

import dev.minibatch.backend.BackendDecision;
import dev.minibatch.backend.BackendSelector;
import dev.minibatch.backend.CudaSupport;
import dev.minibatch.backend.GpuProbe;
import dev.minibatch.backend.KernelSelector;
import dev.minibatch.config.BackendRequest;
import dev.minibatch.config.Kernels;
import dev.minibatch.cuda.CudaDevice;
import dev.minibatch.config.ConfigException;
import dev.minibatch.config.Setting;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one place that chooses the ND4J backend, before ND4J loads.
 *
 * <p>ND4J picks its backend by priorities it reads from the environment variables {@code BACKEND_PRIORITY_CPU}
 * and {@code BACKEND_PRIORITY_GPU} when it first loads, and a JVM cannot change its own environment. So when the
 * CUDA build must run on the CPU (asked for, or CUDA cannot run here) and the environment does not already rank
 * the CPU first, the command is run again in a child JVM with {@code BACKEND_PRIORITY_GPU=-1}: ND4J then never
 * probes CUDA, and a machine without a GPU sees no CUDA stack trace. The CPU-only build never needs this.
 */
final class BackendStartup {
    private static final String GPU_PRIORITY = "BACKEND_PRIORITY_GPU";
    private static final String CPU_PRIORITY = "BACKEND_PRIORITY_CPU";
    private static final String RELAUNCHED = "MINIBATCH_RELAUNCHED";

    private BackendStartup() {
    }

    /**
     * The outcome: either a decision with ND4J loaded accordingly, or the exit code of a child JVM that ran the
     * command instead.
     *
     * @param decision the backend decision, or {@code null} when the command ran in a child.
     * @param childExitCode the child's exit code, meaningful when {@code decision} is null.
     */
    record Started(BackendDecision decision, int childExitCode) {
        boolean ranInChild() {
            return decision == null;
        }
    }

    /**
     * Decides the backend, arranges ND4J's priorities, loads ND4J and checks it loaded what was decided.
     *
     * @param request auto, cpu or cuda.
     * @param kernels the scratch trainer's kernels, decided once ND4J has loaded; {@code null} for a command that
     *     does not train.
     * @param verbose whether to show what ND4J printed if CUDA failed to start.
     * @param spec the running command, whose original arguments a child JVM repeats.
     * @return the decision, or the child's exit code.
     * @throws ConfigException if cuda was requested and cannot run (exit code 2).
     */
    static Started start(BackendRequest request, Kernels kernels, boolean verbose,
                         CommandLine.Model.CommandSpec spec) {
        boolean cudaInBuild = CudaSupport.inThisBuild();
        BackendDecision d = BackendSelector.decide(request, cudaInBuild, GpuProbe::run);
        if (d.refusal() != null && kernels != null && kernels != Kernels.HOST && kernels != Kernels.ND4J) {
            String why = CudaDevice.problem();
            if (why == null) {
                d = d.servedByCudaKernels();   // backend cuda, no ND4J CUDA here: minibatch's kernels take the GPU
            } else {
                throw new ConfigException("backend cuda: ND4J cannot use CUDA (" + d.refusal().replaceFirst(
                        "^cannot use CUDA: ", "") + "), and minibatch's CUDA kernels cannot either: " + why);
            }
        }
        refuseIf(d);
        if (!d.cuda() && cudaInBuild && !cpuRankedFirst() && System.getenv(RELAUNCHED) == null) {
            return new Started(null, relaunchOnCpu(spec));
        }
        boolean loadedCpu = d.cuda() ? loadNd4jCapturingStderr(verbose) : Nd4j.getEnvironment().isCPU();
        if (d.cuda() && loadedCpu) {
            d = d.cudaFailedToStart("ND4J could not start its CUDA backend (driver or CUDA 11.6 runtime libraries"
                    + " missing? build with -Pcuda,cuda-redist to bundle the runtime; --verbose shows ND4J's"
                    + " reason)");
            refuseIf(d);
        }
        // no oversubscription (docs/PERFORMANCE.md); a training command refines it for its shapes and --threads
        dev.minibatch.backend.CpuThreads.decide(null, 0).apply();
        if (kernels != null) {
            // asked for the GPU: the full search, which names where it looked; auto: the quick check first
            boolean asked = kernels == Kernels.CUDA || request == BackendRequest.CUDA;
            d = d.withKernels(KernelSelector.decide(kernels, request, Nd4j.getEnvironment().isCPU(),
                    asked ? CudaDevice::problem : CudaDevice::quickProblem));
        }
        return new Started(d, 0);
    }

    /**
     * Loads ND4J while holding back what it prints to stderr: when its CUDA backend fails to start, ND4J prints
     * the UnsatisfiedLinkError's stack trace itself before falling back to the CPU. That trace is replayed only
     * when CUDA did start (so nothing is lost) or when verbose; otherwise minibatch's one-line reason replaces it.
     *
     * @return whether ND4J loaded its CPU backend.
     */
    private static boolean loadNd4jCapturingStderr(boolean verbose) {
        PrintStream original = System.err;
        ByteArrayOutputStream held = new ByteArrayOutputStream();
        boolean cpu;
        try (PrintStream capture = new PrintStream(held, true, StandardCharsets.UTF_8)) {
            System.setErr(capture);
            cpu = Nd4j.getEnvironment().isCPU();
        } finally {
            System.setErr(original);
        }
        if (!cpu || verbose) {
            original.print(held.toString(StandardCharsets.UTF_8));
        }
        return cpu;
    }

    /**
     * Parses a {@code --backend} flag value.
     *
     * @param value auto, cpu or cuda.
     * @return the request.
     * @throws ConfigException for any other value.
     */
    static BackendRequest request(String value) {
        return Setting.flag(BackendRequest.class, "--backend", value);
    }

    private static void refuseIf(BackendDecision d) {
        if (d.refusal() != null) {
            throw new ConfigException("backend " + d.requested().name().toLowerCase(Locale.ROOT) + ": "
                    + d.refusal());
        }
    }

    private static boolean cpuRankedFirst() {
        return priority(GPU_PRIORITY, 100) < priority(CPU_PRIORITY, 0);
    }

    private static int priority(String name, int fallback) {
        String v = System.getenv(name);
        try {
            return v == null || v.isBlank() ? fallback : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static int relaunchOnCpu(CommandLine.Model.CommandSpec spec) {
        return Relaunch.run(spec, options -> options, java.util.Map.of(GPU_PRIORITY, "-1", RELAUNCHED, "1"));
    }
}
