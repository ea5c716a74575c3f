package dev.minibatch.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.minibatch.backend.BackendDecision;
import dev.minibatch.backend.BackendInfo;
import dev.minibatch.backend.CudaSupport;
import dev.minibatch.backend.GpuInfo;
import dev.minibatch.backend.GpuProbe;
import dev.minibatch.backend.Versions;
import dev.minibatch.config.Kernels;
import dev.minibatch.cuda.CudaDevice;
import dev.minibatch.cuda.CudaLibraries;
import dev.minibatch.config.BackendRequest;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code minibatch info}: versions, the backend in use and why, the GPUs, BLAS, threads and data types. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show versions, the ND4J backend in use (and why CUDA was skipped), the GPUs the driver"
                + " reports and whether the shipped CUDA kernels support them, BLAS, threads and data types.")
final class InfoCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--backend", paramLabel = "WHICH", defaultValue = "auto",
            description = "auto, cpu or cuda (default: ${DEFAULT-VALUE}).")
    private String backend;

    @Option(names = "--json", description = "Print the same as JSON.")
    private boolean json;

    @ArgGroup(exclusive = true)
    private Verbosity verbosity = new Verbosity();

    @Override
    public Integer call() throws JsonProcessingException {
        Logging.configure(verbosity.verbose);
        BackendRequest request = BackendStartup.request(backend);
        BackendStartup.Started started = BackendStartup.start(request, Kernels.AUTO, verbosity.verbose, spec);
        if (started.ranInChild()) {
            return started.childExitCode();
        }
        BackendDecision d = started.decision();
        List<GpuInfo> gpus = d.gpus().isEmpty() && request != BackendRequest.CPU ? GpuProbe.run().gpus() : d.gpus();
        BackendInfo b = BackendInfo.current(new BackendDecision(d.requested(), d.backend(), d.fallbackReason(),
                null, gpus, d.kernels()));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(tree(b)));
            return ExitCodes.OK;
        }
        out.printf("minibatch      %s%n", Versions.minibatch());
        out.printf("DL4J/ND4J      %s (JavaCPP %s, OpenBLAS %s)%n", Versions.nd4j(), Versions.javacpp(),
                Versions.openblas());
        out.printf("Java           %s (%s, %s)%n", System.getProperty("java.version"), System.getProperty("java.vm.name"),
                System.getProperty("java.home"));
        CudaLibraries libs = CudaLibraries.find();
        out.printf("CUDA libraries %s%n", libs.complete() ? libs.driver() + ", " + libs.runtime() : libs.missing());
        String gpuProblem = CudaDevice.problem();
        out.printf("CUDA kernels   %s%n", gpuProblem == null ? "usable on " + CudaDevice.shared().description()
                : "not usable: " + gpuProblem.replaceFirst("; looked in .*$", ""));
        out.printf("backend        %s (requested %s; %s)%n", b.name(), b.requested(), b.backendClass());
        if (b.fallbackReason() != null) {
            out.printf("ND4J on CUDA   skipped: %s%n", b.fallbackReason());
        }
        out.printf("CUDA in build  %s%n", CudaSupport.inThisBuild() ? "yes (nd4j-cuda-11.6; kernels for compute capabilities "
                + String.join(", ", CudaSupport.SHIPPED) + ")" : "no (CPU-only build)");
        for (GpuInfo g : gpus) {
            out.printf("GPU %d          %s, compute capability %s, %d MiB, driver %s, CUDA %s; %s%n", g.index(),
                    g.name(), g.computeCapability(), g.memoryMiB(), g.driverVersion(), g.cudaVersion(),
                    g.supported() ? "supported by the shipped kernels" : "NOT supported by the shipped kernels");
        }
        out.printf("device         %s%n", b.device());
        out.printf("BLAS           %s%n", b.blas());
        out.printf("threads        nd4j %d + BLAS %d of %d cores (a run picks its own; --threads N)%n",
                b.threads(), b.blasThreads(), b.cores());
        out.printf("scratch        %s kernels%s%n", b.kernels().kernels().name(), b.kernels().note() == null ? ""
                : " (" + b.kernels().note() + ")");
        out.printf("OS             %s%n", b.os());
        out.printf("data types     double (DOUBLE, default), float (FLOAT)%n");
        out.printf("max heap       %d MiB%n", Runtime.getRuntime().maxMemory() >> 20);
        return ExitCodes.OK;
    }

    private static Map<String, Object> tree(BackendInfo b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("backend", b.name());
        m.put("fallback_reason", b.fallbackReason());
        m.putAll(b.toMap(null));
        m.remove("name");
        m.put("cuda_in_build", CudaSupport.inThisBuild());
        m.put("shipped_compute_capabilities", CudaSupport.SHIPPED);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("minibatch", Versions.minibatch());
        v.put("dl4j", Versions.nd4j());
        v.put("javacpp", Versions.javacpp());
        v.put("openblas", Versions.openblas());
        v.put("java", System.getProperty("java.version"));
        m.put("versions", v);
        m.put("dtypes", List.of("double", "float"));
        CudaLibraries libs = CudaLibraries.find();
        Map<String, Object> cuda = new LinkedHashMap<>();
        cuda.put("driver", libs.driver() == null ? null : libs.driver().toString());
        cuda.put("runtime", libs.runtime() == null ? null : libs.runtime().toString());
        cuda.put("searched", libs.searched().stream().map(Object::toString).toList());
        String problem = CudaDevice.problem();
        cuda.put("usable", problem == null);
        cuda.put("problem", problem);
        cuda.put("device", problem == null ? CudaDevice.shared().description() : null);
        m.put("cuda_kernels", cuda);
        m.put("scratch_kernels", b.kernels().kernels().name());
        m.put("max_heap_mib", Runtime.getRuntime().maxMemory() >> 20);
        return m;
    }
}
