/**
 * Provides the {@code minibatch} command line (picocli): {@code train} and {@code info}, their exit codes, and the
 * logging switch between quiet and verbose.
 */
package dev.minibatch.cli;
