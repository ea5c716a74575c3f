package dev.minibatch.config;

/**
 * The train/test split, as scikit-learn's {@code train_test_split}.
 *
 * @param testSize the fraction of rows held out for testing, in (0, 1).
 * @param randomState the integer seed of the split's permutation.
 * @param validationSize the fraction of the training split carved off for validation (Keras'
 *     {@code validation_split}: its last rows); 0 for none.
 * @param stratify whether each class keeps its share in both sides, as {@code train_test_split(stratify=y)}.
 */
public record SplitConfig(double testSize, long randomState, double validationSize, boolean stratify) {

    /**
     * A split that is not stratified.
     *
     * @param testSize the fraction of rows held out for testing.
     * @param randomState the seed of train_test_split's permutation.
     * @param validationSize the validation fraction.
     */
    public SplitConfig(double testSize, long randomState, double validationSize) {
        this(testSize, randomState, validationSize, false);
    }

    /**
     * A split without a validation set.
     *
     * @param testSize the fraction of rows held out for testing.
     * @param randomState the seed of train_test_split's permutation.
     */
    public SplitConfig(double testSize, long randomState) {
        this(testSize, randomState, 0.0);
    }
}
