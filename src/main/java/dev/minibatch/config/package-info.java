/**
 * Provides the run configuration: immutable records read from a YAML file, with command-line overrides, where
 * every setting is declared once ({@link dev.minibatch.config.Settings}) and every bad value becomes one line that
 * names the file or flag, the key and what is allowed. Plain Java: no ND4J.
 */
package dev.minibatch.config;
