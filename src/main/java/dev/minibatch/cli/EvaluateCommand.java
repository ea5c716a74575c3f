package dev.minibatch.cli;

import dev.minibatch.format.Numbers;
import dev.minibatch.io.AtomicFiles;
import dev.minibatch.model.CsvRows;
import dev.minibatch.results.RegressionMetrics;
import dev.minibatch.model.SavedRun;
import dev.minibatch.results.EvaluateResults;
import dev.minibatch.config.ConfigException;
import dev.minibatch.data.ClassLabels;
import dev.minibatch.data.CsvTable;
import dev.minibatch.results.ClassificationMetrics;
import dev.minibatch.results.ClassifierEvaluation;
import dev.minibatch.results.RunResults;
import dev.minibatch.results.ResultsMapper;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code minibatch evaluate --model RUN --input FILE.csv}: a saved run's error on labelled rows. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a run's saved model on a labelled CSV (features and targets, matched by header name"
                + " when the file has a header), or on its own held-out split (--split test): MSE, RMSE, MAE and R² per target and overall; for a classifier"
                + " accuracy, log-loss, precision, recall and F1 per class and averaged, the confusion matrix and,"
                + " for two classes, ROC AUC. scikit-learn's definitions, through the run's saved standardisation.")
final class EvaluateCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--input", paramLabel = "FILE",
            description = "Labelled rows: a CSV of the model's features and targets, or for an image run an IDX"
                    + " image file with its labels beside it, or a folder of the four IDX files (its test files).")
    private Path input;

    @Option(names = "--split", paramLabel = "WHICH",
            description = "Instead of --input: the run's own train, validation or test split, made again from its"
                    + " config exactly as training made it (e.g. --split test: the held-out rows).")
    private String split;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the metrics as JSON (keys mse, rmse,"
            + " mae, r2; a classifier's accuracy, log_loss, precision, recall, f1, confusion_matrix, roc_auc,"
            + " classes).")
    private Path json;

    @Mixin
    private SavedRunOptions saved;

    /** The run's own split, with --split; {@code null} with --input. */
    private dev.minibatch.model.RunSplit rows;
    /** How the rows are named in the output and the JSON: the CSV's path, or e.g. "its test split". */
    private String source;

    @Override
    public Integer call() throws IOException {
        Logging.configure(false);
        SavedRun run = saved.open();
        if ((input == null) == (split == null)) {
            throw new ConfigException(input == null ? "evaluate needs labelled rows: --input CSV, or --split test (the"
                    + " run's held-out rows; also train, validation)" : "--input and --split: give one of them");
        }
        rows = split == null ? null : dev.minibatch.model.RunSplit.of(saved.model, run.results(), split);
        source = rows == null ? input.toString() : rows.name();
        saved.requireSafeOutput(json, "--json", input);
        if (run.results().data().classes() != null) {
            return classifier(run);
        }
        if (run.results().trainers().values().stream().anyMatch(t -> t.testAccuracy() != null)) {
            return labels(run);                        // several independent 0/1 labels
        }
        List<String> targets = run.results().data().targetNames();
        double[][][] xy = rows != null ? new double[][][] {rows.x(), rows.y()}
                : CsvRows.readLabelled(input, run.results().data().featureNames(), targets);
        BackendStartup.Started started = saved.startBackend(spec);
        if (started.ranInChild()) {
            return started.childExitCode();
        }
        double[][] predicted = run.predict(xy[0]);
        Map<String, RegressionMetrics> perTarget = new LinkedHashMap<>();
        for (int t = 0; t < targets.size(); t++) {
            perTarget.put(targets.get(t), RegressionMetrics.of(column(xy[1], t), column(predicted, t)));
        }
        EvaluateResults results = new EvaluateResults(saved.model.toString(), run.trainer(), source,
                xy[0].length, perTarget, RegressionMetrics.uniformAverage(new ArrayList<>(perTarget.values())));
        if (json != null) {
            AtomicFiles.writeNamed(json, ResultsMapper.JSON.writeValueAsBytes(results), "--json");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s model of %s on %s (%s)%n", run.trainer(), saved.model, source,
                Numbers.count(xy[0].length, "row"));
        out.printf(Locale.ROOT, "%-14s %14s %14s %14s %10s%n", "target", "MSE", "RMSE", "MAE", "R²");
        perTarget.forEach((name, m) -> line(out, name, m));
        if (targets.size() > 1) {
            line(out, "overall", results.overall());
        }
        out.flush();
        SavedRunOptions.requireWritten(out);
        return ExitCodes.OK;
    }

    /** Several independent labels: each label column's metrics as a two-class problem. */
    private Integer labels(SavedRun run) throws IOException {
        RunResults.Data data = run.results().data();
        List<String> targets = data.targetNames();
        double[][][] xy = rows != null ? new double[][][] {rows.x(), rows.y()}
                : CsvRows.readLabelled(input, data.featureNames(), targets);
        for (double[] row : xy[1]) {
            for (int j = 0; j < row.length; j++) {
                if (row[j] != 0 && row[j] != 1) {
                    throw new ConfigException(input + ": column '" + targets.get(j) + "': the labels are 0 or 1, got "
                            + row[j]);
                }
            }
        }
        BackendStartup.Started started = saved.startBackend(spec);
        if (started.ranInChild()) {
            return started.childExitCode();
        }
        double[][] p = run.predict(xy[0]);
        Map<String, ClassificationMetrics> per = new LinkedHashMap<>();
        for (int j = 0; j < targets.size(); j++) {
            int[] truth = new int[p.length];
            double[][] pj = new double[p.length][1];
            for (int i = 0; i < p.length; i++) {
                truth[i] = (int) xy[1][i][j];
                pj[i][0] = p[i][j];
            }
            per.put(targets.get(j), ClassificationMetrics.of(truth, pj, List.of("0", "1")));
        }
        if (json != null) {
            AtomicFiles.writeNamed(json, ResultsMapper.JSON.writeValueAsBytes(new dev.minibatch.results
                    .LabelsEvaluation(saved.model.toString(), run.trainer(), source, p.length, per)),
                    "--json");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s model of %s on %s (%s, %d labels)%n", run.trainer(), saved.model, source,
                Numbers.count(p.length, "row"), targets.size());
        out.printf(Locale.ROOT, "%-14s %10s %10s %10s %10s%n", "label", "accuracy", "log-loss", "F1 (1)", "ROC AUC");
        per.forEach((name, m) -> out.printf(Locale.ROOT, "%-14s %10.4f %10.6f %10.4f %10s%n", name, m.accuracy(),
                m.logLoss(), m.f1().perClass().get("1"), m.rocAuc() == null ? "undefined"
                        : String.format(Locale.ROOT, "%.4f", m.rocAuc())));
        out.flush();
        SavedRunOptions.requireWritten(out);
        return ExitCodes.OK;
    }

    /** A classifier's metrics: the labels read as text, matched to the run's classes. */
    private Integer classifier(SavedRun run) throws IOException {
        RunResults.Data data = run.results().data();
        ClassLabels classes = new ClassLabels(data.classes());
        int[] truth;
        double[][] x;
        if (rows != null) {
            truth = rows.classes();
            x = rows.x();
        } else if (data.imageShape() != null) {
            dev.minibatch.data.ImageData.Input images = dev.minibatch.data.ImageData.read(input,
                    data.imageShape().get(1), data.imageShape().get(2), classes.size(), true);
            x = images.x();
            truth = images.labels();
            source = images.imagesFile().toString();
        } else {
            CsvTable.Labelled csv = CsvRows.readClassified(input, data.featureNames(), data.labelColumn());
            x = csv.x();
            truth = new int[csv.labels().size()];
            for (int r = 0; r < truth.length; r++) {
                truth[r] = classes.indexOf(csv.labels().get(r));
                if (truth[r] < 0) {
                    throw new ConfigException(input + ": line " + csv.lines()[r] + ", column '" + data.labelColumn()
                            + "': label '" + dev.minibatch.config.Setting.clip(csv.labels().get(r)) + "' is not one"
                            + " of the model's classes " + classes.classes());
                }
            }
        }
        BackendStartup.Started started = saved.startBackend(spec);
        if (started.ranInChild()) {
            return started.childExitCode();
        }
        ClassificationMetrics m = ClassificationMetrics.of(truth, run.predict(x), classes.classes());
        if (json != null) {
            AtomicFiles.writeNamed(json, ResultsMapper.JSON.writeValueAsBytes(new ClassifierEvaluation(
                    saved.model.toString(), run.trainer(), source, truth.length, m)), "--json");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s model of %s on %s (%s, %s)%n", run.trainer(), saved.model, source,
                Numbers.count(truth.length, "row"), classes.size() + " classes");
        out.printf(Locale.ROOT, "accuracy %s   log-loss %s%s%n", Numbers.format(m.accuracy(), 6),
                Numbers.format(m.logLoss(), 6), classes.size() != 2 ? "" : m.rocAuc() == null
                        ? "   ROC AUC undefined (one class among the rows)" : "   ROC AUC " + Numbers.format(m.rocAuc(),
                        6));
        int w = Math.max(12, classes.classes().stream().mapToInt(String::length).max().orElse(0) + 1);
        out.printf(Locale.ROOT, "%-" + w + "s %10s %10s %10s %8s%n", "class", "precision", "recall", "f1", "rows");
        for (int c = 0; c < classes.size(); c++) {
            String name = classes.classes().get(c);
            out.printf(Locale.ROOT, "%-" + w + "s %10.4f %10.4f %10.4f %8d%n", name, m.precision().perClass().get(name),
                    m.recall().perClass().get(name), m.f1().perClass().get(name), m.support()[c]);
        }
        out.printf(Locale.ROOT, "%-" + w + "s %10.4f %10.4f %10.4f%n", "macro", m.precision().macro(),
                m.recall().macro(), m.f1().macro());
        out.printf(Locale.ROOT, "%-" + w + "s %10.4f %10.4f %10.4f%n", "weighted", m.precision().weighted(),
                m.recall().weighted(), m.f1().weighted());
        out.println("confusion matrix (rows: true class, columns: predicted, in the order above):");
        for (long[] row : m.confusionMatrix()) {
            StringBuilder sb = new StringBuilder("  ");
            for (long v : row) {
                sb.append(String.format(Locale.ROOT, "%7d", v));
            }
            out.println(sb);
        }
        out.flush();
        SavedRunOptions.requireWritten(out);
        return ExitCodes.OK;
    }

    private static void line(PrintWriter out, String name, RegressionMetrics m) {
        out.printf(Locale.ROOT, "%-14s %14s %14s %14s %10s%n", name, Numbers.format(m.mse(), 8),
                Numbers.format(m.rmse(), 8), Numbers.format(m.mae(), 8), Double.isNaN(m.r2()) ? "undefined" : Numbers.format(m.r2(), 6));
    }

    private static double[] column(double[][] m, int c) {
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i][c];
        }
        return out;
    }
}
