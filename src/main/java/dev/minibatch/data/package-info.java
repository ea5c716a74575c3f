/**
 * Provides the training data: scikit-learn's {@code make_regression} and {@code train_test_split} reproduced bit
 * for bit on the NumPy-compatible stream, and the {@link dev.minibatch.data.Dataset} both trainers read.
 */
package dev.minibatch.data;
