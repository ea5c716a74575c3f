package dev.minibatch.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minibatch.Reference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * make_friedman1 equals scikit-learn's definition on NumPy's stream bit for bit, features and targets, with and
 * without noise (fixtures from friedman_fixtures.py; its sine is the C library's, as libnd4j's is).
 */
class MakeFriedman1Test {
    static List<JsonNode> cases() {
        List<JsonNode> list = new ArrayList<>();
        Reference.load("friedman_fixtures.json").get("make_friedman1").forEach(list::add);
        return list;
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("cases")
    void equalsScikitLearnBitForBit(JsonNode c) {
        JsonNode p = c.get("params");
        Regression r = MakeFriedman1.generate(p.get("n_samples").asInt(), p.get("n_features").asInt(),
                p.get("noise").asDouble(), p.get("random_state").asLong());
        double[][] x = Reference.matrix(c.get("X"));
        JsonNode y = c.get("y");
        assertEquals(x.length, r.x().length);
        for (int i = 0; i < x.length; i++) {
            assertArrayEquals(x[i], r.x()[i], 0.0, "X row " + i);
            assertEquals(y.get(i).doubleValue(), r.y()[i][0], 0.0, "y row " + i);
        }
    }

    @Test
    void fewerThanFiveFeaturesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> MakeFriedman1.generate(10, 4, 0, 0));
    }
}
