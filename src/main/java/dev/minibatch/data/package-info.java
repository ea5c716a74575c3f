/**
 * Provides the training data: scikit-learn's generators ({@code make_regression} and the others) and
 * {@code train_test_split} reproduced bit for bit on the NumPy-compatible stream, CSV files, the split's plan and
 * checks ({@link dev.minibatch.data.SplitPlan}), standardisation, the {@link dev.minibatch.data.Dataset} both
 * trainers read, and where rows live: in ND4J memory or a memory-mapped file ({@link dev.minibatch.data.Rows}),
 * copied in and out of ND4J exactly ({@link dev.minibatch.data.NdArrays}). The disk cache ({@code cache}) drives
 * the same generator, fit and plan.
 */
package dev.minibatch.data;
