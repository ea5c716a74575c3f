/**
 * Provides the framework trainer: a DL4J {@code MultiLayerNetwork} with one identity {@code OutputLayer} and
 * {@code Sgd}, fed by a {@code DataSetIterator} that serves the batch plan and reshuffles on every reset, with the
 * tutorial's half-MSE as a proper DL4J loss function.
 */
package dev.minibatch.train.framework;
