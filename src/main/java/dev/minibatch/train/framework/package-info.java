/**
 * Provides the framework trainer: a DL4J {@code MultiLayerNetwork} of dense layers (the configured hidden layers and
 * one {@code OutputLayer}) with DL4J's own updater, regularization and learning-rate schedule, fed by a
 * {@code DataSetIterator} that serves the batch plan and reshuffles on every reset; the tutorial's half-MSE is a
 * proper DL4J loss function.
 */
package dev.minibatch.train.framework;
