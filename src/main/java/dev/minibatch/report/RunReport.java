package dev.minibatch.report;

import dev.minibatch.format.Numbers;
import dev.minibatch.io.AtomicFiles;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a run's report — {@code report.md}, {@code report.html} and the PNG plots — from its results.json tree.
 * It reads results only; it never recomputes training (the fit plot evaluates the stored parameters on the
 * stored test rows).
 */
public final class RunReport {
    private static final int MAX_SHOWN = 6;

    private RunReport() {
    }

    /**
     * Builds the report document.
     *
     * @param r the results.json tree.
     * @return the document.
     */
    public static Doc build(JsonNode r) {
        JsonNode trainers = r.get("trainers");
        JsonNode ref = r.get("reference");
        JsonNode opt = r.get("optimum");
        Doc doc = new Doc("minibatch run: " + r.get("name").asText());

        List<String> verdicts = new ArrayList<>();
        if (r.has("agreement")) {
            JsonNode a = r.get("agreement");
            verdicts.add((a.get("agree").asBoolean() ? "The two trainers agree" : "The two trainers DISAGREE")
                    + ": largest parameter difference over all epochs " + num(a.get("max_abs_param_diff"))
                    + " (tolerance " + num(a.get("tolerance")) + ").");
        }
        if (ref != null) {
            verdicts.add("Python reference (" + ref.get("kind").asText() + ", " + ref.get("file").asText() + "): "
                    + ref.get("verdict").asText() + ".");
        } else if (r.has("reference_absent")) {
            verdicts.add("Python reference: " + r.get("reference_absent").asText() + ".");
        }
        JsonNode backend = r.get("backend");
        verdicts.add("Backend: " + backend.get("name").asText() + " (" + backend.get("device").asText() + ", "
                + backend.path("dtype").asText() + ")" + (backend.path("fallback_reason").isTextual()
                ? "; CUDA skipped: " + backend.get("fallback_reason").asText() : "") + ".");
        verdicts.forEach(doc::paragraph);

        doc.heading("Trainers side by side");
        List<String> cols = new ArrayList<>(List.of(""));
        trainers.fieldNames().forEachRemaining(cols::add);
        if (ref != null) {
            cols.add("python (" + ref.get("kind").asText() + ")");
        }
        if (opt != null && !opt.isNull()) {
            cols.add("least-squares optimum");
        }
        boolean hasRef = ref != null;
        boolean hasOpt = opt != null && !opt.isNull();
        JsonNode noRef = hasRef ? ref.path("_none") : null;
        JsonNode noOpt = hasOpt ? opt.path("_none") : null;
        List<List<String>> rows = new ArrayList<>();
        rows.add(row("initial bias", trainers, "initial_bias", hasRef ? ref.get("initial_bias") : null, noOpt));
        rows.add(row("initial weights", trainers, "initial_weights", hasRef ? ref.get("initial_weights") : null,
                noOpt));
        rows.add(row("final bias", trainers, "bias", hasRef ? ref.get("bias") : null, hasOpt ? opt.get("bias") : null));
        rows.add(row("final weights", trainers, "weights", hasRef ? ref.get("weights") : null,
                hasOpt ? opt.get("weights") : null));
        rows.add(row("test MSE", trainers, "test_mse", hasRef ? ref.get("test_mse") : null,
                hasOpt ? opt.get("test_mse") : null));
        rows.add(row("final training loss", trainers, "final_train_loss",
                hasRef ? last(ref.get("history"), "train_loss") : null, hasOpt ? opt.get("train_loss") : null));
        rows.add(row("distance to optimum", trainers, "distance_to_optimum", noRef, noOpt));
        rows.add(row("steps", trainers, "steps", noRef, noOpt));
        rows.add(secondsRow(trainers, noRef, noOpt));
        rows.add(row("µs per step", trainers, "us_per_step", noRef, noOpt));
        rows.add(row("engine", trainers, "engine", noRef, noOpt));
        for (List<String> row : rows) {
            while (row.size() < cols.size()) {
                row.add("");
            }
        }
        doc.table(cols, rows);

        if (ref != null) {
            doc.heading("Against the Python reference");
            doc.paragraph(ref.get("note").asText() + " Tolerance: " + num(ref.get("tolerance")) + " relative"
                    + (ref.get("exact").asBoolean() ? "." : " (a band: the shuffle orders differ)."));
            List<List<String>> rr = new ArrayList<>();
            ref.get("comparison").fields().forEachRemaining(e -> {
                JsonNode c = e.getValue();
                rr.add(List.of(e.getKey(), num(c.get("max_abs_param_diff")), num(c.get("max_rel_param_diff")),
                        num(c.get("max_rel_epoch_loss_diff")), num(c.get("test_mse_rel_diff")),
                        c.get("agree").asBoolean() ? "yes" : "NO"));
            });
            doc.table(List.of("trainer", "max |Δθ|", "max rel Δθ", "max rel Δ epoch loss", "rel Δ test MSE",
                    "agrees"), rr);
        }

        Plots.addRunPlots(doc, r);

        doc.heading("Configuration");
        Map<String, String> cfg = new LinkedHashMap<>();
        flatten("", r.get("config"), cfg);
        doc.keyValues(cfg);
        doc.heading("Backend");
        Map<String, String> be = new LinkedHashMap<>();
        backend.fields().forEachRemaining(e -> be.put(e.getKey(), e.getValue().isValueNode()
                ? e.getValue().asText() : e.getValue().toString()));
        doc.keyValues(be);
        doc.heading("Data");
        Map<String, String> data = new LinkedHashMap<>();
        r.get("data").fields().forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
        JsonNode c = r.get("config");
        data.put("data seed", c.path("data").path("random_state").asText());
        data.put("split seed", c.path("split").path("random_state").asText());
        data.put("init seed", c.path("model").path("init_seed").asText());
        doc.keyValues(data);
        if (opt == null || opt.isNull()) {
            doc.paragraph("No least-squares optimum: " + r.path("optimum_error").asText("not computed") + ".");
        } else {
            doc.paragraph("The least-squares optimum is solved in closed form (normal equations, Cholesky) on the"
                    + " training split; its training loss is " + num(opt.get("train_loss")) + " and test MSE "
                    + num(opt.get("test_mse")) + ".");
        }
        return doc;
    }

    /** A table row: the trainers' values, then the reference's and the optimum's cells where those columns exist. */
    private static List<String> row(String label, JsonNode trainers, String key, JsonNode refCell, JsonNode optCell) {
        List<String> row = new ArrayList<>(List.of(label));
        trainers.fields().forEachRemaining(e -> row.add(fmt(e.getValue().get(key))));
        if (refCell != null) {
            row.add(fmt(refCell));
        }
        if (optCell != null) {
            row.add(fmt(optCell));
        }
        return row;
    }

    /** Training time in a readable unit ("3.57 s", "55.1 ms"), not ten digits of seconds. */
    private static List<String> secondsRow(JsonNode trainers, JsonNode refCell, JsonNode optCell) {
        List<String> row = new ArrayList<>(List.of("seconds"));
        trainers.fields().forEachRemaining(e -> row.add(Numbers.seconds(e.getValue().get("train_seconds")
                .asDouble())));
        if (refCell != null) {
            row.add("");
        }
        if (optCell != null) {
            row.add("");
        }
        return row;
    }

    private static JsonNode last(JsonNode history, String key) {
        return history.get(history.size() - 1).get(key);
    }

    /** Formats a number, a text, or a (nested) array truncated to a few entries. */
    static String fmt(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return "";
        }
        if (n.isTextual()) {
            return n.asText();
        }
        if (n.isArray()) {
            List<String> parts = new ArrayList<>();
            flatValues(n, parts);
            String shown = String.join(", ", parts.subList(0, Math.min(MAX_SHOWN, parts.size())));
            return "[" + shown + (parts.size() > MAX_SHOWN ? ", … (" + parts.size() + " values)" : "") + "]";
        }
        return n.isIntegralNumber() ? n.asText() : num(n);
    }

    private static void flatValues(JsonNode n, List<String> out) {
        if (n.isArray()) {
            n.forEach(c -> flatValues(c, out));
        } else {
            out.add(num(n));
        }
    }

    /**
     * Formats a number as the report shows it: up to ten significant digits (parameters are compared to the
     * last digits), trailing zeros dropped ({@link Numbers}).
     *
     * @param n a JSON number.
     * @return the text; empty for null.
     */
    public static String num(JsonNode n) {
        if (n == null || n.isNull()) {
            return "";
        }
        return Numbers.format(n.asDouble(), 10);
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isObject()) {
                flatten(prefix + e.getKey() + ".", e.getValue(), out);
            } else {
                out.put(prefix + e.getKey(), e.getValue().asText());
            }
        }
    }

    /**
     * Writes report.md, report.html and the PNG files into a folder, each through a temporary file.
     *
     * @param doc the document.
     * @param dir the folder.
     * @param baseName the file name without extension, e.g. {@code report}.
     * @throws IOException if a file cannot be written.
     */
    public static void write(Doc doc, Path dir, String baseName) throws IOException {
        Files.createDirectories(dir);
        for (Doc.Image i : doc.images()) {
            AtomicFiles.write(dir.resolve(i.file()), i.png());
        }
        AtomicFiles.write(dir.resolve(baseName + ".md"), doc.markdown().getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(dir.resolve(baseName + ".html"), doc.html().getBytes(StandardCharsets.UTF_8));
    }
}
