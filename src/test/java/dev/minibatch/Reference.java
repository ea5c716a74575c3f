package dev.minibatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minibatch.io.JsonArrays;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Reads the committed NumPy reference JSONs in notebooks-export/reference/ (written by scripts/make-reference). */
public final class Reference {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Reference() {
    }

    /**
     * Loads a reference file.
     *
     * @param name the file name, e.g. {@code seed.json}.
     * @return its JSON tree.
     */
    public static JsonNode load(String name) {
        try {
            return JSON.readTree(Path.of("notebooks-export", "reference", name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Converts a JSON array of numbers.
     *
     * @param node the array.
     * @return its values, parsed from their shortest round-trip decimal form (exact).
     */
    public static double[] doubles(JsonNode node) {
        return JsonArrays.doubles(node);
    }

    /**
     * Converts a JSON array of integers.
     *
     * @param node the array.
     * @return its values.
     */
    public static int[] ints(JsonNode node) {
        int[] out = new int[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).intValue();
        }
        return out;
    }

    /**
     * Converts a JSON array of arrays of numbers.
     *
     * @param node the array.
     * @return the matrix.
     */
    public static double[][] matrix(JsonNode node) {
        double[][] out = new double[node.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = doubles(node.get(i));
        }
        return out;
    }
}
