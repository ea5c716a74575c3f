package dev.minibatch.config;

/**
 * The train/test split, as scikit-learn's {@code train_test_split}.
 *
 * @param testSize the fraction of rows held out for testing, in (0, 1).
 * @param randomState the integer seed of the split's permutation.
 */
public record SplitConfig(double testSize, long randomState) {
}
