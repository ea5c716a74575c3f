package dev.minibatch.report;

import dev.minibatch.format.Numbers;
import com.fasterxml.jackson.databind.JsonNode;
import dev.minibatch.config.ConfigException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares finished runs (say float vs double, CPU vs CUDA, two learning rates) from their results.json files:
 * parameters, losses and curves side by side, and the largest differences named. Runs of different data are
 * refused: the data and split settings must be equal.
 */
public final class CompareReport {

    private CompareReport() {
    }

    /**
     * A loaded run.
     *
     * @param label how the run is named in the report (its folder name).
     * @param results its results.json.
     */
    public record Run(String label, JsonNode results) {
    }

    /**
     * Loads runs and checks they trained on the same data.
     *
     * @param dirs the run folders.
     * @return the runs.
     * @throws ConfigException if a folder has no results.json or the data differ.
     */
    public static List<Run> load(List<Path> dirs) {
        if (dirs.size() < 2) {
            throw new ConfigException("compare: needs at least two run folders, got " + dirs.size());
        }
        List<Run> runs = new ArrayList<>();
        List<Path> real = new ArrayList<>();
        for (Path d : dirs) {
            JsonNode results = ResultsJson.read(d);
            Path canonical;
            try {
                canonical = d.toRealPath();
            } catch (IOException e) {
                throw new ConfigException(d + ": cannot read (" + e.getMessage() + ")");
            }
            int seen = real.indexOf(canonical);
            if (seen >= 0) {
                throw new ConfigException("compare: " + dirs.get(seen) + " and " + d + " are the same run folder;"
                        + " name each run once");
            }
            real.add(canonical);
            runs.add(new Run(null, results));
        }
        List<String> labels = labels(real);
        for (int i = 0; i < runs.size(); i++) {
            runs.set(i, new Run(labels.get(i), runs.get(i).results()));
        }
        Run first = runs.get(0);
        for (Run r : runs.subList(1, runs.size())) {
            for (String section : List.of("data", "split")) {
                JsonNode a = first.results().get("config").get(section);
                JsonNode b = r.results().get("config").get(section);
                if (!a.equals(b)) {
                    throw new ConfigException("compare: " + dirs.get(0) + " and " + dirs.get(runs.indexOf(r))
                            + " trained on different data (" + firstDifference(section, a, b)
                            + "); only runs of the same data and split can be compared");
                }
            }
        }
        return runs;
    }

    /**
     * Names each run by its folder, with as many parent folders as it takes to tell runs of the same name apart
     * ({@code cpu/seed} and {@code cuda/seed}).
     */
    static List<String> labels(List<Path> folders) {
        for (int depth = 1; ; depth++) {
            List<String> labels = new ArrayList<>();
            for (Path p : folders) {
                int n = p.getNameCount();
                labels.add(n == 0 ? p.toString() : p.subpath(Math.max(0, n - depth), n).toString());
            }
            if (new java.util.HashSet<>(labels).size() == labels.size() || depth > 64) {
                return labels;
            }
        }
    }

    private static String firstDifference(String section, JsonNode a, JsonNode b) {
        for (var it = a.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!a.get(k).equals(b.get(k))) {
                return section + "." + k + ": " + a.get(k) + " vs " + b.get(k);
            }
        }
        return section + " differs";
    }

    /**
     * Builds the comparison: a JSON tree and the document.
     *
     * @param runs the loaded runs.
     * @return the comparison tree (for compare.json) and the report.
     */
    public static Map.Entry<Map<String, Object>, Doc> build(List<Run> runs) {
        Doc doc = new Doc("minibatch compare: " + String.join(" vs ", runs.stream().map(Run::label).toList()));
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("runs", runs.stream().map(Run::label).toList());

        List<String> cols = new ArrayList<>(List.of(""));
        List<JsonNode> columns = new ArrayList<>();
        for (Run r : runs) {
            r.results().get("trainers").fields().forEachRemaining(e -> {
                cols.add(r.label() + " / " + e.getKey());
                columns.add(e.getValue());
            });
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(cells("backend", runs, r -> r.results().get("backend").get("name").asText()
                + " " + r.results().get("backend").path("dtype").asText()));
        rows.add(cells("loss, lr", runs, r -> r.results().get("config").get("training").get("loss").asText() + ", "
                + r.results().get("config").get("training").get("learning_rate").asText()));
        rows.add(cells("epochs, batch", runs, r -> r.results().get("config").get("training").get("epochs").asText()
                + ", " + r.results().get("config").get("training").get("batch_size").asText()));
        for (String[] k : new String[][] {{"final bias", "bias"}, {"final weights", "weights"},
            {"test MSE", "test_mse"}, {"final training loss", "final_train_loss"}, {"steps", "steps"},
            {"seconds", "train_seconds"}, {"µs per step", "us_per_step"}}) {
            List<String> row = new ArrayList<>(List.of(k[0]));
            columns.forEach(c -> row.add(RunReport.fmt(c.get(k[1]))));
            rows.add(row);
        }
        doc.heading("Side by side");
        doc.table(cols, rows);

        // Differences of every trainer column against the first column.
        List<Map<String, Object>> diffs = new ArrayList<>();
        List<List<String>> drows = new ArrayList<>();
        double largest = -1;
        String largestText = "";
        for (int i = 1; i < columns.size(); i++) {
            double dp = maxAbsDiff(columns.get(0).get("weights"), columns.get(i).get("weights"));
            dp = Math.max(dp, maxAbsDiff(columns.get(0).get("bias"), columns.get(i).get("bias")));
            double dl = maxRelHistoryDiff(columns.get(0).get("history"), columns.get(i).get("history"));
            double dt = Math.abs(columns.get(i).get("test_mse").asDouble() - columns.get(0).get("test_mse").asDouble());
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("against", cols.get(1));
            d.put("run", cols.get(i + 1));
            d.put("max_abs_param_diff", dp);
            d.put("max_rel_epoch_loss_diff", dl);
            d.put("abs_test_mse_diff", dt);
            diffs.add(d);
            drows.add(List.of(cols.get(i + 1), num(dp), num(dl), num(dt)));
            if (dp > largest) {
                largest = dp;
                largestText = cols.get(i + 1) + " vs " + cols.get(1) + ": max |Δθ| = " + num(dp);
            }
        }
        tree.put("differences_vs_first", diffs);
        tree.put("largest_difference", largestText);
        doc.heading("Differences against " + cols.get(1));
        doc.paragraph("Largest parameter difference: " + largestText + ".");
        doc.table(List.of("run / trainer", "max |Δθ| (final)", "max rel Δ epoch loss", "|Δ test MSE|"), drows);

        List<Charts.Series> loss = new ArrayList<>();
        int i = 0;
        for (int c = 0; c < columns.size(); c++) {
            JsonNode h = columns.get(c).get("history");
            loss.add(new Charts.Series(cols.get(c + 1), Plots.epochs(h), Plots.column(h, "train_loss"), false, i++ > 0));
        }
        doc.heading("Training loss per epoch");
        doc.image(new Doc.Image("compare_loss.png", "training loss per epoch of every run",
                Charts.png("Training loss per epoch", "epoch", "training loss", true, loss)));
        List<Charts.Series> test = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            JsonNode h = columns.get(c).get("history");
            test.add(new Charts.Series(cols.get(c + 1), Plots.epochs(h), Plots.column(h, "test_mse"), false, c > 0));
        }
        doc.heading("Test MSE per epoch");
        doc.image(new Doc.Image("compare_test.png", "test MSE per epoch of every run",
                Charts.png("Test MSE per epoch", "epoch", "test MSE", true, test)));
        return Map.entry(tree, doc);
    }

    private interface Cell {
        String of(Run r);
    }

    private static List<String> cells(String label, List<Run> runs, Cell cell) {
        List<String> row = new ArrayList<>(List.of(label));
        for (Run r : runs) {
            String v = cell.of(r);
            r.results().get("trainers").fieldNames().forEachRemaining(t -> row.add(v));
        }
        return row;
    }

    private static double maxAbsDiff(JsonNode a, JsonNode b) {
        if (a.isArray()) {
            double m = 0;
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                m = Math.max(m, maxAbsDiff(a.get(i), b.get(i)));
            }
            return m;
        }
        return Math.abs(a.asDouble() - b.asDouble());
    }

    private static double maxRelHistoryDiff(JsonNode a, JsonNode b) {
        double m = 0;
        for (int e = 0; e < Math.min(a.size(), b.size()); e++) {
            double x = a.get(e).get("train_loss").asDouble();
            double y = b.get(e).get("train_loss").asDouble();
            m = Math.max(m, x == y ? 0 : Math.abs(x - y) / Math.max(Math.abs(x), Double.MIN_NORMAL));
        }
        return m;
    }

    private static String num(double v) {
        return Numbers.format(v, 4);
    }
}
