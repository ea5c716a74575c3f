package dev.minibatch.agreement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minibatch.Reference;
import dev.minibatch.train.Parameters;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The classifier's optimum equals scikit-learn's unpenalised LogisticRegression (newton-cg, tol 1e-12; fixtures from
 * classification_fixtures.py): the probabilities to 1e-8 and the training log-loss to 1e-10 relative — the two
 * solvers stop at their own tolerances, so the optimum is compared, not the bits. Separable classes have none.
 */
class LogisticOptimumTest {
    static List<JsonNode> cases() {
        List<JsonNode> list = new ArrayList<>();
        Reference.load("classification_fixtures.json").get("logistic_optima").forEach(list::add);
        return list;
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("cases")
    void equalsScikitLearnsUnpenalisedLogisticRegression(JsonNode c) {
        double[][] x = Reference.matrix(c.get("X"));
        int[] labels = new int[x.length];
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            labels[i] = c.get("y").get(i).asInt();
            k = Math.max(k, labels[i] + 1);
        }
        boolean softmax = k > 2;
        double[][] y = new double[x.length][softmax ? k : 1];
        for (int i = 0; i < x.length; i++) {
            if (softmax) {
                y[i][labels[i]] = 1;
            } else {
                y[i][0] = labels[i];
            }
        }
        Parameters p = LogisticOptimum.solve(x, y, softmax);
        double loss = 0;
        for (int i = 0; i < x.length; i++) {
            double[] pr = proba(p, x[i], softmax);
            loss -= Math.log(pr[labels[i]]);
            if (i < c.get("proba_head").size()) {
                for (int j = 0; j < pr.length; j++) {
                    assertEquals(c.get("proba_head").get(i).get(j).asDouble(), pr[j], 1e-8, "row " + i);
                }
            }
        }
        double want = c.get("train_log_loss").asDouble();
        assertEquals(want, loss / x.length, want * 1e-10, "training log-loss");
    }

    private static double[] proba(Parameters p, double[] x, boolean softmax) {
        int k = p.nTargets();
        double[] z = p.bias().clone();
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < x.length; j++) {
                z[c] += x[j] * p.weights()[j][c];
            }
        }
        if (!softmax) {
            double s = 1 / (1 + Math.exp(-z[0]));
            return new double[] {1 - s, s};
        }
        double max = java.util.Arrays.stream(z).max().orElseThrow();
        double sum = 0;
        double[] out = new double[k];
        for (int c = 0; c < k; c++) {
            out[c] = Math.exp(z[c] - max);
            sum += out[c];
        }
        for (int c = 0; c < k; c++) {
            out[c] /= sum;
        }
        return out;
    }

    @Test
    void separableClassesHaveNoFiniteOptimum() {
        double[][] x = {{0}, {1}, {2}, {3}};
        double[][] y = {{0}, {0}, {1}, {1}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LogisticOptimum.solve(x, y, false));
        assertTrue(e.getMessage().contains("linearly separable"), e.getMessage());
    }
}
