/**
 * Provides the file-system side of every command's output: files written through a temporary name
 * ({@link dev.minibatch.io.AtomicFiles}) and output folders that are replaced whole or left untouched, with one run
 * at a time per folder ({@link dev.minibatch.io.OutputFolder}). {@link dev.minibatch.io.TestHooks} holds the pauses
 * the kill and signal tests use to stop a child process at a chosen moment (off unless their system property is
 * set); they stay in the production code because those tests kill the real program, not a copy of it.
 */
package dev.minibatch.io;
