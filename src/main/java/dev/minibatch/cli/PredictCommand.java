package dev.minibatch.cli;

import dev.minibatch.model.CsvRows;
import dev.minibatch.results.ClassificationMetrics;
import dev.minibatch.results.RunResults;
import dev.minibatch.model.SavedRun;
import dev.minibatch.io.AtomicFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code minibatch predict}: predictions of a trained run's saved model for the rows of a CSV file. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict the targets of new rows (a CSV of feature columns, header optional) with a run's"
                + " saved framework or scratch model.")
final class PredictCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Rows of features to predict: a"
            + " CSV, or for an image run an IDX image file or a folder of the four IDX files (its test images).")
    private Path input;

    @Option(names = "--output", paramLabel = "CSV", description = "Where to write predictions (default: stdout).")
    private Path output;

    @Mixin
    private SavedRunOptions saved;

    @Override
    public Integer call() throws IOException {
        Logging.configure(false);
        SavedRun run = saved.open();
        saved.requireSafeOutput(output, "--output", input);
        RunResults.Data shape = run.results().data();
        double[][] rows;
        if (shape.imageShape() != null) {                 // IDX images (their labels, if beside them, unread)
            rows = dev.minibatch.data.ImageData.read(input, shape.imageShape().get(1), shape.imageShape().get(2),
                    shape.classes().size(), false).x();
        } else {
            requireNoLabelColumn(shape.labelColumn());
            rows = CsvRows.read(input, shape.featureNames());
        }
        BackendStartup.Started started = saved.startBackend(spec);
        if (started.ranInChild()) {
            return started.childExitCode();
        }
        double[][] predictions = run.predict(rows);
        long bad = java.util.Arrays.stream(predictions).filter(r -> java.util.Arrays.stream(r)
                .anyMatch(v -> !Double.isFinite(v))).count();
        if (bad > 0) {                          // written as they are, and said: not a silent Infinity in a CSV
            spec.commandLine().getErr().println("minibatch: warning: " + bad + " of " + predictions.length
                    + " rows have a non-finite prediction (the model's output overflowed there: inputs far outside"
                    + " the training range, or exp inside softplus, sigmoid or elu past z ≈ 88.7 in float, 709.8 in"
                    + " double)");
        }
        RunResults.Data data = run.results().data();
        String csv = data.classes() == null ? toCsv(predictions, data.targetNames())
                : classesCsv(predictions, data.labelColumn(), data.classes());
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(csv);
            out.flush();
            SavedRunOptions.requireWritten(out);
        } else {
            AtomicFiles.writeNamed(output, csv.getBytes(StandardCharsets.UTF_8), "--output");
            PrintWriter out = spec.commandLine().getOut();
            if (!java.nio.file.Files.isRegularFile(output)) {
                return ExitCodes.OK;                     // a device or pipe (/dev/stdout): its bytes alone
            }
            out.println("wrote " + predictions.length + (predictions.length == 1 ? " prediction" : " predictions")
                    + " to " + output + " (columns " + csv.substring(0, csv.indexOf('\n')) + ")");
            out.flush();
        }
        return ExitCodes.OK;
    }

    /**
     * A classifier's predictions: the predicted class under the label column's name, then one probability column
     * per class, {@code p_<class>} (one sigmoid output: 1 − p and p).
     */
    private static String classesCsv(double[][] v, String label, List<String> classes) {
        StringBuilder sb = new StringBuilder(cell(label));
        for (String c : classes) {
            sb.append(',').append(cell("p_" + c));
        }
        sb.append('\n');
        for (double[] row : v) {
            sb.append(cell(classes.get(ClassificationMetrics.predicted(row))));
            if (row.length == 1) {
                sb.append(',').append(1 - row[0]).append(',').append(row[0]);
            } else {
                for (double p : row) {
                    sb.append(',').append(p);
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** A classifier's labelled rows given to predict: said plainly (the label is not a number, nor a feature). */
    private void requireNoLabelColumn(String label) throws IOException {
        if (label == null || !java.nio.file.Files.isRegularFile(input)) {
            return;
        }
        String first;
        try (java.io.BufferedReader r = java.nio.file.Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            first = r.readLine();
        } catch (java.nio.charset.CharacterCodingException e) {
            return;                                    // the CSV reader names the problem
        }
        if (first != null && java.util.Arrays.stream(first.replace("\uFEFF", "").split(",")).map(String::strip)
                .anyMatch(label::equals)) {
            throw new dev.minibatch.config.ConfigException(input + ": column '" + label + "' is the model's label;"
                    + " predict takes the features only (evaluate takes labelled rows)");
        }
    }

    /** A CSV cell as RFC 4180 writes it: quoted, quotes doubled, when it holds a comma, a quote or a line break. */
    static String cell(String text) {
        return text.matches("(?s).*[\",\r\n].*") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    /** The predictions under the targets' names, as the training data named them. */
    private static String toCsv(double[][] v, List<String> targets) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.join(",", targets.stream().map(PredictCommand::cell).toList()));
        sb.append('\n');
        for (double[] row : v) {
            for (int t = 0; t < row.length; t++) {
                sb.append(t == 0 ? "" : ",").append(row[t]);
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
