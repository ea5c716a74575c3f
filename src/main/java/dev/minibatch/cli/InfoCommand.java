package dev.minibatch.cli;

import dev.minibatch.backend.BackendInfo;
import dev.minibatch.backend.Versions;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code minibatch info}: versions, the backend in use, BLAS, threads and data types. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show versions, the ND4J backend in use, its BLAS and threads, and the data types.")
final class InfoCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @ArgGroup(exclusive = true)
    private Verbosity verbosity = new Verbosity();

    @Override
    public Integer call() {
        Logging.configure(verbosity.verbose);
        PrintWriter out = spec.commandLine().getOut();
        BackendInfo b = BackendInfo.current();
        out.printf("minibatch      %s%n", Versions.minibatch());
        out.printf("DL4J/ND4J      %s (JavaCPP %s, OpenBLAS %s)%n", Versions.nd4j(), Versions.javacpp(),
                Versions.openblas());
        out.printf("Java           %s (%s)%n", System.getProperty("java.version"), System.getProperty("java.vm.name"));
        out.printf("backend        %s (%s)%n", b.name(), b.backendClass());
        out.printf("BLAS           %s%n", b.blas());
        out.printf("threads        %d native, %d cores%n", b.threads(), b.cores());
        out.printf("OS             %s%n", b.os());
        out.printf("data types     double (DOUBLE, default), float (FLOAT)%n");
        out.printf("max heap       %d MiB%n", Runtime.getRuntime().maxMemory() >> 20);
        return ExitCodes.OK;
    }
}
