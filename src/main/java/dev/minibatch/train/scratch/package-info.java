/**
 * Provides the scratch trainer: the tutorial's mini-batch loop written by hand on ND4J, with no DL4J classes.
 */
package dev.minibatch.train.scratch;
