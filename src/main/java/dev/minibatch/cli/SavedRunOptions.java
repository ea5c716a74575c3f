package dev.minibatch.cli;

import dev.minibatch.model.SavedRun;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The options of every command that uses a finished run as a model ({@code predict}, {@code evaluate}). */
final class SavedRunOptions {
    @Option(names = "--model", required = true, paramLabel = "RUN_DIR", description = "A folder written by train.")
    Path model;

    @Option(names = "--trainer", paramLabel = "WHICH",
            description = "framework or scratch (default: framework when the run has it).")
    String trainer;

    @Option(names = "--backend", paramLabel = "WHICH", defaultValue = "auto",
            description = "auto, cpu or cuda (default: ${DEFAULT-VALUE}).")
    String backend;

    /** @return the run, opened and checked. */
    SavedRun open() {
        return SavedRun.open(model, trainer);
    }

    /**
     * Refuses an output that would destroy what the command reads: the input file itself, or a file of the run
     * folder (its results.json, its models).
     *
     * @param target the {@code --output} or {@code --json} file, or {@code null}.
     * @param flag the flag, for the message.
     * @param input the {@code --input} file.
     * @throws dev.minibatch.config.ConfigException naming the flag and what the file is.
     */
    void requireSafeOutput(Path target, String flag, Path input) {
        if (target == null || !java.nio.file.Files.exists(target)) {
            return;
        }
        try {
            if (input != null && java.nio.file.Files.exists(input) && java.nio.file.Files.isSameFile(target, input)) {
                throw new dev.minibatch.config.ConfigException(flag + " " + target + ": is the --input file; writing"
                        + " it would destroy the rows read; choose another name");
            }
            Path run = model.toRealPath();
            for (Path p = target.toRealPath().getParent(); p != null; p = p.getParent()) {
                if (p.equals(run)) {                    // the run's files, its checkpoints' included
                    throw new dev.minibatch.config.ConfigException(flag + " " + target + ": is a file of the run"
                            + " folder " + model + " (the model read); choose a file outside it");
                }
            }
        } catch (java.io.IOException e) {
            // the comparison needs both files: when it cannot be made the write reports the problem
        }
    }

    /**
     * Fails when what the command printed could not be written (a full disk, a closed standard output).
     *
     * @param out the command's standard output, flushed.
     * @throws dev.minibatch.config.ConfigException saying so.
     */
    static void requireWritten(java.io.PrintWriter out) {
        if (out.checkError()) {
            throw new dev.minibatch.config.ConfigException("standard output: could not be written (closed, or the"
                    + " disk is full)");
        }
    }

    /**
     * Starts the ND4J backend the options ask for, after the inputs were checked (so bad input never waits for it).
     *
     * @param spec the running command.
     * @return the decision, or a child JVM's exit code.
     */
    BackendStartup.Started startBackend(picocli.CommandLine.Model.CommandSpec spec) {
        return BackendStartup.start(BackendStartup.request(backend), null, false, spec);
    }
}
