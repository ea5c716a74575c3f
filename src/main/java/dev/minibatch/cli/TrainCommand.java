package dev.minibatch.cli;

import dev.minibatch.backend.BackendInfo;
import dev.minibatch.config.ConfigLoader;
import dev.minibatch.config.RunConfig;
import dev.minibatch.io.OutputFolder;
import dev.minibatch.report.DivergedReport;
import dev.minibatch.report.ResultsJson;
import dev.minibatch.results.RunResults;
import dev.minibatch.train.DivergenceException;
import dev.minibatch.train.framework.FrameworkTrainer;
import dev.minibatch.run.RunResult;
import dev.minibatch.run.TrainingRun;
import dev.minibatch.train.EpochListener;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code minibatch train CONFIG}: trains with both trainers, prints a summary and writes results.json. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the configured linear regression with the DL4J and the scratch ND4J trainer on one"
                + " batch plan, check that they agree, and write results.json, report.html/.md with plots, and the"
                + " saved models into DIR.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:trained; the trainers agree", "1:the trainers disagree beyond the tolerance",
            "2:bad config, flag, data or output folder (nothing written)",
            "3:training diverged (the run folder untouched; the curve in DIR-diverged/)",
            "4:out of memory (set MINIBATCH_HEAP)"})
final class TrainCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONFIG", description = "The run's YAML config, e.g. configs/seed.yaml.")
    private Path config;

    @Mixin
    private RunOptions options;

    @Override
    public Integer call() throws IOException {
        boolean verbose = options.verbose();
        Logging.configure(verbose);
        PrintWriter stdout = spec.commandLine().getOut();
        RunConfig cfg = ConfigLoader.load(config, options.overrides());
        Path dir = options.out != null ? options.out : Path.of("runs", cfg.name());
        BackendStartup.Started started = BackendStartup.start(cfg.backend(), verbose, spec);
        if (started.ranInChild()) {
            return started.childExitCode();
        }
        try (OutputFolder folder = OutputFolder.open(dir, "--out", ResultsJson.FILE, options.force)) {
            if (!options.quiet()) {
                stdout.println(Summary.header(cfg));
                folder.renamed().ifPresent(stdout::println);
                stdout.flush();
            }
            // After the backend start, so a command re-run in a child JVM loads its data once, in the child.
            Runnable loaded = options.quiet() ? () -> { } : Progress.phase("loading data");
            TrainingRun.Prepared prepared;
            try {
                prepared = TrainingRun.prepare(cfg);
            } finally {
                loaded.run();
            }

            EpochListener listener = verbose ? Summary.epochLines(stdout)
                    : options.quiet() ? EpochListener.NONE : Progress.forTerminal();
            if (!options.quiet()) {
                stdout.println(Summary.dataLine(prepared.data(), BackendInfo.current(started.decision())));
                if (verbose) {
                    stdout.println(FrameworkTrainer.network(prepared.data().nFeatures(),
                            prepared.data().nTargets(), cfg.training()).summary());
                }
                stdout.flush();
            }
            RunResult run;
            try {
                run = TrainingRun.execute(prepared, options.trainer, listener, started.decision());
            } catch (DivergenceException e) {
                throw divergedReport(e, cfg, dir);
            }
            RunResults[] written = new RunResults[1];
            folder.publish(staging -> written[0] = RunFolder.write(run, staging));
            return finish(run, written[0], folder.display(), stdout);
        }
    }

    /**
     * Writes the history up to a divergence beside the run folder ({@code runs/seed-diverged}) and returns the
     * divergence with the report's path added to its message. The run folder itself stays untouched.
     */
    private static DivergenceException divergedReport(DivergenceException e, RunConfig cfg, Path dir) {
        boolean any = e.histories().values().stream().anyMatch(h -> !h.isEmpty());
        if (!any) {
            return e;
        }
        Path sibling = dir.toAbsolutePath().normalize().resolveSibling(dir.toAbsolutePath().normalize()
                .getFileName() + "-diverged");
        try (OutputFolder folder = OutputFolder.open(sibling, "--out", DivergedReport.FILE, true)) {
            folder.publish(staging -> DivergedReport.write(e.getMessage(), cfg, e.histories(), staging));
            return new DivergenceException(e.getMessage() + "; the curve up to the divergence: "
                    + folder.display().resolve("report.html"), e.histories());
        } catch (RuntimeException unwritable) {
            return e; // the divergence is the news; a report that cannot be written does not hide it
        }
    }

    private int finish(RunResult run, RunResults results, Path dir, PrintWriter stdout) {
        if (!options.quiet()) {
            stdout.print(Summary.table(run));
            if (results.reference() != null) {
                stdout.println("python reference (" + results.reference().file() + "): "
                        + results.reference().verdict());
            } else if (results.referenceAbsent() != null) {
                stdout.println("python reference: " + results.referenceAbsent());
            }
        }
        stdout.println("wrote " + dir.resolve(ResultsJson.FILE) + ", " + dir.resolve("report.html"));
        if (run.agreement() != null && !run.agreement().agree()) {
            spec.commandLine().getErr().println("minibatch: " + run.agreement().verdict());
            return ExitCodes.DISAGREE;
        }
        return ExitCodes.OK;
    }
}
