/**
 * Provides the file-system side of every command's output: files written through a temporary name
 * ({@link dev.minibatch.io.AtomicFiles}) and output folders that are replaced whole or left untouched, with one run
 * at a time per folder ({@link dev.minibatch.io.OutputFolder}).
 */
package dev.minibatch.io;
