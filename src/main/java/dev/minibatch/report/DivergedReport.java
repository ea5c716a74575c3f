package dev.minibatch.report;

import dev.minibatch.config.ConfigTree;
import dev.minibatch.config.RunConfig;
import dev.minibatch.format.Numbers;
import dev.minibatch.io.AtomicFiles;
import dev.minibatch.results.DivergedResults;
import dev.minibatch.results.RunResults;
import dev.minibatch.results.ResultsMapper;
import dev.minibatch.train.DivergenceException;
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
     * @param e the divergence, with every trainer that ran and its finite epochs.
     * @param config the run's configuration.
     * @param dir the folder to write into (a staging folder).
     * @throws IOException if a file cannot be written.
     */
    public static void write(DivergenceException e, RunConfig config, Path dir) throws IOException {
        Map<String, List<EpochRecord>> histories = e.histories();
        Map<String, List<RunResults.Epoch>> trainers = new LinkedHashMap<>();
        histories.forEach((trainer, h) -> trainers.put(trainer, h.stream().map(r -> RunResultsBuilder.epoch(r,
                RunResultsBuilder.perEpochParameters(r.parameters().nFeatures(), r.parameters().nTargets())))
                .toList()));
        AtomicFiles.write(dir.resolve(FILE), ResultsMapper.JSON.writeValueAsBytes(new DivergedResults(config.name(),
                e.getMessage(), e.trainer(), e.epoch(), ConfigTree.of(config), trainers)));

        Doc doc = new Doc("minibatch run " + config.name() + ": diverged");
        doc.paragraph(e.getMessage() + ".");
        boolean anyFinite = histories.values().stream().anyMatch(h -> !h.isEmpty());
        doc.paragraph(ran(e) + " No results were written for this run" + (anyFinite ? "; below is every epoch each"
                + " trainer finished with finite numbers, to show where it blew up." : "."));
        List<Charts.Series> series = new ArrayList<>();
        for (Map.Entry<String, List<EpochRecord>> h : histories.entrySet()) {
            if (!h.getValue().isEmpty()) {
                double[] x = h.getValue().stream().mapToDouble(EpochRecord::epoch).toArray();
                double[] y = h.getValue().stream().mapToDouble(EpochRecord::trainLoss).toArray();
                series.add(new Charts.Series(h.getKey(), x, y, false, h.getKey().equals("scratch")));
            }
        }
        if (!anyFinite) {
            doc.paragraph("No trainer finished an epoch with finite numbers, so there is no curve to draw: the "
                    + e.trainer() + " trainer left the finite range within epoch " + e.epoch() + ".");
        } else {
            doc.heading("Training loss up to the divergence");
            doc.image(new Doc.Image("loss.png", "training loss per epoch up to the divergence",
                    Charts.png("Full training-set loss after each epoch", "epoch", "training loss", true, series)));
        }
        for (Map.Entry<String, List<EpochRecord>> h : histories.entrySet()) {
            List<EpochRecord> list = h.getValue();
            if (list.isEmpty()) {
                continue;
            }
            doc.heading("Last epochs of the " + h.getKey() + " trainer");
            List<List<String>> rows = new ArrayList<>();
            for (EpochRecord r : list.subList(Math.max(0, list.size() - LAST_ROWS), list.size())) {
                rows.add(List.of(String.valueOf(r.epoch()), Numbers.format(r.trainLoss(), 6),
                        Numbers.format(r.testMse(), 6), Numbers.format(maxAbs(r), 6)));
            }
            doc.table(List.of("epoch", "training loss", "test MSE", "largest |parameter|"), rows);
        }
        RunReport.write(doc, dir, "report");
    }

    /** Which trainers ran, and where each stopped: "Trainers that ran: framework (finished 100 epochs), …". */
    private static String ran(DivergenceException e) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, List<EpochRecord>> h : e.histories().entrySet()) {
            int finite = h.getValue().size();
            parts.add(h.getKey() + (h.getKey().equals(e.trainer())
                    ? " (left the finite range in epoch " + e.epoch() + ", after " + Numbers.count(finite,
                    "finite epoch") + ")"
                    : " (finished " + Numbers.count(finite, "epoch") + ")"));
        }
        return parts.isEmpty() ? "" : "Trainers that ran, in order: " + String.join(", ", parts) + ".";
    }

    private static double maxAbs(EpochRecord r) {
        return dev.minibatch.train.Divergence.maxAbs(r.parameters());   // every layer's, a network's too
    }
}
