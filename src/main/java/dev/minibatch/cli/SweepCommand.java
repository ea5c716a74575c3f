package dev.minibatch.cli;

import dev.minibatch.config.Setting;
import dev.minibatch.config.ConfigLoader;
import dev.minibatch.config.RunConfig;
import dev.minibatch.io.AtomicFiles;
import dev.minibatch.results.ResultsMapper;
import dev.minibatch.io.OutputFolder;
import dev.minibatch.report.RunReport;
import dev.minibatch.run.TrainingRun;
import dev.minibatch.sweep.BatchSizes;
import dev.minibatch.sweep.LrScaling;
import dev.minibatch.sweep.Sweep;
import dev.minibatch.sweep.SweepReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code minibatch sweep CONFIG}: the tutorial's batch vs stochastic vs mini-batch table, measured. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Train one config at several batch sizes (same data, split and initial parameters) and"
                + " measure the tutorial's comparison of batch, stochastic and mini-batch gradient descent: updates"
                + " per epoch, time, memory, update noise, convergence to the least-squares optimum. Writes"
                + " sweep.json, sweep.md and sweep.html.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done; the trainers agree at every batch size", "1:the trainers disagree somewhere",
            "2:bad config, flag, batch-size list or output folder (nothing written)",
            "3:training diverged at some batch size (the others written, the diverged named in sweep.md)",
            "4:out of memory (set MINIBATCH_HEAP)"})
final class SweepCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONFIG", description = "The run's YAML config.")
    private Path config;

    @Option(names = "--batch-sizes", paramLabel = "LIST", defaultValue = BatchSizes.DEFAULT,
            description = "Comma-separated batch sizes; 'full' is the whole training split, 1 is SGD"
                    + " (default: ${DEFAULT-VALUE}).")
    private String batchSizes;

    @Option(names = "--lr-scaling", paramLabel = "RULE", defaultValue = "none",
            description = "none, linear (lr·b/b₀) or sqrt (lr·√(b/b₀)), b₀ being the config's batch size"
                    + " (default: ${DEFAULT-VALUE}).")
    private String lrScaling;


    @Mixin
    private RunOptions options;

    @Override
    public Integer call() throws IOException {
        boolean quiet = options.quiet();
        Logging.configure(options.verbose());
        options.check();
        LrScaling scaling = scaling(lrScaling);
        RunConfig cfg = ConfigLoader.load(config, options.overrides());
        dev.minibatch.data.SplitPlan.check(cfg);   // a generator's split: refused before anything starts
        Sweep.requireInMemory(cfg);
        if (scaling != LrScaling.NONE && !cfg.training().optimizer().kind().usesLearningRate()) {
            throw new dev.minibatch.config.ConfigException("--lr-scaling " + lrScaling + ": training.optimizer "
                    + cfg.training().optimizer().name() + " has no learning rate to scale (use --lr-scaling none)");
        }
        Integer longRun = JitMode.relaunchIfLong(cfg, roughSizes(batchSizes), options.verbose(), spec);
        if (longRun != null) {
            return longRun;
        }
        BackendStartup.Started started = BackendStartup.start(cfg.backend(), cfg.kernels(), options.verbose(), spec);
        if (started.ranInChild()) {
            return started.childExitCode();
        }
        Path dir = options.out != null ? options.out : Path.of("runs", cfg.name() + "-sweep");
        PrintWriter stdout = spec.commandLine().getOut();
        int code;
        dev.minibatch.live.LivePage page = null;
        try (OutputFolder folder = OutputFolder.open(dir, "--out", "sweep.json", options.force);
             EpochCsvLog csv = options.logCsv == null ? null : EpochCsvLog.open(options.logCsv, folder.target(),
                     EpochCsvLog.inputs(config, cfg))) {
            // After the backend start, so a command re-run in a child JVM loads its data once, in the child.
            Runnable loaded = quiet ? () -> { } : Progress.phase("loading data");
            TrainingRun.Prepared prepared;
            try {
                prepared = TrainingRun.prepare(cfg);
            } finally {
                loaded.run();
            }
            List<Integer> sizes = BatchSizes.parse(batchSizes, prepared.data().nTrain());
            options.applyThreads(cfg, sizes.stream().mapToInt(b -> b <= 0 ? prepared.data().nTrain()
                    : Math.min(b, prepared.data().nTrain())).max().orElse(1), prepared.data().nFeatures(),
                    prepared.data().nTargets());
            if (!quiet) {
                stdout.println(Terminal.fit("minibatch sweep " + cfg.name() + ": batch sizes " + sizes + ", "
                        + cfg.training().epochs() + " epochs, lr scaling " + scaling.name().toLowerCase(Locale.ROOT)));
                folder.renamed().ifPresent(line -> stdout.println(Terminal.fit(line)));
                stdout.flush();
            }
            dev.minibatch.train.EpochListener shown = options.verbose() ? Summary.epochLines(stdout, 0)
                    : quiet ? dev.minibatch.train.EpochListener.NONE : Progress.forSweep((long) sizes.size()
                    * dev.minibatch.run.Trainers.of(options.trainer).size() * cfg.training().epochs());
            page = options.live == null ? null : dev.minibatch.live.LivePage.start(
                    options.live, cfg.name() + " sweep", cfg.training().epochs(),
                    sizes.size() * dev.minibatch.run.Trainers.of(options.trainer).size(),
                    prepared.data().testHead(dev.minibatch.report.RunResultsBuilder.MAX_PLOT_ROWS), false);
            if (page != null) {
                page.convention(cfg.training().loss(), prepared.data().nTargets());
            }
            if (csv != null) {
                shown = shown.andThen(csv);
            }
            if (page != null) {
                shown = shown.andThen(page);
                stdout.println("live: " + page.url());
                stdout.flush();
            }
            Sweep.Result result;
            try {
                result = Sweep.run(prepared, sizes, options.trainer, scaling, started.decision(), shown);
            } catch (RuntimeException e) {
                if (page != null) {
                    page.close();
                }
                throw e;
            }
            folder.publish(staging -> {
                AtomicFiles.write(staging.resolve("sweep.json"),
                        ResultsMapper.JSON.writeValueAsBytes(SweepReport.tree(result)));
                RunReport.write(SweepReport.build(result), staging, "sweep");
            });
            if (page != null) {
                page.finished(folder.target().resolve("sweep.html").toString(), "written");
            }
            code = finish(result, folder.display(), stdout, quiet);
        }
        if (page != null) {              // the folder unlocked: from a terminal the page stays up until Ctrl-C
            page.closeWhenDone(stdout);
        }
        return code;
    }

    private int finish(Sweep.Result result, Path dir, PrintWriter stdout, boolean quiet) {
        if (!quiet) {
            // 70 columns; the training loss as an MSE beside the test MSE (a half-MSE loss doubled)
            boolean classifier = dev.minibatch.sweep.SweepReport.classifier(result);
            String row = "%-6s %-9s %8s %9s %8s %12s %12s%n";
            stdout.printf(Locale.ROOT, row, "batch", "trainer", "upd/ep", "µs/upd", "ep to 1%",
                    classifier ? "train loss" : "train MSE", classifier ? "test acc" : "test MSE");
            for (Sweep.Row r : result.rows()) {
                String near = dev.minibatch.sweep.SweepReport.nearOptimum(result, r);
                stdout.printf(Locale.ROOT, row, r.full() ? "full" : String.valueOf(r.batchSize()), r.trainer(),
                        r.updatesPerEpoch(), String.format(Locale.ROOT, "%.1f", r.usPerUpdate()),
                        near.startsWith("n/a") ? "n/a" : near.equals("not reached") ? "no" : near,
                        String.format(Locale.ROOT, "%.6g", dev.minibatch.sweep.SweepReport.trainValue(result, r)),
                        String.format(Locale.ROOT, classifier ? "%.4f" : "%.6g",
                                classifier ? r.finalTestAccuracy() : r.finalTestMse()));
            }
        }
        if (!quiet) {
            for (Sweep.Diverged d : result.diverged()) {
                stdout.printf(Locale.ROOT, "%-6s %-9s%n", d.full() ? "full" : String.valueOf(d.batchSize()),
                        "diverged");
            }
        }
        stdout.println(Terminal.fit("wrote " + dir.resolve("sweep.json") + ", " + dir.resolve("sweep.html")));
        for (Sweep.Diverged d : result.diverged()) {
            spec.commandLine().getErr().println("minibatch: batch size " + (d.full() ? "full" : d.batchSize())
                    + ": " + d.message());
        }
        if (!result.diverged().isEmpty()) {
            return ExitCodes.DIVERGED;
        }
        if (!result.allAgree()) {
            spec.commandLine().getErr().println("minibatch: the trainers disagree at some batch size (see sweep.md)");
            return ExitCodes.DISAGREE;
        }
        return ExitCodes.OK;
    }

    /** The batch sizes for the run's estimate, before the data is there to check them ("full" is 0). */
    private static List<Integer> roughSizes(String list) {
        return java.util.Arrays.stream(list.split(",")).map(String::strip).map(s -> {
            try {
                return s.equalsIgnoreCase("full") ? 0 : Integer.parseInt(s);
            } catch (NumberFormatException e) {
                return 1;
            }
        }).toList();
    }

    private static LrScaling scaling(String value) {
        return Setting.flag(LrScaling.class, "--lr-scaling", value);
    }
}
