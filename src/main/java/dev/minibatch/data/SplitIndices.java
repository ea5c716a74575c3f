package dev.minibatch.data;

/**
 * The row indices of a train/test split, in the order scikit-learn returns them.
 *
 * @param train the indices of the training rows.
 * @param test the indices of the test rows.
 */
public record SplitIndices(int[] train, int[] test) {
}
