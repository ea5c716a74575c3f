package dev.minibatch.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A classifier's metrics against scikit-learn's (notebooks-export/classification_metrics_reference.py): two classes
 * from one sigmoid output with tied scores (ROC AUC), three from softmax rows, four with a class never predicted and
 * one without rows (zero_division 0). Relative 1e-12: NumPy sums pairwise, Java in order.
 */
class ClassificationMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, Math.max(Math.abs(expected) * 1e-12, 1e-15), what);
    }

    @ParameterizedTest
    @ValueSource(strings = {"binary", "three", "four"})
    void equalScikitLearns(String name) throws IOException {
        JsonNode c = JSON.readTree(Path.of("notebooks-export", "reference", "classification_metrics.json").toFile())
                .get("cases").get(name);
        int[] truth = JSON.convertValue(c.get("y_true"), int[].class);
        double[][] proba = JSON.convertValue(c.get("proba"), double[][].class);
        List<String> classes = new ArrayList<>();
        c.get("classes").forEach(n -> classes.add(n.asText()));
        ClassificationMetrics m = ClassificationMetrics.of(truth, proba, classes);
        close(c.get("accuracy").asDouble(), m.accuracy(), "accuracy");
        close(c.get("log_loss").asDouble(), m.logLoss(), "log_loss");
        for (String metric : List.of("precision", "recall", "f1")) {
            ClassificationMetrics.PerClass got = switch (metric) {
                case "precision" -> m.precision();
                case "recall" -> m.recall();
                default -> m.f1();
            };
            JsonNode want = c.get(metric);
            for (int k = 0; k < classes.size(); k++) {
                close(want.get("per_class").get(k).asDouble(), got.perClass().get(classes.get(k)), metric + " of " + k);
            }
            close(want.get("macro").asDouble(), got.macro(), metric + " macro");
            close(want.get("weighted").asDouble(), got.weighted(), metric + " weighted");
        }
        long[][] cm = JSON.convertValue(c.get("confusion_matrix"), long[][].class);
        for (int k = 0; k < cm.length; k++) {
            assertArrayEquals(cm[k], m.confusionMatrix()[k], "confusion row " + k);
        }
        assertArrayEquals(JSON.convertValue(c.get("support"), long[].class), m.support());
        if (c.has("roc_auc")) {
            close(c.get("roc_auc").asDouble(), m.rocAuc(), "roc_auc");
        } else {
            assertNull(m.rocAuc());
        }
    }
}
