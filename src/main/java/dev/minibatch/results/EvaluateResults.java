package dev.minibatch.results;

import java.util.Map;

/**
 * The content of {@code evaluate --json}: a saved run's metrics on a labelled file.
 *
 * @param model the run folder.
 * @param trainer the trainer whose model predicted.
 * @param input the labelled CSV.
 * @param rows its data rows.
 * @param targets per target (by name), MSE, RMSE, MAE and R².
 * @param overall the uniform average over the targets.
 */
public record EvaluateResults(String model, String trainer, String input, int rows,
                              Map<String, RegressionMetrics> targets, RegressionMetrics overall) {
}
