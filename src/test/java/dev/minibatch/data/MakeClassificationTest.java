package dev.minibatch.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minibatch.Reference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * make_moons, make_circles and make_blobs equal scikit-learn's bit for bit, rows, order and labels (fixtures from
 * classification_fixtures.py: make_blobs is scikit-learn's own; the moons and circles take the C library's cosine and
 * sine, as libnd4j does), with and without noise, odd row counts included.
 */
class MakeClassificationTest {
    static List<JsonNode> cases() {
        List<JsonNode> list = new ArrayList<>();
        Reference.load("classification_fixtures.json").get("cases").forEach(list::add);
        return list;
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("cases")
    void equalsScikitLearnBitForBit(JsonNode c) {
        JsonNode p = c.get("params");
        int n = p.get("n_samples").asInt();
        double noise = p.get("noise") == null || p.get("noise").isNull() ? 0 : p.get("noise").asDouble();
        long seed = p.get("random_state").asLong();
        MakeClassification.Labelled r = switch (c.get("kind").asText()) {
            case "moons" -> MakeClassification.moons(n, noise, seed);
            case "circles" -> MakeClassification.circles(n, noise, seed, p.get("factor").asDouble());
            default -> MakeClassification.blobs(n, p.get("n_features").asInt(), p.get("centers").asInt(),
                    p.get("cluster_std").asDouble(), seed);
        };
        double[][] x = Reference.matrix(c.get("X"));
        assertEquals(x.length, r.x().length);
        for (int i = 0; i < x.length; i++) {
            assertArrayEquals(x[i], r.x()[i], 0.0, "X row " + i);
            assertEquals(c.get("y").get(i).asInt(), r.y()[i], "y row " + i);
        }
    }

    static List<JsonNode> splits() {
        List<JsonNode> list = new ArrayList<>();
        Reference.load("classification_fixtures.json").get("stratified_splits").forEach(list::add);
        return list;
    }

    /** train_test_split(stratify=y): the same rows on each side, in the same order, as scikit-learn. */
    @ParameterizedTest(name = "{index}")
    @MethodSource("splits")
    void stratifiedSplitEqualsScikitLearn(JsonNode c) {
        int[] labels = new int[c.get("labels").size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = c.get("labels").get(i).asInt();
        }
        SplitIndices s = TrainTestSplit.stratified(labels, c.get("test_size").asDouble(),
                c.get("random_state").asLong());
        assertArrayEquals(ints(c.get("train")), s.train(), "train");
        assertArrayEquals(ints(c.get("test")), s.test(), "test");
    }

    @Test
    void aClassOfOneRowCannotBeStratified() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TrainTestSplit.stratified(new int[] {0, 0, 0, 1, 0, 0}, 0.5, 1));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("class #1 (in the classes' order) has 1 row"), e.getMessage());
    }

    private static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asInt();
        }
        return out;
    }

    static List<JsonNode> classificationCases() {
        List<JsonNode> list = new ArrayList<>();
        Reference.load("classification_fixtures.json").get("make_classification").forEach(list::add);
        return list;
    }

    /** make_classification: hypercube vertices, covariances, redundant and repeated columns, flips, shuffles. */
    @ParameterizedTest(name = "{index}")
    @MethodSource("classificationCases")
    void makeClassificationEqualsScikitLearn(JsonNode c) {
        JsonNode p = c.get("params");
        MakeClassification.Labelled r = MakeClassification.classification(p.get("n_samples").asInt(),
                p.get("n_features").asInt(), p.path("n_informative").asInt(2), p.path("n_redundant").asInt(2),
                p.path("n_repeated").asInt(0), p.path("n_classes").asInt(2), p.path("n_clusters_per_class").asInt(2),
                p.path("flip_y").asDouble(0.01), p.path("class_sep").asDouble(1.0), p.get("random_state").asLong());
        double[][] x = Reference.matrix(c.get("X"));
        int differing = 0;
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            assertEquals(c.get("y").get(i).asInt(), r.y()[i], "y row " + i);
            for (int j = 0; j < x[i].length; j++) {
                if (x[i][j] != r.x()[i][j]) {
                    differing++;
                    worst = Math.max(worst, Math.abs(x[i][j] - r.x()[i][j]) / Math.abs(x[i][j]));
                }
            }
        }
        if (p.path("n_redundant").asInt(2) == 1) {
            // OpenBLAS's matrix-vector kernel (NumPy's X·B with one column) sums in four lanes: the redundant
            // column may differ in its last bits (documented); everything else is equal
            assertTrue(worst <= 1e-13 && differing <= x.length, differing + " values, worst " + worst);
        } else {
            assertEquals(0, differing, differing + " values differ, worst " + worst + " relative");
        }
    }

    @Test
    void linspaceIsNumpys() {
        assertArrayEquals(new double[] {0.0}, MakeClassification.linspace(0, Math.PI, 1, true), 0.0);
        assertArrayEquals(new double[] {0, 0.5, 1}, MakeClassification.linspace(0, 1, 3, true), 0.0);
        assertArrayEquals(new double[] {0, 1, 2, 3}, MakeClassification.linspace(0, 4, 4, false), 0.0);
        assertEquals(0, MakeClassification.linspace(0, 1, 0, true).length);
    }
}
