/**
 * Provides the file-system side of every command's output and the JSON helpers shared by the readers: files
 * written through a temporary name ({@link dev.minibatch.io.AtomicFiles}), output folders that are replaced whole
 * or left untouched with one run at a time per folder ({@link dev.minibatch.io.OutputFolder}), and reading JSON
 * arrays ({@link dev.minibatch.io.JsonArrays}).
 */
package dev.minibatch.io;
