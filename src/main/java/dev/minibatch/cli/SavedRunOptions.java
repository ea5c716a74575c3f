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
     * Starts the ND4J backend the options ask for, after the inputs were checked (so bad input never waits for it).
     *
     * @param spec the running command.
     * @return the decision, or a child JVM's exit code.
     */
    BackendStartup.Started startBackend(picocli.CommandLine.Model.CommandSpec spec) {
        return BackendStartup.start(BackendStartup.request(backend), null, false, spec);
    }
}
