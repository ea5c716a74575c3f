package dev.minibatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minibatch.config.ConfigException;
import dev.minibatch.config.Setting;
import dev.minibatch.data.Standardization;
import dev.minibatch.model.CsvRows;
import dev.minibatch.model.SavedModels;
import dev.minibatch.io.AtomicFiles;
import dev.minibatch.report.ResultsJson;
import dev.minibatch.results.RunResults;
import dev.minibatch.train.framework.FrameworkTrainer;
import dev.minibatch.train.scratch.ScratchTrainer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

    @Option(names = "--model", required = true, paramLabel = "RUN_DIR", description = "A folder written by train.")
    private Path model;

    @Option(names = "--trainer", paramLabel = "WHICH",
            description = "framework or scratch (default: framework when the run has it).")
    private String trainer;

    @Option(names = "--input", required = true, paramLabel = "CSV", description = "Rows of features to predict.")
    private Path input;

    @Option(names = "--output", paramLabel = "CSV", description = "Where to write predictions (default: stdout).")
    private Path output;

    @Option(names = "--backend", paramLabel = "WHICH", defaultValue = "auto",
            description = "auto, cpu or cuda (default: ${DEFAULT-VALUE}).")
    private String backend;

    @Override
    public Integer call() throws IOException {
        Logging.configure(false);
        RunResults r = ResultsJson.read(model);
        int nFeatures = r.data().nFeatures();
        int nTargets = r.data().nTargets();
        String which = trainer != null ? trainer.strip().toLowerCase(java.util.Locale.ROOT)
                : SavedModels.has(model, FrameworkTrainer.NAME)
                ? FrameworkTrainer.NAME : ScratchTrainer.NAME;
        if (!which.equals(FrameworkTrainer.NAME) && !which.equals(ScratchTrainer.NAME)) {
            throw new ConfigException("--trainer: must be one of framework|scratch, got '" + Setting.clip(trainer)
                    + "'");
        }
        if (!SavedModels.has(model, which)) {
            throw new ConfigException(model + ": has no saved " + which + " model");
        }
        double[][] rows = CsvRows.read(input, r.data().featureNames());
        RunResults.Preprocess pre = r.preprocess();
        if (pre != null && pre.standardize()) {
            // The model was trained on standardised features: apply the training statistics saved with it.
            rows = new Standardization(pre.mean(), pre.scale()).apply(rows);
        }

        BackendStartup.Started started = BackendStartup.start(BackendStartup.request(backend), false, spec);
        if (started.ranInChild()) {
            return started.childExitCode();
        }
        INDArray predictions = predict(which, rows, nFeatures, nTargets);
        String csv = toCsv(predictions, r.data().targetNames());
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(csv);
            out.flush();
        } else {
            AtomicFiles.write(output, csv.getBytes(StandardCharsets.UTF_8));
        }
        return ExitCodes.OK;
    }

    private INDArray predict(String which, double[][] rows, int nFeatures, int nTargets) {
        INDArray x = Nd4j.createFromArray(rows);
        if (which.equals(FrameworkTrainer.NAME)) {
            var net = SavedModels.loadFramework(model, nFeatures, nTargets);
            return net.output(x.castTo(net.params().dataType()));
        }
        return SavedModels.predictScratch(SavedModels.loadScratch(model, nFeatures, nTargets), x);
    }

    /** The predictions under the targets' names, as the training data named them. */
    private static String toCsv(INDArray p, List<String> targets) {
        double[][] v = p.castTo(DataType.DOUBLE).toDoubleMatrix();
        StringBuilder sb = new StringBuilder();
        sb.append(String.join(",", targets));
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
