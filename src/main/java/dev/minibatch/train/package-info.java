/**
 * Provides what the two trainers share: the {@link dev.minibatch.train.Trainer} contract, the initial and
 * per-epoch {@link dev.minibatch.train.Parameters}, the {@link dev.minibatch.train.TrainingResult} both return,
 * the loss and metric definitions, and the initialisers.
 */
package dev.minibatch.train;
