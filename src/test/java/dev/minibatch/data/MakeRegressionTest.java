package dev.minibatch.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minibatch.Reference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * make_regression and train_test_split must equal scikit-learn 1.2.1 bit for bit: the tutorial's call, a
 * multi-feature multi-target call with bias and noise, and a wide call without noise (fixtures from
 * numpy_fixtures.py).
 */
class MakeRegressionTest {

    static List<JsonNode> cases() {
        List<JsonNode> list = new ArrayList<>();
        Reference.load("numpy_fixtures.json").get("make_regression").forEach(list::add);
        return list;
    }

    private static Regression generate(JsonNode c) {
        JsonNode p = c.get("params");
        return MakeRegression.generate(p.get("n_samples").asInt(), p.get("n_features").asInt(),
                p.path("n_informative").asInt(10), p.path("n_targets").asInt(1), p.path("bias").asDouble(0.0),
                p.path("noise").asDouble(0.0), p.get("random_state").asLong());
    }

    /** scikit-learn squeezes single-target y and coef to one dimension; bring them back to columns. */
    private static double[][] columns(JsonNode node) {
        if (node.isNumber()) {
            return new double[][] {{node.doubleValue()}};
        }
        if (node.get(0).isArray()) {
            return Reference.matrix(node);
        }
        double[] v = Reference.doubles(node);
        double[][] out = new double[v.length][];
        for (int i = 0; i < v.length; i++) {
            out[i] = new double[] {v[i]};
        }
        return out;
    }

    @ParameterizedTest(name = "{index}: features equal scikit-learn")
    @MethodSource("cases")
    void featuresEqualScikitLearnBitForBit(JsonNode c) {
        double[][] expected = Reference.matrix(c.get("X"));
        double[][] actual = generate(c).x();
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], 0.0, "row " + i);
        }
    }

    @ParameterizedTest(name = "{index}: targets equal scikit-learn")
    @MethodSource("cases")
    void targetsEqualScikitLearnBitForBit(JsonNode c) {
        double[][] expected = columns(c.get("y"));
        double[][] actual = generate(c).y();
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], 0.0, "row " + i);
        }
    }

    @ParameterizedTest(name = "{index}: coefficients equal scikit-learn")
    @MethodSource("cases")
    void coefficientsEqualScikitLearn(JsonNode c) {
        double[][] expected = columns(c.get("coef"));
        double[][] actual = generate(c).coef();
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], 0.0, "feature " + i);
        }
    }

    @ParameterizedTest(name = "{index}: split indices equal scikit-learn")
    @MethodSource("cases")
    void splitIndicesEqualScikitLearn(JsonNode c) {
        SplitIndices s = TrainTestSplit.split(c.get("params").get("n_samples").asInt(),
                c.get("test_size").asDouble(), c.get("split_random_state").asLong());
        assertArrayEquals(Reference.ints(c.get("test_indices")), s.test());
        assertArrayEquals(Reference.ints(c.get("train_indices")), s.train());
    }
}
