package dev.minibatch.config;

/**
 * How the features are prepared before training.
 *
 * @param standardize whether each feature is standardised with the training rows' mean and population standard
 *                    deviation (scikit-learn's {@code StandardScaler}), applied to both splits.
 */
public record PreprocessConfig(boolean standardize) {
}
