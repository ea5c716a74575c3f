/**
 * Provides the run configuration: immutable records read from a YAML file, with command-line overrides. Every key
 * is declared once ({@link dev.minibatch.config.Settings}): how its value is read and checked, where the records
 * keep it, when a run does not read it, and its documentation; the loader, the config tree of results.json
 * ({@link dev.minibatch.config.ConfigTree}), {@link dev.minibatch.config.RunConfig#with} and docs/USAGE.md's key
 * table all come from these declarations. Every bad value becomes one line that names the file or flag, the key and
 * what is allowed. Plain Java: no ND4J.
 */
package dev.minibatch.config;
