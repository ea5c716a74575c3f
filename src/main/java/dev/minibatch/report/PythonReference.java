package dev.minibatch.report;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A Python reference run from {@code notebooks-export/reference/}: the NumPy or PyTorch notebook's parameters and
 * history, with the config keys ({@code match}) a run must have for the reference to apply to it.
 *
 * @param file the reference JSON.
 * @param json its content.
 */
public record PythonReference(Path file, JsonNode json) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Returns the folder that holds the references: {@code notebooks-export/reference} under the project folder
     * the launcher names in the {@code minibatch.home} system property, or under the working directory.
     *
     * @return the folder (it may not exist).
     */
    public static Path defaultFolder() {
        return Path.of(System.getProperty("minibatch.home", ".")).resolve("notebooks-export").resolve("reference");
    }

    /**
     * Finds the reference whose {@code match} keys all equal the run's configuration.
     *
     * @param folder the reference folder.
     * @param config the run's configuration tree ({@link dev.minibatch.config.ConfigTree}).
     * @return the first matching reference, by file name.
     */
    public static Optional<PythonReference> find(Path folder, Map<String, Object> config) {
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(folder)) {
            s.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
        } catch (IOException e) {
            return Optional.empty();
        }
        JsonNode tree = JSON.valueToTree(config);
        for (Path f : files) {
            try {
                JsonNode match = topLevelField(f, "match");
                if (match != null && matches(match, tree)) {
                    JsonNode j = JSON.readTree(f.toFile());
                    if (j.has("history")) {
                        return Optional.of(new PythonReference(f, j));
                    }
                }
            } catch (IOException e) {
                // not a reference file; skip it
            }
        }
        return Optional.empty();
    }

    /**
     * Reads one top-level field of a JSON object file without building the rest: the folder also holds large
     * fixture files (1.6 MB), and only the reference that matches is read whole.
     */
    private static JsonNode topLevelField(Path file, String name) throws IOException {
        try (JsonParser p = JSON.getFactory().createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.getCurrentName();
                p.nextToken();
                if (field.equals(name)) {
                    return JSON.readTree(p);
                }
                p.skipChildren();
            }
            return null;
        }
    }

    /**
     * Says why no reference applies to a run: the reference whose {@code match} keys differ least from the run's
     * configuration, and those keys with both values.
     *
     * @param folder the reference folder.
     * @param config the run's configuration tree.
     * @return e.g. "no Python reference for this config: the closest, seed.json, was run with training.dtype
     *     double (this run: float)".
     */
    public static String whyNone(Path folder, Map<String, Object> config) {
        JsonNode tree = JSON.valueToTree(config);
        String best = null;
        List<String> bestDiffs = null;
        int otherLoss = 0;
        int otherSource = 0;
        try (Stream<Path> s = Files.isDirectory(folder) ? Files.list(folder) : Stream.empty()) {
            for (Path f : s.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode match = topLevelField(f, "match");
                if (match == null) {
                    continue;
                }
                List<String> diffs = differences(match, tree);
                if (diffs.stream().anyMatch(d -> d.startsWith("training.loss "))) {
                    otherLoss++;                                  // another kind of problem: not "close"
                    continue;
                }
                if (diffs.stream().anyMatch(d -> d.startsWith("data.source "))) {
                    otherSource++;                                // other data: not "close" either
                    continue;
                }
                if (bestDiffs == null || diffs.size() < bestDiffs.size()) {
                    best = f.getFileName().toString();
                    bestDiffs = diffs;
                }
            }
        } catch (IOException e) {
            return "no Python reference: " + folder + " cannot be read";
        }
        if (best == null && otherSource > 0) {
            JsonNode source = lookup(tree, "data.source");
            return "no Python reference for data.source " + (source == null ? "make_regression" : source.asText())
                    + " in " + folder;
        }
        if (best == null) {
            JsonNode loss = lookup(tree, "training.loss");
            return "no Python reference: " + folder + " holds none" + (loss == null || otherLoss == 0 ? ""
                    : " run with training.loss " + loss.asText());
        }
        return "no Python reference for this config: the closest, " + best + ", was run with "
                + String.join(", ", bestDiffs.subList(0, Math.min(3, bestDiffs.size())))
                + (bestDiffs.size() > 3 ? " and " + (bestDiffs.size() - 3) + " more" : "");
    }

    private static JsonNode lookup(JsonNode config, String key) {
        JsonNode v = config;
        for (String part : key.split("\\.")) {
            v = v == null ? null : v.get(part);
        }
        return v;
    }

    private static boolean same(String key, JsonNode want, JsonNode v) {
        if (v == null) {
            return false;
        }
        if (want.isContainerNode() || v.isContainerNode()) {
            return want.equals(v);                             // a list (hidden layers) as a whole
        }
        if (key.equals("data.path")) {
            // a reference names its CSV by file name; the run's path is resolved on this machine
            return Path.of(v.asText()).getFileName().toString().equals(want.asText());
        }
        return want.isNumber() && v.isNumber() ? want.asDouble() == v.asDouble() : want.asText().equals(v.asText());
    }

    private static boolean matches(JsonNode match, JsonNode config) {
        return differences(match, config).isEmpty();
    }

    /**
     * Settings a reference that does not name them was run with: the tutorial's make_regression data and linear
     * model, plain SGD, without regularization, schedule, validation split or early stopping. A run that changes one of them trains
     * differently, so no such reference applies to it.
     */
    private static final Map<String, JsonNode> IMPLICIT = Map.of(
            "training.optimizer", JSON.getNodeFactory().textNode("sgd"),
            "training.l1", JSON.getNodeFactory().numberNode(0.0),
            "training.l2", JSON.getNodeFactory().numberNode(0.0),
            "training.lr_schedule.type", JSON.getNodeFactory().textNode("none"),
            "training.early_stopping.monitor", JSON.getNodeFactory().textNode("none"),
            "split.validation_size", JSON.getNodeFactory().numberNode(0.0),
            "distributed.master", JSON.getNodeFactory().textNode(""),
            "data.source", JSON.getNodeFactory().textNode("make_regression"),
            "model.hidden_layers", JSON.getNodeFactory().arrayNode(),
            "model.output_activation", JSON.getNodeFactory().textNode("identity"));

    /** The keys where a run's configuration differs from what a reference was run with, with both values. */
    private static List<String> differences(JsonNode match, JsonNode config) {
        List<String> diffs = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = match.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = lookup(config, e.getKey());
            if (!same(e.getKey(), e.getValue(), v)) {
                diffs.add(e.getKey() + " " + shown(e.getValue()) + " (this run: " + (v == null ? "unset"
                        : shown(v)) + ")");
            }
        }
        for (Map.Entry<String, JsonNode> e : new java.util.TreeMap<>(IMPLICIT).entrySet()) {
            JsonNode v = lookup(config, e.getKey());
            if (!match.has(e.getKey()) && v != null && !same(e.getKey(), e.getValue(), v)) {
                diffs.add(e.getKey() + " " + shown(e.getValue()) + " (this run: " + shown(v) + ")");
            }
        }
        return diffs;
    }

    /** A value as a difference names it: a list as JSON, "[] (the linear model)", "unset (one machine)". */
    private static String shown(JsonNode v) {
        if (v.isArray()) {
            return v.isEmpty() ? "[] (the linear model)" : v.toString().replace("\"", "");
        }
        return v.asText().isEmpty() ? "unset (one machine)" : v.asText();
    }

    /** @return whether the reference must agree exactly (same shuffle) rather than within a band. */
    public boolean exact() {
        return json.path("exact").asBoolean(false);
    }
}
