package dev.minibatch.results;

import java.util.Map;

/**
 * The content of {@code evaluate --json} for several independent labels (a binary cross-entropy over several 0/1
 * columns): each label's metrics as a two-class problem, by the label column's name.
 *
 * @param model the run folder.
 * @param trainer the trainer whose model predicted.
 * @param input the labelled CSV.
 * @param rows its data rows.
 * @param labels per label column, scikit-learn's metrics of its sigmoid output against its 0/1 values.
 */
public record LabelsEvaluation(String model, String trainer, String input, int rows,
                               Map<String, ClassificationMetrics> labels) {
}
