package dev.minibatch.report;

import dev.minibatch.config.ConfigTree;
import dev.minibatch.config.RunConfig;
import dev.minibatch.format.Numbers;
import dev.minibatch.io.AtomicFiles;
import dev.minibatch.results.DivergedResults;
import dev.minibatch.results.ResultsMapper;
import dev.minibatch.train.EpochRecord;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report of a run that diverged: each trainer's history up to the last finite epoch ({@code diverged.json})
 * and a page with the loss curve on a log scale and the last epochs, so the blow-up can be seen. It is written
 * beside the run folder, which a diverged run leaves untouched.
 */
public final class DivergedReport {
    /** The data file's name; it also marks a folder this report may replace. */
    public static final String FILE = "diverged.json";
    private static final int LAST_ROWS = 10;

    private DivergedReport() {
    }

    /**
     * Writes the report into a folder.
     *
     * @param message the divergence message.
     * @param config the run's configuration.
     * @param histories each trainer's finite epochs.
     * @param dir the folder to write into (a staging folder).
     * @throws IOException if a file cannot be written.
     */
    public static void write(String message, RunConfig config, Map<String, List<EpochRecord>> histories, Path dir)
            throws IOException {
        Map<String, List<DivergedResults.Epoch>> trainers = new LinkedHashMap<>();
        histories.forEach((trainer, h) -> trainers.put(trainer, h.stream().map(DivergedReport::epoch).toList()));
        AtomicFiles.write(dir.resolve(FILE), ResultsMapper.JSON.writeValueAsBytes(
                new DivergedResults(config.name(), message, ConfigTree.of(config), trainers)));

        Doc doc = new Doc("minibatch run " + config.name() + ": diverged");
        doc.paragraph(message + ".");
        doc.paragraph("No results were written for this run; below is every epoch each trainer finished with finite"
                + " numbers, to show where it blew up.");
        List<Charts.Series> series = new ArrayList<>();
        boolean dashed = false;
        for (Map.Entry<String, List<EpochRecord>> e : histories.entrySet()) {
            double[] x = e.getValue().stream().mapToDouble(EpochRecord::epoch).toArray();
            double[] y = e.getValue().stream().mapToDouble(EpochRecord::trainLoss).toArray();
            series.add(new Charts.Series(e.getKey(), x, y, false, dashed));
            dashed = true;
        }
        doc.heading("Training loss up to the divergence");
        doc.image(new Doc.Image("loss.png", "training loss per epoch up to the divergence",
                Charts.png("Full training-set loss after each epoch", "epoch", "training loss", true, series)));
        for (Map.Entry<String, List<EpochRecord>> e : histories.entrySet()) {
            List<EpochRecord> h = e.getValue();
            doc.heading("Last epochs of the " + e.getKey() + " trainer");
            List<List<String>> rows = new ArrayList<>();
            for (EpochRecord r : h.subList(Math.max(0, h.size() - LAST_ROWS), h.size())) {
                rows.add(List.of(String.valueOf(r.epoch()), Numbers.format(r.trainLoss(), 6),
                        Numbers.format(r.testMse(), 6), Numbers.format(maxAbs(r), 6)));
            }
            doc.table(List.of("epoch", "training loss", "test MSE", "largest |parameter|"), rows);
        }
        RunReport.write(doc, dir, "report");
    }

    private static DivergedResults.Epoch epoch(EpochRecord r) {
        return new DivergedResults.Epoch(r.epoch(), r.trainLoss(), r.testMse(), maxAbs(r));
    }

    private static double maxAbs(EpochRecord r) {
        double m = 0;
        for (double b : r.parameters().bias()) {
            m = Math.max(m, Math.abs(b));
        }
        for (double[] row : r.parameters().weights()) {
            for (double w : row) {
                m = Math.max(m, Math.abs(w));
            }
        }
        return m;
    }
}
