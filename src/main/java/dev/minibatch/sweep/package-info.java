/**
 * Provides the batch-size sweep: the tutorial's comparison of batch, stochastic and mini-batch gradient descent,
 * measured on the user's own configuration and machine — same data, split and initial parameters for every batch
 * size — with its table, curves and conclusion.
 */
package dev.minibatch.sweep;
