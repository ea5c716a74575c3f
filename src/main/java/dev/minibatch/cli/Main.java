package dev.minibatch.cli;

import dev.minibatch.backend.Versions;
import dev.minibatch.config.ConfigException;
import dev.minibatch.io.OutputException;
import dev.minibatch.run.RunTooLargeException;
import dev.minibatch.train.DivergenceException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The {@code minibatch} command: the entry point of the launcher and of the shaded jar. */
@Command(name = "minibatch", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Mini-batch gradient descent on the JVM: a DL4J trainer and a hand-written ND4J trainer on"
                + " one batch plan, checked against each other and against NumPy.",
        subcommands = {TrainCommand.class, CompareCommand.class, PredictCommand.class, EvaluateCommand.class, RunsCommand.class,
            InfoCommand.class,
            SweepCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Constructs the top-level command; picocli calls this. */
    public Main() {
    }

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the arguments.
     */
    public static void main(String[] args) {
        // The CLI's logging configuration, under a name of its own: a program that uses minibatch as a library keeps
        // its own logback.xml (the jar ships none).
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "dev/minibatch/cli/logback-cli.xml");
        }
        // slf4j 2 reports the slf4j-1 binding Spark brings (the spark build) on stderr; minibatch stays quiet.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        ParentWatch.startIfChild();      // a relaunched JVM ends with the process that started it
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /**
     * Runs the command line with the given streams and returns the exit code, for tests and embedding.
     *
     * @param out where normal output goes.
     * @param err where errors go.
     * @param args the arguments.
     * @return the exit code (see {@link ExitCodes}).
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        // JavaCPP logs through SLF4J (quiet unless --verbose) instead of printing to stderr itself.
        System.setProperty("java.awt.headless", "true"); // charts render without a display
        if (System.getProperty("org.bytedeco.javacpp.logger") == null) {
            System.setProperty("org.bytedeco.javacpp.logger", "slf4j");
        }
        CommandLine cli = new CommandLine(new Main())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(out)
                .setErr(err)
                .setParameterExceptionHandler((ex, a) -> {
                    CommandLine cmd = ex.getCommandLine();
                    // picocli's own messages start with "Error: "; ours already say "error:"
                    String message = ex.getMessage().replaceFirst("^Error: ", "");
                    if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
                        message += "; did you mean " + String.join(" or ", u.getSuggestions()) + "?";
                    }
                    cmd.getErr().println("minibatch: error: " + message);
                    cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
                    return ExitCodes.BAD_INPUT;
                })
                .setExecutionExceptionHandler((ex, cmd, parsed) -> {
                    if (ex instanceof ConfigException) {
                        cmd.getErr().println("minibatch: error: " + ex.getMessage());
                        return ExitCodes.BAD_INPUT;
                    }
                    if (ex instanceof OutputException) {
                        cmd.getErr().println("minibatch: error: " + ex.getMessage());
                        return ExitCodes.BAD_INPUT;
                    }
                    if (ex instanceof RunTooLargeException) {
                        cmd.getErr().println("minibatch: " + ex.getMessage());
                        return ExitCodes.OUT_OF_MEMORY;
                    }
                    if (ex instanceof dev.minibatch.cuda.CudaException c) {
                        cmd.getErr().println("minibatch: GPU " + (c.outOfMemory() ? "out of memory: " : "error: ")
                                + c.getMessage());
                        return c.outOfMemory() ? ExitCodes.OUT_OF_MEMORY : ExitCodes.INTERNAL;
                    }
                    if (ex instanceof DivergenceException) {
                        cmd.getErr().println("minibatch: " + ex.getMessage());
                        return ExitCodes.DIVERGED;
                    }
                    cmd.getErr().println("minibatch: internal error (a bug; please report it with this trace):");
                    ex.printStackTrace(cmd.getErr());
                    return ExitCodes.INTERNAL;
                });
        int code;
        try {
            code = cli.execute(args);
        } catch (OutOfMemoryError e) {
            // outside training (training's own runs out with RunTooLargeException, which names the run's size)
            err.println("minibatch: out of memory (" + e.getMessage() + ") with a JVM heap of "
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB; set MINIBATCH_HEAP to a larger"
                    + " heap, e.g. MINIBATCH_HEAP=16g");
            code = ExitCodes.OUT_OF_MEMORY;
        } catch (Error e) {
            // a linkage or internal error (a missing native library, a broken installation): 70, never 1, which
            // means "the trainers disagree"
            err.println("minibatch: internal error (" + e + "); a bug or a broken installation; please report it"
                    + " with this trace:");
            e.printStackTrace(err);
            code = ExitCodes.INTERNAL;
        }
        out.flush();
        if (out.checkError() && code == ExitCodes.OK) {  // e.g. > /dev/full: a command that printed nothing did not work
            err.println("minibatch: error: standard output: could not be written (closed, or the disk is full)");
            code = ExitCodes.BAD_INPUT;
        }
        err.flush();
        return code;
    }

    /** With no command: the usage on stderr and exit code 2, as for any other incomplete command line. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.BAD_INPUT;
    }

    /** Supplies {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"minibatch " + Versions.minibatch() + " (DL4J/ND4J " + Versions.nd4j() + ")"};
        }
    }
}
