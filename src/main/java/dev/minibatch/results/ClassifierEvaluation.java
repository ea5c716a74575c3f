package dev.minibatch.results;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * The content of {@code evaluate --json} for a classifier: a saved run's metrics on a labelled file, the metrics'
 * keys at the top level ({@code accuracy}, {@code log_loss}, {@code precision}, {@code recall}, {@code f1},
 * {@code confusion_matrix}, {@code roc_auc}, {@code classes}, {@code support}).
 *
 * @param model the run folder.
 * @param trainer the trainer whose model predicted.
 * @param input the labelled CSV.
 * @param rows its data rows.
 * @param metrics scikit-learn's metrics of the predictions.
 */
public record ClassifierEvaluation(String model, String trainer, String input, int rows,
                                   @JsonUnwrapped ClassificationMetrics metrics) {
}
