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

    private static boolean matches(JsonNode match, JsonNode config) {
        for (Iterator<Map.Entry<String, JsonNode>> it = match.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = config;
            for (String part : e.getKey().split("\\.")) {
                v = v == null ? null : v.get(part);
            }
            if (v == null) {
                return false;
            }
            JsonNode want = e.getValue();
            boolean same;
            if (e.getKey().equals("data.path")) {
                // a reference names its CSV by file name; the run's path is resolved on this machine
                same = Path.of(v.asText()).getFileName().toString().equals(want.asText());
            } else {
                same = want.isNumber() && v.isNumber() ? want.asDouble() == v.asDouble()
                        : want.asText().equals(v.asText());
            }
            if (!same) {
                return false;
            }
        }
        return true;
    }

    /** @return whether the reference must agree exactly (same shuffle) rather than within a band. */
    public boolean exact() {
        return json.path("exact").asBoolean(false);
    }
}
