/**
 * Provides what a person reads of a run: the {@link dev.minibatch.results.RunResults} of results.json built from a
 * run ({@link dev.minibatch.report.RunResultsBuilder}), the comparison with the Python reference, report.md and
 * report.html ({@link dev.minibatch.report.Doc}) with their XChart plots, the compare, diverged and index pages.
 * The reports read results; they never recompute training.
 */
package dev.minibatch.report;
