/**
 * Checkpoints and resume: each trainer's epoch loop saved every {@code training.checkpoint_every} epochs into a
 * folder beside the run folder, whole or not at all, and {@code train --resume} continuing from the latest with
 * results bit-identical to the uninterrupted run ({@link dev.minibatch.checkpoint.Resume} resolves what a resume
 * continues with). See docs/USAGE.md, <i>Checkpoints and resume</i>.
 */
package dev.minibatch.checkpoint;
