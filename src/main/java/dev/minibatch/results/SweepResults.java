package dev.minibatch.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The content of sweep.json: the sweep's settings and one row per batch size and trainer.
 *
 * @param name the config's name.
 * @param nTrain training rows.
 * @param loss half_mse or mse.
 * @param baseLearningRate the config's learning rate.
 * @param baseBatchSize the config's batch size.
 * @param lrScaling none, linear or sqrt.
 * @param epochs epochs per batch size.
 * @param backend the backend and data type.
 * @param optimumTrainLoss the least-squares optimum's training loss.
 * @param nearOptimumFraction how close to it counts as near (0.01: within 1 %).
 * @param rows one per batch size and trainer that finished.
 * @param diverged the batch sizes whose training diverged, with the divergence message; empty when none did.
 */
public record SweepResults(String name, int nTrain, String loss, double baseLearningRate, int baseBatchSize,
                           String lrScaling, int epochs, String backend, double optimumTrainLoss,
                           double nearOptimumFraction, List<Row> rows,
                           @JsonInclude(JsonInclude.Include.ALWAYS) List<Diverged> diverged) {

    /**
     * A batch size whose training diverged.
     *
     * @param batchSize rows per update.
     * @param full whether it is the whole training split.
     * @param learningRate the rate used at this batch size.
     * @param message which trainer, which value, after which epoch, and the likely cause.
     */
    public record Diverged(int batchSize, boolean full, double learningRate, String message) {
    }

    /**
     * One batch size and trainer.
     *
     * @param batchSize rows per update.
     * @param full whether it is the whole training split (batch gradient descent).
     * @param trainer framework or scratch.
     * @param learningRate the rate used at this batch size.
     * @param updatesPerEpoch updates per epoch.
     * @param secondsPerEpoch seconds of update steps per epoch.
     * @param usPerUpdate microseconds per update.
     * @param samplesPerS rows per second of update steps.
     * @param batchBytes memory one batch's arrays need.
     * @param batchLossSpreadLastEpoch σ of the batch losses in the last epoch.
     * @param trainLossSpreadLastEpochs σ of the training loss around its trend over the last epochs.
     * @param epochsTo1pctOfOptimum epochs to within 1 % of the optimum, or {@code null}.
     * @param updatesTo1pctOfOptimum updates to within 1 %, or {@code null}.
     * @param secondsTo1pctOfOptimum seconds of updates to within 1 %, or {@code null}.
     * @param finalTrainLoss the final training loss.
     * @param finalTestMse the final test MSE.
     * @param distanceToOptimum ‖θ − θ*‖.
     * @param trainersAgree whether the two trainers agreed at this batch size.
     * @param trainLossPerEpoch the training loss after every epoch.
     * @param stepSecondsPerEpoch cumulative seconds of update steps after every epoch.
     * @param finalTestAccuracy a classifier's final test accuracy; absent for a regression.
     */
    public record Row(int batchSize, boolean full, String trainer, double learningRate, int updatesPerEpoch,
                      double secondsPerEpoch, double usPerUpdate, double samplesPerS, long batchBytes,
                      double batchLossSpreadLastEpoch, double trainLossSpreadLastEpochs,
                      @JsonProperty("epochs_to_1pct_of_optimum") @JsonInclude(JsonInclude.Include.ALWAYS)
                      Integer epochsTo1pctOfOptimum,
                      @JsonProperty("updates_to_1pct_of_optimum") @JsonInclude(JsonInclude.Include.ALWAYS)
                      Long updatesTo1pctOfOptimum,
                      @JsonProperty("seconds_to_1pct_of_optimum") @JsonInclude(JsonInclude.Include.ALWAYS)
                      Double secondsTo1pctOfOptimum,
                      double finalTrainLoss, double finalTestMse, double distanceToOptimum, boolean trainersAgree,
                      double[] trainLossPerEpoch, double[] stepSecondsPerEpoch, Double finalTestAccuracy) {
    }
}
