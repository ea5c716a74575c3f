package dev.minibatch.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the epoch loop saves its checkpoints and finds the one to resume from ({@code dev.minibatch.checkpoint}
 * keeps them on disk).
 */
public interface Checkpointer {
    /** No checkpoints: a run from the first epoch. */
    Checkpointer NONE = new Checkpointer() {
        @Override
        public int every() {
            return 0;
        }

        @Override
        public Optional<LoopState> latest(String trainer) {
            return Optional.empty();
        }

        @Override
        public void save(String trainer, LoopState state, ModelFiles model) {
        }
    };

    /** @return epochs between checkpoints, 0 for none. */
    int every();

    /**
     * The checkpoint a trainer resumes from.
     *
     * @param trainer the trainer's name.
     * @return its latest checkpoint, or empty to start from the first epoch.
     */
    Optional<LoopState> latest(String trainer);

    /**
     * Saves a checkpoint, whole or not at all.
     *
     * @param trainer the trainer's name.
     * @param state where its loop stands.
     * @param model writes the model's own files into the checkpoint's folder.
     */
    void save(String trainer, LoopState state, ModelFiles model);

    /**
     * The error for a checkpoint whose model files cannot be read.
     *
     * @param state the checkpoint.
     * @param e what went wrong.
     * @return the exception to throw.
     */
    default RuntimeException unreadable(LoopState state, IOException e) {
        return new java.io.UncheckedIOException("cannot read the checkpoint " + state.dir(), e);
    }

    /** Writes a model's state into a folder. */
    @FunctionalInterface
    interface ModelFiles {
        /**
         * Writes the files.
         *
         * @param dir the checkpoint folder being written.
         * @throws IOException if a file cannot be written.
         */
        void write(Path dir) throws IOException;
    }
}
