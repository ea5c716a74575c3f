/**
 * Provides how numbers are written for people — reports, plots, summaries and messages — in one place
 * ({@link dev.minibatch.format.Numbers}).
 */
package dev.minibatch.format;
