package dev.minibatch.cli;

import dev.minibatch.checkpoint.Checkpoints;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * While a run keeps checkpoints, says on Ctrl-C or SIGTERM how to go on from them: a shutdown hook for the length
 * of the training, removed when it ends.
 */
final class StopHint implements AutoCloseable {
    private final Thread hook;

    private StopHint(Thread hook) {
        this.hook = hook;
    }

    /**
     * Installs the hint, or nothing when the run keeps no checkpoints.
     *
     * @param keeping whether the run keeps checkpoints to resume from.
     * @param checkpoints their folder.
     * @param folder the run folder being written: a stop that came while it was swapped in, after every file was
     *     written, leaves the new run whole, and is said so instead.
     * @param stderr where the hint is said.
     * @return the hint, to close when training ends.
     */
    static StopHint install(boolean keeping, Path checkpoints, dev.minibatch.io.OutputFolder folder,
                            PrintWriter stderr) {
        if (!keeping) {
            return new StopHint(null);
        }
        Path runFolder = folder.display();
        Thread hook = new Thread(() -> {
            if (folder.stop()) {        // the swap finished first: the folder holds the new run, nothing to resume
                stderr.println("minibatch: stopped after " + runFolder + " was written whole; nothing to resume");
                stderr.flush();
            } else if (Checkpoints.holdsAny(checkpoints)) {
                stderr.println("minibatch: stopped; the checkpoints in " + checkpoints + " are kept: continue with"
                        + " '" + dev.minibatch.format.Launcher.command() + " train --resume "
                        + dev.minibatch.format.Launcher.quoted(runFolder) + "'");
                stderr.flush();
            }
        }, "minibatch-resume-hint");
        Runtime.getRuntime().addShutdownHook(hook);
        return new StopHint(hook);
    }

    @Override
    public void close() {
        if (hook == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException stopping) {
            // the process is stopping: the hint is said
        }
    }
}
