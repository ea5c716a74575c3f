package dev.minibatch.train;

/**
 * What a trainer records after one epoch.
 *
 * @param epoch the epoch number, from 1.
 * @param trainLoss the loss over the whole training split after the epoch, in the configured convention (the
 *                  tutorial's {@code cost_history}).
 * @param batchLossMean the mean of the epoch's batch losses, each taken before its update and weighted by its
 *                      batch size (what Keras prints as "loss").
 * @param testMse the mean squared error on the test split after the epoch.
 * @param parameters the parameters after the epoch.
 * @param stepSeconds the seconds spent in update steps from the start of training to the end of this epoch.
 * @param valLoss the validation split's loss after the epoch, in the configured convention; NaN without one.
 * @param classifier a classifier's test loss and accuracies after the epoch; {@code null} for a regression.
 */
public record EpochRecord(int epoch, double trainLoss, double batchLossMean, double testMse,
                          Parameters parameters, double stepSeconds, double valLoss, Classifier classifier) {

    /**
     * What a classifier records beside the losses (its {@code testMse} is the test split's mean squared error of the
     * probabilities against the 0/1 labels, scikit-learn's {@code mean_squared_error} of them).
     *
     * @param testLoss the test split's loss, in the training loss's definition.
     * @param trainAccuracy the fraction of the training split predicted right.
     * @param valAccuracy the validation split's; NaN without one.
     * @param testAccuracy the test split's.
     */
    public record Classifier(double testLoss, double trainAccuracy, double valAccuracy, double testAccuracy) {
    }

    /**
     * A regression's record.
     *
     * @param epoch the epoch.
     * @param trainLoss the training loss.
     * @param batchLossMean the batch losses' mean.
     * @param testMse the test MSE.
     * @param parameters the parameters.
     * @param stepSeconds the cumulative step seconds.
     * @param valLoss the validation loss, or NaN.
     */
    public EpochRecord(int epoch, double trainLoss, double batchLossMean, double testMse, Parameters parameters,
                       double stepSeconds, double valLoss) {
        this(epoch, trainLoss, batchLossMean, testMse, parameters, stepSeconds, valLoss, null);
    }

    /**
     * A record without a validation loss.
     *
     * @param epoch the epoch.
     * @param trainLoss the training loss.
     * @param batchLossMean the batch losses' mean.
     * @param testMse the test MSE.
     * @param parameters the parameters.
     * @param stepSeconds the cumulative step seconds.
     */
    public EpochRecord(int epoch, double trainLoss, double batchLossMean, double testMse, Parameters parameters,
                       double stepSeconds) {
        this(epoch, trainLoss, batchLossMean, testMse, parameters, stepSeconds, Double.NaN);
    }

    /** @return whether the run has a validation split. */
    public boolean hasValidation() {
        return !Double.isNaN(valLoss);
    }
}
