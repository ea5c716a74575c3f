package dev.minibatch.io;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** Numbers out of JSON arrays, as results.json and the reference files store them. */
public final class JsonArrays {
    private JsonArrays() {
    }

    /**
     * Converts a JSON array of numbers.
     *
     * @param array the array.
     * @return its values.
     */
    public static double[] doubles(JsonNode array) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).asDouble();
        }
        return v;
    }

    /**
     * Flattens nested JSON arrays of numbers (or a single number) in row-major order.
     *
     * @param node the array or number.
     * @return its values.
     */
    public static double[] flatten(JsonNode node) {
        List<Double> out = new ArrayList<>();
        flattenInto(node, out);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void flattenInto(JsonNode node, List<Double> out) {
        if (node.isArray()) {
            node.forEach(n -> flattenInto(n, out));
        } else {
            out.add(node.asDouble());
        }
    }

    /**
     * Reads a JSON array of texts.
     *
     * @param array the array.
     * @return its elements as strings.
     */
    public static java.util.List<String> strings(JsonNode array) {
        java.util.List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
