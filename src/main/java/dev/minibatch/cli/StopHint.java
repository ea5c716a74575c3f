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
     * @param runFolder the run folder, as the user named it.
     * @param stderr where the hint is said.
     * @return the hint, to close when training ends.
     */
    static StopHint install(boolean keeping, Path checkpoints, Path runFolder, PrintWriter stderr) {
        if (!keeping) {
            return new StopHint(null);
        }
        Thread hook = new Thread(() -> {
            if (Checkpoints.holdsAny(checkpoints)) {
                stderr.println("minibatch: stopped; the checkpoints in " + checkpoints + " are kept: continue with"
                        + " 'minibatch train --resume " + runFolder + "'");
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
