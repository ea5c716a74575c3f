package dev.minibatch.cli;

import dev.minibatch.format.Numbers;
import dev.minibatch.io.AtomicFiles;
import dev.minibatch.model.CsvRows;
import dev.minibatch.results.RegressionMetrics;
import dev.minibatch.model.SavedRun;
import dev.minibatch.results.EvaluateResults;
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
                + " when the file has a header): MSE, RMSE, MAE and R² per target and overall, with"
                + " scikit-learn's definitions, through the run's saved standardisation.")
final class EvaluateCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "CSV",
            description = "Labelled rows: the model's features and targets.")
    private Path input;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the metrics as JSON (keys mse, rmse,"
            + " mae, r2).")
    private Path json;

    @Mixin
    private SavedRunOptions saved;

    @Override
    public Integer call() throws IOException {
        Logging.configure(false);
        SavedRun run = saved.open();
        List<String> targets = run.results().data().targetNames();
        double[][][] xy = CsvRows.readLabelled(input, run.results().data().featureNames(), targets);
        BackendStartup.Started started = saved.startBackend(spec);
        if (started.ranInChild()) {
            return started.childExitCode();
        }
        double[][] predicted = run.predict(xy[0]);
        Map<String, RegressionMetrics> perTarget = new LinkedHashMap<>();
        for (int t = 0; t < targets.size(); t++) {
            perTarget.put(targets.get(t), RegressionMetrics.of(column(xy[1], t), column(predicted, t)));
        }
        EvaluateResults results = new EvaluateResults(saved.model.toString(), run.trainer(), input.toString(),
                xy[0].length, perTarget, RegressionMetrics.uniformAverage(new ArrayList<>(perTarget.values())));
        if (json != null) {
            AtomicFiles.writeNamed(json, ResultsMapper.JSON.writeValueAsBytes(results), "--json");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s model of %s on %s (%s)%n", run.trainer(), saved.model, input,
                Numbers.count(xy[0].length, "row"));
        out.printf(Locale.ROOT, "%-14s %14s %14s %14s %10s%n", "target", "MSE", "RMSE", "MAE", "R²");
        perTarget.forEach((name, m) -> line(out, name, m));
        if (targets.size() > 1) {
            line(out, "overall", results.overall());
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void line(PrintWriter out, String name, RegressionMetrics m) {
        out.printf(Locale.ROOT, "%-14s %14s %14s %14s %10s%n", name, Numbers.format(m.mse(), 8),
                Numbers.format(m.rmse(), 8), Numbers.format(m.mae(), 8), Numbers.format(m.r2(), 6));
    }

    private static double[] column(double[][] m, int c) {
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i][c];
        }
        return out;
    }
}
