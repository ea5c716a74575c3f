/**
 * Provides the run's outputs: {@code results.json}, written whole or not at all. The report reads results; it
 * never recomputes training.
 */
package dev.minibatch.report;
