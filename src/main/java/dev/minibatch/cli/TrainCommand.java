package dev.minibatch.cli;

import dev.minibatch.results.ResultsFile;
import dev.minibatch.runfolder.RunFolder;
import dev.minibatch.backend.BackendInfo;
import dev.minibatch.checkpoint.Checkpoints;
import dev.minibatch.checkpoint.Resume;
import dev.minibatch.config.ConfigException;
import dev.minibatch.config.Kernels;
import dev.minibatch.backend.KernelDecision;
import dev.minibatch.backend.BackendDecision;
import dev.minibatch.config.ConfigLoader;
import dev.minibatch.config.RunConfig;
import dev.minibatch.io.OutputFolder;
import dev.minibatch.report.RunResultsBuilder;
import dev.minibatch.results.RunResults;
import dev.minibatch.train.DivergenceException;
import dev.minibatch.train.framework.FrameworkTrainer;
import dev.minibatch.run.RunOutcome;
import dev.minibatch.run.Trainers;
import dev.minibatch.run.TrainingRun;
import dev.minibatch.train.Checkpointer;
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
        description = "Train the configured model (linear regression, or a network with model.hidden_layers) with"
                + " the DL4J and the scratch trainer on one"
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

    @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG",
            description = "The run's YAML config, e.g. configs/seed.yaml (with --resume: optional, and then it must"
                    + " match the checkpoint's).")
    private Path config;

    @CommandLine.Option(names = "--resume", paramLabel = "DIR",
            description = "Continue the run whose folder is DIR from its latest checkpoint (training.checkpoint_every):"
                    + " an interrupted run's, or a finished run's with more epochs. The results equal the"
                    + " uninterrupted run's.")
    private Path resume;

    @CommandLine.Option(names = "--spark", paramLabel = "MASTER",
            description = "Train on Apache Spark (the spark build: scripts/minibatch-spark): DL4J's"
                    + " SparkDl4jMultiLayer with parameter averaging, beside the scratch trainer simulating it."
                    + " MASTER: local[N], spark://host:port or yarn; see the distributed.* keys.")
    private String spark;

    @CommandLine.Option(names = "--spark-ui", description = "With --spark: start Spark's web UI and print its address.")
    private boolean sparkUi;

    @Mixin
    private RunOptions options;

    /** The live page of a run that was written, served on after the run's folder is unlocked. */
    private dev.minibatch.live.LivePage written;

    @Override
    public Integer call() throws IOException {
        boolean verbose = options.verbose();
        Logging.configure(verbose);
        options.check();
        PrintWriter stdout = spec.commandLine().getOut();
        Target target = target();
        if (target.resume() != null && target.resume().nothingToDo() != null) {  // said; the run left as it was
            try {      // opened to clean what a killed run left beside the folder: its lock, staging or old folder
                OutputFolder.open(resume, "--resume", ResultsFile.FILE, true).close();
            } catch (RuntimeException inUse) {
                target.resume().release();
                throw inUse;
            }
            target.resume().settle(resume);
            stdout.println(target.resume().nothingToDo());
            stdout.flush();
            return ExitCodes.OK;
        }
        try {
            int code = train(target, verbose, stdout);
            if (written != null) {                      // from a terminal: the page stays up until Ctrl-C
                written.closeWhenDone(stdout);
            }
            return code;
        } catch (ConfigException refused) {
            if (target.resume() != null) {         // e.g. a checkpoint past training.epochs: leave nothing behind
                target.resume().release();
            }
            throw refused;
        }
    }

    private int train(Target target, boolean verbose, PrintWriter stdout) throws IOException {
        RunConfig cfg = target.config();
        dev.minibatch.data.SplitPlan.check(cfg);   // a generator's split: refused before anything starts or is removed
        Path dir = target.dir();
        Path resumeFrom = target.resumeFrom();
        if (cfg.distributed().on()) {
            cfg = SparkRun.check(cfg, resume != null, options.trainer);
        }
        Integer longRun = JitMode.relaunchIfLong(cfg, java.util.List.of(cfg.training().batchSize()), verbose,
                spec);
        if (longRun != null) {
            return longRun;
        }
        // --spark: the simulation takes the backend's own kernels (SparkRun), never the GPU's
        boolean sparkAuto = cfg.distributed().on() && cfg.kernels() == Kernels.AUTO;
        BackendStartup.Started started = BackendStartup.start(cfg.backend(), sparkAuto ? null : cfg.kernels(),
                verbose, spec);
        if (started.ranInChild()) {
            return started.childExitCode();
        }
        BackendDecision decision = !sparkAuto ? started.decision() : started.decision().withKernels(
                new KernelDecision(Kernels.AUTO, dev.minibatch.train.scratch.KernelSet.forBackend(), null));
        try (OutputFolder folder = OutputFolder.open(dir, resume != null ? "--resume" : "--out", ResultsFile.FILE,
                options.force || resume != null);
             EpochCsvLog csv = options.logCsv == null ? null : EpochCsvLog.open(options.logCsv, folder.target(),
                     EpochCsvLog.inputs(config, cfg))) {
            Path ckFolder = resume != null ? Checkpoints.folderFor(folder.target())
                    : Checkpoints.forNewRun(folder.target(), folder.display(), options.force);
            // After the backend start, so a command re-run in a child JVM loads its data once, in the child.
            Runnable loaded = options.quiet() ? () -> { } : Progress.phase("loading data");
            TrainingRun.Prepared prepared;
            try {
                prepared = TrainingRun.prepare(cfg, folder.target().getParent().resolve(".cache"));
            } finally {
                loaded.run();
            }
            options.applyThreads(cfg, prepared.plan().batchSize(), prepared.data().nFeatures(),
                    prepared.data().nTargets());

            EpochListener shown = verbose ? Summary.epochLines(stdout, prepared.plan().batchesPerEpoch())
                    : options.quiet() ? EpochListener.NONE : Progress.forTerminal(cfg.training().loss().toMse(
                    prepared.data().nTargets()), cfg.training().loss().isClassification());
            EpochListener listener = csv == null ? shown : shown.andThen(csv);
            dev.minibatch.live.LivePage page = options.live == null ? null : dev.minibatch.live.LivePage.start(
                    options.live,
                    cfg.name(), cfg.training().epochs(), Trainers.of(options.trainer).size(),
                    prepared.data().testHead(RunResultsBuilder.MAX_PLOT_ROWS), true);
            if (page != null) {
                page.convention(cfg.training().loss(), prepared.data().nTargets());
                listener = listener.andThen(page);
                stdout.println("live: " + page.url());
                stdout.flush();
            }
            // Printed once the data is loaded and checked, so that a refusal of the data is the only thing said.
            if (!options.quiet()) {
                Summary.startLines(cfg, prepared.data(), BackendInfo.current(decision), folder.renamed(), resumeFrom,
                        Trainers.of(options.trainer).stream().map(dev.minibatch.train.Trainer::name).toList(),
                        ckFolder, folder.display()).forEach(line -> stdout.println(Terminal.fit(line)));
                if (verbose) {
                    stdout.println(FrameworkTrainer.network(prepared.data().nFeatures(),
                            prepared.data().nTargets(), cfg.training()).summary());
                }
                stdout.flush();
                SavedRunOptions.requireWritten(stdout);    // standard output unwritable: stop before training
            }
            if (resumeFrom != null && decision.kernels() != null) {
                dev.minibatch.checkpoint.Resume.requireSameSideOfTheGpu(resumeFrom,
                        decision.kernels().kernels());
            }
            Checkpoints checkpoints = new Checkpoints(ckFolder, cfg, prepared.data()::fingerprint,
                    prepared.plan().batchesPerEpoch());
            if (cfg.distributed().on()) {
                SparkRun.checkData(cfg, prepared.data());
            }
            // Ctrl-C or SIGTERM while checkpoints are kept: say how to go on from them
            boolean keeping = !cfg.distributed().on() && (cfg.checkpoint().on() || resume != null);
            try (StopHint hint = StopHint.install(keeping, ckFolder, folder, spec.commandLine().getErr())) {
                int code = trainAndPublish(prepared, decision, listener, checkpoints, folder, cfg, dir, stdout);
                if (page != null) {
                    page.finished(folder.target().resolve("report.html").toString(), "written");
                    written = page;            // kept up once the folder is unlocked (call)
                }
                return code;
            } catch (DivergenceException e) {
                if (page != null) {
                    page.finished(null, "diverged: " + e.getMessage());
                }
                throw e;
            } finally {
                if (page != null && page != written) {
                    page.closeSoon();
                }
            }
        }
    }

    /** Trains, and writes the run folder; a divergence writes its report beside it instead. */
    private int trainAndPublish(TrainingRun.Prepared prepared, BackendDecision decision, EpochListener listener,
                                Checkpoints checkpoints, OutputFolder folder, RunConfig cfg, Path dir,
                                PrintWriter stdout) throws IOException {
        RunOutcome run;
        try {
            run = cfg.distributed().on()
                    ? TrainingRun.execute(new TrainingRun.Request(prepared, SparkRun.trainers(cfg, options.trainer,
                            sparkUi, decision.kernels().kernels()), listener, decision, Checkpointer.NONE))
                    : TrainingRun.execute(TrainingRun.Request.of(prepared, options.trainer, decision)
                            .withListener(listener)
                            .withCheckpoints(cfg.checkpoint().on() || resume != null ? checkpoints : Checkpointer.NONE));
        } catch (DivergenceException e) {
            checkpoints.discard();       // a resumed run would diverge again: nothing worth continuing
            throw RunFolder.writeDiverged(e, cfg, dir);
        }
        RunResults[] written = new RunResults[1];
        folder.publish(staging -> {
            written[0] = RunFolder.write(run, staging);
            checkpoints.publishInto(staging);
        });
        checkpoints.discard();
        return finish(run, written[0], folder.display(), stdout);
    }

    /**
     * What to train and where.
     *
     * @param config the configuration.
     * @param dir the run folder.
     * @param resume the run resumed, or {@code null} for a new run.
     */
    private record Target(RunConfig config, Path dir, Resume resume) {
        Path resumeFrom() {
            return resume == null ? null : resume.from();
        }
    }

    /** Resolves CONFIG, --out and --resume: a resumed run takes the checkpoint's config, or one that matches it. */
    private Target target() {
        if (resume != null) {
            if (options.out != null) {
                throw new ConfigException("--resume names the run folder; it cannot be combined with --out");
            }
            Resume r = Resume.of(resume, config, overrides(), Trainers.of(options.trainer).stream()
                    .map(dev.minibatch.train.Trainer::name).toList());
            return new Target(r.config(), resume, r);
        }
        if (config == null) {
            throw new ConfigException("missing CONFIG: train needs a config file (e.g. configs/seed.yaml), or"
                    + " --resume DIR to continue a run");
        }
        RunConfig cfg = ConfigLoader.load(config, overrides());
        return new Target(cfg, options.out != null ? options.out : Path.of("runs", cfg.name()), null);
    }

    /** The config overrides of the flags, --spark's included. */
    private java.util.List<dev.minibatch.config.ConfigOverride> overrides() {
        var list = new java.util.ArrayList<>(options.overrides());
        if (spark != null) {
            list.add(new dev.minibatch.config.ConfigOverride("distributed.master", spark, "--spark"));
        }
        return list;
    }

    private int finish(RunOutcome run, RunResults results, Path dir, PrintWriter stdout) {
        if (!options.quiet()) {
            stdout.print(Summary.table(run));
            if (results.reference() != null) {
                stdout.println(Terminal.fit("python reference (" + results.reference().file() + "): "
                        + results.reference().verdict()));
            } else if (results.referenceAbsent() != null) {
                stdout.println(Terminal.fit("python reference: " + results.referenceAbsent()));
            }
        }
        stdout.println(Terminal.fit("wrote " + dir.resolve(ResultsFile.FILE) + ", " + dir.resolve("report.html")));
        if (run.agreement() != null && !run.agreement().agree()) {
            spec.commandLine().getErr().println("minibatch: " + run.agreement().verdict());
            return ExitCodes.DISAGREE;
        }
        return ExitCodes.OK;
    }
}
