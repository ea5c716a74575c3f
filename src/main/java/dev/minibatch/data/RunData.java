package dev.minibatch.data;

import java.util.List;

/**
 * What a run trains on, as everything after the data step sees it: sizes, names, the standardisation, a few test
 * rows for the plots, and a fingerprint. It is a {@link Dataset} in memory, or data in a disk cache for data
 * larger than the heap ({@code dev.minibatch.cache}).
 */
public interface RunData {
    /** @return the number of training rows. */
    int nTrain();

    /** @return the number of validation rows (0 when none). */
    int nVal();

    /** @return the number of test rows. */
    int nTest();

    /** @return the number of features. */
    int nFeatures();

    /** @return the number of targets. */
    int nTargets();

    /** @return the features' names. */
    List<String> featureNames();

    /** @return the targets' names. */
    List<String> targetNames();

    /** @return a classifier's classes, or {@code null} for a regression. */
    ClassLabels classes();

    /** @return the standardisation the features were transformed with, or {@code null}. */
    Standardization standardization();

    /**
     * The first test rows, as the model sees them (standardised when the run is).
     *
     * @param n at most this many.
     * @return {features, targets}.
     */
    double[][][] testHead(int n);

    /** @return a SHA-256 of the data (every split's values), which a checkpoint must match to be continued. */
    String fingerprint();

    /** @return the shape of one example: a flat row of features, or an image's channels × height × width. */
    default dev.minibatch.config.LayerShape inputShape() {
        return dev.minibatch.config.LayerShape.flat(nFeatures());
    }

    /** @return the data as a {@link Dataset} when it is held in memory, else {@code null}. */
    Dataset inMemory();
}
