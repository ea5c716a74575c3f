/**
 * Provides what the two trainers share: the {@link dev.minibatch.train.Trainer} contract, the one epoch loop
 * ({@link dev.minibatch.train.EpochLoop}, with each trainer's part a {@link dev.minibatch.train.EpochLoop.Learner}),
 * the initial and per-epoch {@link dev.minibatch.train.Parameters}, the {@link dev.minibatch.train.TrainingResult}
 * both return, the one ND4J copy of a run's data ({@link dev.minibatch.train.NdDataset}), the metrics, divergence
 * and the initialisers.
 */
package dev.minibatch.train;
