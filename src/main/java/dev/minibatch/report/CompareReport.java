package dev.minibatch.report;

import dev.minibatch.results.ResultsFile;
import dev.minibatch.format.Numbers;
import dev.minibatch.results.CompareResults;
import dev.minibatch.results.RunResults;
import dev.minibatch.config.ConfigException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    public record Run(String label, RunResults results) {
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
            RunResults results = ResultsFile.read(d);
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
                Object a = first.results().config().get(section);
                Object b = r.results().config().get(section);
                if (firstDifference(section, a, b) != null) {
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

    /**
     * The first key whose values differ, where a key one tree leaves out counts as its default (a run leaves out what
     * it does not read; an older version wrote it at its default), or {@code null} when the sections are the same.
     */
    private static String firstDifference(String section, Object a, Object b) {
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            java.util.Set<Object> keys = new java.util.LinkedHashSet<>(ma.keySet());
            keys.addAll(mb.keySet());                          // a key only one run has (e.g. data.classes)
            for (Object k : keys) {
                String key = section + "." + k;
                if (!same(key, ma.containsKey(k) ? String.valueOf(ma.get(k)) : UNSET,
                        mb.containsKey(k) ? String.valueOf(mb.get(k)) : UNSET)) {
                    return key + ": " + (ma.containsKey(k) ? ma.get(k) : UNSET) + " vs "
                            + (mb.containsKey(k) ? mb.get(k) : UNSET);
                }
            }
            return null;
        }
        return java.util.Objects.equals(a, b) ? null : section + " differs";
    }

    static final String UNSET = "unset";

    /** Whether two values of a key are the same, a left-out key ({@link #UNSET}) being its default. */
    static boolean same(String key, String a, String b) {
        String def = dev.minibatch.config.ConfigTree.defaultText(key);
        return (UNSET.equals(a) && def != null ? def : a).equals(UNSET.equals(b) && def != null ? def : b);
    }

    /**
     * Builds the comparison: compare.json's content and the document.
     *
     * @param runs the loaded runs.
     * @return the comparison (for compare.json) and the report.
     */
    public static Map.Entry<CompareResults, Doc> build(List<Run> runs) {
        Doc doc = new Doc("minibatch compare: " + String.join(" vs ", runs.stream().map(Run::label).toList()));

        List<String> cols = new ArrayList<>(List.of(""));
        List<RunResults.Trainer> columns = new ArrayList<>();
        Map<RunResults.Trainer, Run> runOf = new java.util.IdentityHashMap<>();
        for (Run r : runs) {
            r.results().trainers().forEach((name, t) -> {
                cols.add(r.label() + " / " + name);
                columns.add(t);
                runOf.put(t, r);
            });
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(cells("ND4J backend", runs, r -> r.results().backend().name() + " " + r.results().backend().dtype()));
        // where each trainer ran: the GPU's name for the CUDA kernels (its full description is in results.json)
        rows.add(column("device", columns, t -> t.device() == null ? "CPU" : t.device().replaceFirst(" \\(.*$", "")));
        rows.add(cells("model", runs, r -> model(r.results())));
        rows.add(cells("loss, lr", runs, r -> training(r, "loss") + ", " + training(r, "learning_rate")));
        rows.add(cells("epochs, batch", runs, r -> training(r, "epochs") + ", " + training(r, "batch_size")));
        boolean anyNetwork = runs.stream().anyMatch(r -> !r.results().hiddenLayers().isEmpty());   // output layer
        rows.add(column(anyNetwork ? "output layer's final bias" : "final bias", columns,
                t -> RunReport.values(t.bias())));
        rows.add(column(anyNetwork ? "output layer's final weights" : "final weights", columns,
                t -> RunReport.values(t.weights())));
        if (columns.stream().anyMatch(c -> c.testAccuracy() != null)) {   // a classifier among them
            rows.add(column("test accuracy", columns, t -> t.testAccuracy() == null ? "" : RunReport.num(
                    t.testAccuracy())));
            rows.add(column("test loss", columns, t -> t.testLoss() == null ? "" : RunReport.num(t.testLoss())));
        }
        rows.add(column("test MSE", columns, t -> RunReport.num(t.testMse())));
        Convention convention = Convention.of(runs);
        rows.add(column("final training loss (" + convention.name() + ")", columns,
                t -> RunReport.num(convention.scale(runOf.get(t)) * t.finalTrainLoss())));
        rows.add(column("steps", columns, t -> String.valueOf(t.steps())));
        rows.add(column("seconds", columns, t -> Numbers.seconds(t.trainSeconds())));
        rows.add(column("µs per step", columns, t -> Numbers.format(t.usPerStep(), 4)));
        for (Map.Entry<String, List<String>> d : differingSettings(runs).entrySet()) {
            List<String> row = new ArrayList<>(List.of(d.getKey()));
            for (int i = 0; i < runs.size(); i++) {
                String v = d.getValue().get(i);
                runs.get(i).results().trainers().keySet().forEach(t -> row.add(v));
            }
            rows.add(row);
        }
        doc.heading("Side by side");
        doc.paragraph(convention.note() + " The rows after µs per step are every setting in which the runs'"
                + " resolved configurations differ" + (differingSettings(runs).isEmpty()
                ? ": none, the runs were configured alike." : "."));
        doc.table(cols, rows);

        // Differences of every trainer column against the first column.
        List<CompareResults.Difference> diffs = new ArrayList<>();
        List<List<String>> drows = new ArrayList<>();
        double largest = -1;
        String largestText = "";
        RunResults.Trainer base = columns.get(0);
        for (int i = 1; i < columns.size(); i++) {
            RunResults.Trainer t = columns.get(i);
            // another model (layers, units or activations) has parameters that do not correspond
            double dp = model(runOf.get(t).results()).equals(model(runOf.get(base).results())) ? paramDiff(base, t)
                    : Double.NaN;
            double dl = convention.comparable(runOf.get(base), runOf.get(t)) ? maxRelHistoryDiff(base.history(),
                    convention.scale(runOf.get(base)), t.history(), convention.scale(runOf.get(t))) : Double.NaN;
            double dt = Math.abs(t.testMse() - base.testMse());
            diffs.add(new CompareResults.Difference(cols.get(1), cols.get(i + 1), dp, dl, dt));
            drows.add(List.of(cols.get(i + 1), Double.isNaN(dp) ? "— (another model)" : num(dp),
                    Double.isNaN(dl) ? "— (another loss)" : num(dl), num(dt)));
            if (dp > largest) {
                largest = dp;
                largestText = cols.get(i + 1) + " vs " + cols.get(1) + ": max |Δθ| = " + num(dp);
            }
        }
        if (largestText.isEmpty()) {
            largestText = "none: the runs train different models, whose parameters do not correspond";
        }
        doc.heading("Differences against " + cols.get(1));
        doc.paragraph("Largest parameter difference: " + largestText + ".");
        doc.table(List.of("run / trainer", "max |Δθ| (final)", "max rel Δ epoch loss", "|Δ test MSE|"), drows);

        List<Charts.Series> loss = new ArrayList<>();
        List<Charts.Series> test = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            List<RunResults.Epoch> h = columns.get(c).history();
            double[] epochs = h.stream().mapToDouble(RunResults.Epoch::epoch).toArray();
            double k = convention.scale(runOf.get(columns.get(c)));
            loss.add(new Charts.Series(cols.get(c + 1), epochs, h.stream().mapToDouble(e -> k * e.trainLoss())
                    .toArray(), false, c > 0));
            test.add(new Charts.Series(cols.get(c + 1), epochs, h.stream().mapToDouble(RunResults.Epoch::testMse)
                    .toArray(), false, c > 0));
        }
        doc.heading("Training loss per epoch");
        doc.image(new Doc.Image("compare_loss.png", "training loss per epoch of every run",
                Charts.png("Training loss per epoch (" + convention.name() + ")", "epoch", "training loss ("
                        + convention.name() + ")", true, loss)));
        boolean classifiers = columns.stream().allMatch(t -> !t.history().isEmpty()
                && t.history().get(0).testAccuracy() != null);
        if (classifiers) {                                   // a classifier's test metric is its accuracy
            List<Charts.Series> acc = new ArrayList<>();
            for (int c = 0; c < columns.size(); c++) {
                List<RunResults.Epoch> h = columns.get(c).history();
                acc.add(new Charts.Series(cols.get(c + 1), h.stream().mapToDouble(RunResults.Epoch::epoch).toArray(),
                        h.stream().mapToDouble(RunResults.Epoch::testAccuracy).toArray(), false, c > 0));
            }
            doc.heading("Test accuracy per epoch");
            doc.image(new Doc.Image("compare_test.png", "test accuracy per epoch of every run",
                    Charts.png("Test accuracy per epoch", "epoch", "test accuracy", false, acc)));
        } else {
            doc.heading("Test MSE per epoch");
            doc.image(new Doc.Image("compare_test.png", "test MSE per epoch of every run",
                    Charts.png("Test MSE per epoch", "epoch", "test MSE", true, test)));
        }
        return Map.entry(new CompareResults(runs.stream().map(Run::label).toList(), diffs, largestText), doc);
    }

    /**
     * The one convention every training loss of a comparison is shown in: the runs' own when they share a loss;
     * the MSE when half-MSE and MSE runs are compared (a half-MSE loss doubled); none when a regression is compared
     * with a classifier, whose losses do not convert (shown as trained, and not compared).
     *
     * @param name the convention, for labels: "half_mse", "MSE", or "each run's own loss".
     * @param halfMseScale what a half-MSE run's loss is multiplied by.
     * @param comparable whether the losses can be compared at all.
     */
    private record Convention(String name, boolean toMse) {
        static Convention of(List<Run> runs) {
            java.util.Set<String> losses = new java.util.LinkedHashSet<>();
            runs.forEach(r -> losses.add(training(r, "loss")));
            if (losses.size() == 1) {
                return new Convention(losses.iterator().next(), false);
            }
            if (java.util.Set.of("half_mse", "mse").containsAll(losses)) {
                return new Convention("MSE", true);
            }
            return new Convention("each run's own loss", false);
        }

        /** What a run's training loss is multiplied by: to the MSE (2/k for half-MSE) when the conventions meet. */
        double scale(Run r) {
            return toMse ? dev.minibatch.config.Loss.valueOf(training(r, "loss").toUpperCase(java.util.Locale.ROOT))
                    .toMse(r.results().data().nTargets()) : 1;
        }

        /** Whether two runs' training losses can be compared: the same loss, or both squared errors. */
        boolean comparable(Run a, Run b) {
            return toMse || training(a, "loss").equals(training(b, "loss"));
        }

        String note() {
            return toMse ? "Training losses are shown as the MSE, Σe²/(m·k): the half-MSE runs' losses (Σe²/2m) are"
                    + " multiplied by 2/k, so that the curves and differences compare the fits, not the conventions."
                    : !name.startsWith("each") ? "Training losses are each run's " + name + "."
                    : "The runs train different losses, which do not convert into each other: their training"
                    + " losses are shown as trained and compared only between runs of the same loss.";
        }
    }

    /**
     * Names every setting in which the runs differ, for the terminal, as the page's table does.
     *
     * @param runs the runs, in the order given.
     * @return e.g. "settings that differ: training.optimizer (sgd | adam), training.learning_rate (0.01 | 0.05)", or
     *     that they were configured alike.
     */
    public static String differingSettingsLine(List<Run> runs) {
        Map<String, List<String>> d = differingSettings(runs);
        if (d.isEmpty()) {
            return "settings: the runs were configured alike";
        }
        return "settings that differ: " + d.entrySet().stream().map(e -> e.getKey().replaceFirst("^config: ", "")
                + " (" + String.join(" | ", e.getValue()) + ")").collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * Every setting in which the runs' resolved configurations differ (the name aside), each with every run's value
     * in order, keyed "config: section.key"; a setting a run's config lacks shows as "unset".
     */
    static Map<String, List<String>> differingSettings(List<Run> runs) {
        List<Map<String, String>> flat = runs.stream().map(r -> {
            Map<String, String> m = new java.util.LinkedHashMap<>();
            RunReport.flatten("", r.results().config(), m);
            return m;
        }).toList();
        java.util.Set<String> keys = new java.util.LinkedHashSet<>();
        flat.forEach(m -> keys.addAll(m.keySet()));
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        for (String k : keys) {
            List<String> values = flat.stream().map(m -> m.getOrDefault(k, UNSET)).toList();
            if (!k.equals("name") && values.stream().anyMatch(v -> !same(k, v, values.get(0)))) {
                out.put("config: " + k, values);
            }
        }
        return out;
    }

    /** A value of the run's training settings, from the config tree results.json carries. */
    private static String training(Run r, String key) {
        Object training = r.results().config().get("training");
        return training instanceof Map<?, ?> m ? String.valueOf(m.get(key)) : "";
    }

    private static List<String> column(String label, List<RunResults.Trainer> columns,
                                       java.util.function.Function<RunResults.Trainer, String> cell) {
        List<String> row = new ArrayList<>(List.of(label));
        columns.forEach(t -> row.add(cell.apply(t)));
        return row;
    }

    /** A run's model in words: "linear", or its hidden layers, e.g. "32 tanh → 16 tanh → output". */
    static String model(RunResults r) {
        if (r.isLinearModel()) {
            return "linear";
        }
        StringBuilder sb = new StringBuilder();
        for (dev.minibatch.config.LayerSpec h : r.hiddenLayers()) {
            sb.append(h.describe()).append(" → ");
        }
        sb.append("output");
        if (r.outputActivation() != dev.minibatch.config.Activation.IDENTITY) {
            sb.append(' ').append(r.outputActivation().name().toLowerCase(java.util.Locale.ROOT));
        }
        return sb.toString();
    }

    /** max |Δθ| over every layer's final parameters, or NaN for two models of different layer shapes. */
    private static double paramDiff(RunResults.Trainer a, RunResults.Trainer b) {
        List<RunResults.Layer> la = a.finalLayers();
        List<RunResults.Layer> lb = b.finalLayers();
        if (la.size() != lb.size()) {
            return Double.NaN;
        }
        double m = 0;
        for (int l = 0; l < la.size(); l++) {
            double[] wa = flatten(la.get(l).weights());
            double[] wb = flatten(lb.get(l).weights());
            if (wa.length != wb.length || la.get(l).bias().length != lb.get(l).bias().length
                    || la.get(l).weights().length != lb.get(l).weights().length) {
                return Double.NaN;
            }
            m = Math.max(m, Math.max(maxAbsDiff(wa, wb), maxAbsDiff(la.get(l).bias(), lb.get(l).bias())));
        }
        return m;
    }

    private static double[] flatten(double[][] m) {
        return java.util.Arrays.stream(m).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    private interface Cell {
        String of(Run r);
    }

    private static List<String> cells(String label, List<Run> runs, Cell cell) {
        List<String> row = new ArrayList<>(List.of(label));
        for (Run r : runs) {
            String v = cell.of(r);
            r.results().trainers().keySet().forEach(t -> row.add(v));
        }
        return row;
    }

    private static double maxAbsDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    private static double maxRelHistoryDiff(List<RunResults.Epoch> a, double ka, List<RunResults.Epoch> b,
                                            double kb) {
        double m = 0;
        for (int e = 0; e < Math.min(a.size(), b.size()); e++) {
            double x = ka * a.get(e).trainLoss();
            double y = kb * b.get(e).trainLoss();
            m = Math.max(m, x == y ? 0 : Math.abs(x - y) / Math.max(Math.abs(x), Double.MIN_NORMAL));
        }
        return m;
    }

    private static String num(double v) {
        return Numbers.format(v, 4);
    }
}
