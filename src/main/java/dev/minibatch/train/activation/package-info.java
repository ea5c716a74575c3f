/**
 * Provides the activation functions of a network's layers: one class each, holding its value and derivative, DL4J's
 * activation, and the forward and backward steps the scratch trainer takes with libnd4j's own ops.
 */
package dev.minibatch.train.activation;
