package dev.minibatch.config;

/**
 * Where the data comes from: for now scikit-learn's {@code make_regression} arguments.
 *
 * @param source the data source; {@code make_regression}.
 * @param nSamples the number of rows generated.
 * @param nFeatures the number of features.
 * @param nInformative the number of informative features (capped at nFeatures, as scikit-learn does).
 * @param nTargets the number of targets.
 * @param noise the standard deviation of the Gaussian noise.
 * @param bias the intercept.
 * @param randomState the integer seed of the generator.
 */
public record DataConfig(String source, int nSamples, int nFeatures, int nInformative, int nTargets, double noise,
                         double bias, long randomState) {
}
