/**
 * Provides the {@code minibatch} command line (picocli): {@code train}, {@code sweep}, {@code compare},
 * {@code predict}, {@code evaluate}, {@code runs}, {@code info} and {@code bench}, each a translation of its flags
 * into a configuration and a run, and of the outcome into what the terminal shows and an exit code
 * ({@link dev.minibatch.cli.ExitCodes}); and what runs around a command: the backend's start (in a child JVM when
 * it must), the progress bar and summaries at 80 columns, and the switch between quiet and verbose logging.
 */
package dev.minibatch.cli;
