/**
 * Provides the training losses: one class per loss, each holding its value, its gradient by hand and through ND4J,
 * DL4J's loss function (for training and for the saved model) and its number in the CUDA kernels.
 */
package dev.minibatch.train.loss;
