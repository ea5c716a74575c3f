package dev.minibatch.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.minibatch.config.ConfigException;
import dev.minibatch.config.Setting;
import dev.minibatch.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A run folder's {@code results.json} on disk: written whole (never half a file) and read back with the checks that
 * {@code predict}, {@code compare}, {@code runs} and the reports rely on. The tree itself is {@link RunResults};
 * building it from a run is the report's ({@code report.RunResultsBuilder}).
 */
public final class ResultsFile {
    /** The file's name in a run folder. */
    public static final String FILE = "results.json";

    private ResultsFile() {
    }

    /**
     * Writes {@code results.json} into a folder, creating it if needed. The file is written to a temporary name
     * and moved into place, so a reader never sees half a file.
     *
     * @param tree the results.
     * @param dir the output folder.
     * @return the path written.
     * @throws IOException if the folder or file cannot be written.
     */
    public static Path write(RunResults tree, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(FILE);
        AtomicFiles.write(target, p -> ResultsMapper.JSON.writeValue(p.toFile(), tree));
        return target;
    }

    /**
     * Reads a run folder's {@code results.json} and checks that it has what {@code predict}, {@code compare} and
     * the reports read: the config's data, split and training sections, the backend, the data's sizes, and for
     * every trainer its parameters (of the data's shape), test MSE and a per-epoch history.
     *
     * @param dir the run folder.
     * @return the tree.
     * @throws ConfigException (exit code 2) naming the file and the first key that is missing or malformed.
     */
    public static RunResults read(Path dir) {
        dev.minibatch.io.OutputFolder.repair(dir, FILE);    // a kill between a swap's renames left it aside
        Path f = dir.resolve(FILE);
        if (Files.isDirectory(f) || !Files.exists(dir.resolve(FILE))) {
            throw new ConfigException(dir + ": not a run folder (no " + FILE + "; run minibatch train first)");
        }
        if (!Files.isRegularFile(f)) {            // a pipe would be waited on for ever, a device read without end
            throw new ConfigException(f + ": is not a regular file (a pipe or a device); a run folder's " + FILE
                    + " is the file minibatch train wrote");
        }
        JsonNode r;
        try {
            r = ResultsMapper.JSON.readTree(f.toFile());
        } catch (IOException e) {
            throw new ConfigException(f + ": " + dev.minibatch.io.JsonProblems.describe(e) + "; re-run minibatch"
                    + " train to write it again");
        }
        String bad = problem(r);
        if (bad != null) {
            throw new ConfigException(f + ": not a minibatch results file (" + bad + "); re-run minibatch train"
                    + " to write it again");
        }
        try {
            // a null where a number belongs (a damaged "mean": [null, 1]) is refused, not read as 0
            return ResultsMapper.JSON.readerFor(RunResults.class)
                    .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .readValue(r);
        } catch (IOException e) {
            throw new ConfigException(f + ": not a minibatch results file (it " + dev.minibatch.io.JsonProblems
                    .describe(e) + "); re-run minibatch train to write it again");
        }
    }

    private static String problem(JsonNode r) {
        if (r == null || r.isMissingNode() || !r.isObject()) {
            return "expected a JSON object, found " + (r == null || r.isMissingNode() ? "nothing"
                    : r.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
        }
        for (String key : List.of("config/data", "config/split", "config/training", "backend", "data",
                "trainers")) {
            if (!r.at("/" + key).isObject()) {
                return "'" + key.replace('/', '.') + "' is missing or not an object";
            }
        }
        for (String key : List.of("config/training/loss", "config/training/learning_rate",
                "config/training/epochs", "config/training/batch_size", "backend/name")) {
            if (!r.at("/" + key).isValueNode()) {
                return "'" + key.replace('/', '.') + "' is missing";
            }
        }
        int nFeatures = r.at("/data/n_features").asInt(0);
        int nTargets = r.at("/data/n_targets").asInt(0);
        if (!r.at("/data/n_features").canConvertToInt() || nFeatures < 1 || !r.at("/data/n_targets")
                .canConvertToInt() || nTargets < 1) {
            return "'data.n_features' and 'data.n_targets' must be integers ≥ 1";
        }
        for (String key : List.of("feature_names", "target_names")) {
            JsonNode names = r.get("data").get(key);
            int n = key.startsWith("feature") ? nFeatures : nTargets;
            if (names == null || !names.isArray() || names.size() != n) {
                return "'data." + key + "' is not a list of " + n + " names";
            }
        }
        if (r.get("trainers").isEmpty()) {
            return "'trainers' is empty";
        }
        for (var it = r.get("trainers").fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode t = e.getValue();
            String at = "trainers." + e.getKey();
            JsonNode layers = t.get("layers");
            int outIn = nFeatures;                        // the output layer's inputs: the features, or the last units
            if (layers != null && !layers.isNull()) {
                if (!layers.isArray() || layers.isEmpty()) {
                    return "'" + at + ".layers' is not a list of layers";
                }
                int in = nFeatures;
                for (int l = 0; l < layers.size(); l++) {
                    JsonNode b = layers.get(l).get("bias");
                    int units = l == layers.size() - 1 ? nTargets : b == null ? -1 : b.size();
                    if (units < 1 || !matrix(layers.get(l).get("weights"), in, units) || !finite(b, units)) {
                        return "'" + at + ".layers[" + l + "]' is not a layer of " + in + " inputs"
                                + (l == layers.size() - 1 ? " and " + nTargets + " outputs" : "") + " (finite"
                                + " weights and biases)";
                    }
                    outIn = in;
                    in = units;
                }
            }
            if (!matrix(t.get("weights"), outIn, nTargets)) {
                return "'" + at + ".weights' is not a " + outIn + " × " + nTargets + " array of finite numbers";
            }
            if (!finite(t.get("bias"), nTargets)) {
                return "'" + at + ".bias' is not an array of " + nTargets + " finite numbers";
            }
            if (t.get("test_mse") == null || !t.get("history").isArray() || t.get("history").isEmpty()) {
                return "'" + at + "' lacks test_mse or its history";
            }
        }
        return null;
    }

    private static boolean matrix(JsonNode w, int rows, int cols) {
        if (w == null || !w.isArray() || w.size() != rows) {
            return false;
        }
        for (JsonNode row : w) {
            if (!finite(row, cols)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a node is an array of n finite numbers (a trained run's parameters always are). */
    private static boolean finite(JsonNode a, int n) {
        if (a == null || !a.isArray() || a.size() != n) {
            return false;
        }
        for (JsonNode v : a) {
            if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
                return false;
            }
        }
        return true;
    }
}
