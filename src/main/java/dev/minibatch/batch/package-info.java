/**
 * Provides the batch plan: for every epoch, the order of the training rows and its cut into mini-batches. It is
 * the one input both trainers share besides the data, which is what lets their parameters be compared step for
 * step. Plain Java: no ND4J.
 */
package dev.minibatch.batch;
