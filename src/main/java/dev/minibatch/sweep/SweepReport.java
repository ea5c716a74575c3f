package dev.minibatch.sweep;

import dev.minibatch.format.Numbers;
import dev.minibatch.report.Charts;
import dev.minibatch.report.Doc;
import dev.minibatch.results.SweepResults;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** sweep.json's tree and the sweep report (sweep.md, sweep.html) from a finished {@link Sweep}. */
public final class SweepReport {
    private SweepReport() {
    }

    /**
     * Returns sweep.json's content: the sweep's settings and its rows.
     *
     * @param s the sweep.
     * @return the record sweep.json is written from.
     */
    public static SweepResults tree(Sweep.Result s) {
        List<SweepResults.Row> rows = new ArrayList<>();
        for (Sweep.Row r : s.rows()) {
            boolean near = r.epochsToNearOptimum() != 0;
            rows.add(new SweepResults.Row(r.batchSize(), r.full(), r.trainer(), r.learningRate(), r.updatesPerEpoch(),
                    r.secondsPerEpoch(), r.usPerUpdate(), r.samplesPerS(), r.batchBytes(), r.batchLossSpread(),
                    r.trainLossSpread(), near ? r.epochsToNearOptimum() : null,
                    near ? r.updatesToNearOptimum() : null, near ? r.secondsToNearOptimum() : null,
                    r.finalTrainLoss(), r.finalTestMse(), r.distanceToOptimum(), r.agree(), r.trainLoss(),
                    r.stepSeconds(), r.finalTestAccuracy()));
        }
        return new SweepResults(s.config().name(), s.nTrain(),
                s.config().training().loss().name().toLowerCase(Locale.ROOT), s.config().training().learningRate(),
                s.config().training().batchSize(), s.scaling().name().toLowerCase(Locale.ROOT),
                s.config().training().epochs(), s.backend(), s.optimumTrainLoss(), Sweep.NEAR_OPTIMUM, rows,
                s.diverged().stream().map(d -> new SweepResults.Diverged(d.batchSize(), d.full(), d.learningRate(),
                        d.message())).toList());
    }

    /**
     * Builds the report.
     *
     * @param s the sweep.
     * @return the document.
     */
    public static Doc build(Sweep.Result s) {
        Doc doc = new Doc("minibatch sweep: batch, stochastic and mini-batch gradient descent on "
                + s.config().name());
        List<Sweep.Row> curves = plotted(s);
        String timed = curves.isEmpty() ? "" : curves.get(0).trainer();
        if (curves.isEmpty()) {
            doc.paragraph("Every batch size diverged, so there is nothing to compare: see the table below.");
            diverged(doc, s);
            return doc;
        }
        doc.paragraph(conclusion(s, curves));
        if (!s.diverged().isEmpty()) {
            doc.paragraph("Diverged, so not in the tables and plots: batch size" + (s.diverged().size() > 1 ? "s " : " ") + String.join(", ", s.diverged()
                    .stream().map(d -> d.full() ? "full" : String.valueOf(d.batchSize())).toList())
                    + " (see the last table).");
        }
        doc.paragraph("Every batch size trains the same data, split and initial parameters for "
                + s.config().training().epochs() + " epochs (" + s.backend() + "). Learning rate: "
                + switch (s.scaling()) {
                    case NONE -> s.config().training().learningRate() + " for every batch size (no scaling). Plain"
                            + " batch gradient descent makes one update per epoch, so at this rate it needs many more"
                            + " epochs than mini-batches to get anywhere near " + (network(s) ? "a low loss"
                            : "the optimum") + ": that is the point.";
                    case LINEAR -> "linear scaling, lr = lr₀·b/b₀ with lr₀ = " + s.config().training().learningRate()
                            + " at b₀ = " + s.config().training().batchSize() + ".";
                    case SQRT -> "square-root scaling, lr = lr₀·√(b/b₀) with lr₀ = "
                            + s.config().training().learningRate() + " at b₀ = " + s.config().training().batchSize()
                            + ".";
                } + optimumSentence(s));

        doc.heading("The tutorial's table, measured");
        List<String> header = new ArrayList<>(List.of(""));
        curves.forEach(r -> header.add(label(r, s.nTrain())));
        List<List<String>> table = new ArrayList<>();
        table.add(cells("Update data", curves, r -> r.full() ? "entire training split (" + r.batchSize() + " rows)"
                : r.batchSize() == 1 ? "single sample" : r.batchSize() + " rows"));
        table.add(cells("Speed (" + timed + " trainer)", curves, r -> num(r.usPerUpdate()) + " µs/update, "
                + num(r.samplesPerS()) + " samples/s, " + Numbers.seconds(r.secondsPerEpoch()) + "/epoch ("
                + Numbers.count(r.updatesPerEpoch(), "update") + ")"));
        table.add(cells("Memory", curves, r -> r.batchBytes() + " bytes per batch"));
        table.add(cells("Update stability", curves, r -> (r.updatesPerEpoch() == 1
                ? "one update per epoch: no batch-to-batch spread" : "batch-loss σ " + num(r.batchLossSpread())
                + " (last epoch)") + "; training-loss σ around its trend " + num(r.trainLossSpread()) + " (last "
                + Math.min(Sweep.SPREAD_EPOCHS, r.trainLoss().length) + " epochs)"));
        String line = classifier(s) ? "the logistic regression's" : "the least-squares line's";
        table.add(cells("Convergence", curves, r -> Double.isNaN(s.optimumTrainLoss()) ? "final loss "
                + num(r.finalTrainLoss()) + " (no optimum to measure against)" : network(s) ? "final loss "
                + num(r.finalTrainLoss() / s.optimumTrainLoss()) + "× " + line + " (no optimum for a network)"
                : r.epochsToNearOptimum() > 0
                ? "within 1 % of the optimum after " + Numbers.count(r.epochsToNearOptimum(), "epoch") + ", "
                + Numbers.count(r.updatesToNearOptimum(), "update") + ", "
                + Numbers.seconds(r.secondsToNearOptimum())
                : "not within 1 % in " + r.trainLoss().length + " epochs (final loss " + num(r.finalTrainLoss() /
                s.optimumTrainLoss()) + "× the optimum's)"));
        boolean classifier = classifier(s);
        table.add(cells(classifier ? "Final training loss / test accuracy" : "Final MSE (train / test)", curves,
                r -> num(trainValue(s, r)) + " / " + num(classifier ? r.finalTestAccuracy() : r.finalTestMse())));
        doc.table(header, table);

        doc.heading("Training loss against epochs, updates and seconds (" + timed + " trainer)");
        doc.image(new Doc.Image("sweep_epochs.png", "training loss per epoch for every batch size",
                Charts.png("Training loss per epoch", "epoch", "training loss", true, series(curves, s, 0))));
        doc.image(new Doc.Image("sweep_updates.png", "training loss against updates for every batch size",
                Charts.png("Training loss against the number of updates", "updates", "training loss", true, true,
                        series(curves, s, 1))));
        doc.image(new Doc.Image("sweep_seconds.png", "training loss against wall-clock seconds for every batch size",
                Charts.png("Training loss against wall-clock seconds of the " + timed + " trainer's updates",
                        "seconds of update steps", "training loss",
                        true, true,
                        series(curves, s, 2))));

        doc.heading("Every batch size and trainer");
        List<List<String>> all = new ArrayList<>();
        for (Sweep.Row r : s.rows()) {
            all.add(List.of(String.valueOf(r.batchSize()), r.trainer(), num(r.learningRate()),
                    String.valueOf(r.updatesPerEpoch()), num(r.usPerUpdate()), num(r.samplesPerS()),
                    nearOptimum(s, r),
                    num(r.finalTrainLoss()), num(classifier ? r.finalTestAccuracy() : r.finalTestMse()),
                    num(r.distanceToOptimum()), r.agree() ? "yes" : "NO"));
        }
        doc.table(List.of("batch", "trainer", "lr", "updates/epoch", "µs/update", "samples/s", "epochs to 1 %",
                "final train loss", classifier ? "final test accuracy" : "final test MSE", "‖θ − θ*‖",
                "trainers agree"), all);
        diverged(doc, s);
        return doc;
    }

    /** The batch sizes that diverged, each with its message; nothing when none did. */
    private static void diverged(Doc doc, Sweep.Result s) {
        if (s.diverged().isEmpty()) {
            return;
        }
        doc.heading("Diverged");
        doc.table(List.of("batch", "lr", "what happened"), s.diverged().stream().map(d -> List.of(
                d.full() ? "full (" + d.batchSize() + ")" : String.valueOf(d.batchSize()), num(d.learningRate()),
                d.message())).toList());
    }

    /**
     * A row's final training loss as it is shown beside its test metric: a regression's as an MSE (a half-MSE loss
     * doubled) so that it reads in the test MSE's convention; a classifier's as trained.
     *
     * @param s the sweep.
     * @param r the row.
     * @return the value.
     */
    public static double trainValue(Sweep.Result s, Sweep.Row r) {
        double k = s.config().training().loss().toMse(s.nTargets());
        return Double.isNaN(k) ? r.finalTrainLoss() : k * r.finalTrainLoss();
    }

    /**
     * Whether the sweep trained a classifier (its rows then carry test accuracies, not test MSEs).
     *
     * @param s the sweep.
     * @return whether it did.
     */
    public static boolean classifier(Sweep.Result s) {
        return s.config().training().loss().isClassification();
    }

    /** What the optimum the batch sizes are measured against is. */
    private static String optimumSentence(Sweep.Result s) {
        if (classifier(s)) {
            return Double.isNaN(s.optimumTrainLoss()) ? " The classifier's optimum (the unpenalised logistic"
                    + " regression) does not exist or was not computed here (separable classes, or too many"
                    + " parameters), so convergence is not measured against it."
                    : network(s) ? " A network has no closed-form optimum: the logistic regression's training loss ("
                    + num(s.optimumTrainLoss()) + ", the linear model's best) is drawn for reference only."
                    : " Near the optimum means a training loss within 1 % of the unpenalised logistic (softmax) regression's ("
                    + num(s.optimumTrainLoss()) + ", fitted by Newton's method on the training split).";
        }
        return network(s) ? " A network has no closed-form optimum: the least-squares line's training loss ("
                + num(s.optimumTrainLoss()) + ", the linear model's best) is drawn for reference only, and a network"
                + " can go below it." : " Near the optimum means a training loss within 1 % of the least-squares"
                + " optimum's (" + num(s.optimumTrainLoss()) + ", solved in closed form on the training split).";
    }

    /** The curves shown: the scratch trainer's when it ran (the trainers agree), otherwise the framework's. */
    private static List<Sweep.Row> plotted(Sweep.Result s) {
        boolean hasScratch = s.rows().stream().anyMatch(r -> r.trainer().equals("scratch"));
        return s.rows().stream().filter(r -> r.trainer().equals(hasScratch ? "scratch" : "framework")).toList();
    }

    /** @return whether the sweep trained a network (no closed-form optimum to converge to). */
    private static boolean network(Sweep.Result s) {
        return s.config().training().isNetwork();
    }

    private static String conclusion(Sweep.Result s, List<Sweep.Row> rows) {
        if (rows.stream().map(Sweep.Row::batchSize).distinct().count() == 1) {
            return single(s, rows);
        }
        if (network(s)) {
            Sweep.Row best = rows.stream().min(Comparator.comparingDouble(Sweep.Row::finalTrainLoss)).orElseThrow();
            return "A network has no closed-form optimum to converge to, so the batch sizes are compared by where they"
                    + " end: batch size " + label(best, s.nTrain()) + " reached the lowest training loss after "
                    + s.config().training().epochs() + " epochs (" + num(best.finalTrainLoss()) + ").";
        }
        Optional<Sweep.Row> fastest = rows.stream().filter(r -> r.epochsToNearOptimum() > 0)
                .min(Comparator.comparingDouble(Sweep.Row::secondsToNearOptimum));
        // relative to the loss: a batch size still far from the optimum has larger batch losses, and a larger σ
        Sweep.Row noisiest = rows.stream().max(Comparator.comparingDouble(SweepReport::relativeSpread)).orElseThrow();
        String first = fastest.map(r -> "Batch size " + label(r, s.nTrain()) + " reached 1 % of the optimum's"
                + " training loss first in wall-clock time (" + Numbers.seconds(r.secondsToNearOptimum())
                + " of the " + r.trainer() + " trainer's updates, epoch " + r.epochsToNearOptimum() + ")."
                + resolution(r, rows, s.nTrain())).orElse("No batch size came within 1 % of the optimum's training loss"
                + " in " + s.config().training().epochs() + " epochs.");
        List<String> missed = rows.stream().filter(r -> r.epochsToNearOptimum() == 0).map(r -> label(r, s.nTrain()))
                .toList();
        return first + " The noisiest updates came from batch size " + label(noisiest, s.nTrain())
                + ": in the last epoch its batch losses spread by σ " + num(noisiest.batchLossSpread()) + ", "
                + num(relativeSpread(noisiest)) + " × its training loss."
                + (missed.isEmpty() || fastest.isEmpty() ? "" : " Not within 1 %: " + String.join(", ", missed) + ".")
                + (s.allAgree() ? " The two trainers agreed at every batch size." : rows.size() < s.rows().size()
                ? " The trainers DISAGREED at some batch size (see the last table)." : "");
    }

    /**
     * Says when the fastest time is too close to the next one to rank them: a single run on a shared machine
     * varies by more than {@value #TIMING_NOISE_SECONDS} s or {@value #TIMING_NOISE_FRACTION} of the time
     * (JIT compilation, garbage collection, other processes), so a smaller lead is reported as a tie.
     */
    /** The last epoch's batch-loss σ relative to the training loss after it (0 for a loss of 0). */
    private static double relativeSpread(Sweep.Row r) {
        return r.finalTrainLoss() > 0 ? r.batchLossSpread() / r.finalTrainLoss() : 0.0;
    }

    /** A sweep of one batch size has nothing to rank: what that size did, and how to compare. */
    private static String single(Sweep.Result s, List<Sweep.Row> rows) {
        Sweep.Row r = rows.get(0);
        String label = label(r, s.nTrain());
        String reached = network(s) ? "Batch size " + label + " ended at a training loss of " + num(r.finalTrainLoss())
                + " after " + s.config().training().epochs() + " epochs."
                : r.epochsToNearOptimum() > 0 ? "Batch size " + label + " reached 1 % of the optimum's training loss"
                + " in " + Numbers.seconds(r.secondsToNearOptimum()) + " of the " + r.trainer() + " trainer's updates,"
                + " epoch " + r.epochsToNearOptimum() + "."
                : "Batch size " + label + " did not come within 1 % of the optimum's training loss in "
                + s.config().training().epochs() + " epochs.";
        return reached + " Its batch losses spread by σ " + num(r.batchLossSpread()) + " in the last epoch. With one"
                + " batch size there is nothing to rank: sweep several (--batch-sizes 1,32,full) to see stochastic,"
                + " mini-batch and batch gradient descent side by side."
                + (s.allAgree() ? " The two trainers agreed." : rows.size() < s.rows().size()
                ? " The trainers DISAGREED (see the last table)." : "");
    }

    private static String resolution(Sweep.Row fastest, List<Sweep.Row> rows, int nTrain) {
        Optional<Sweep.Row> next = rows.stream().filter(r -> r != fastest && r.epochsToNearOptimum() > 0)
                .min(Comparator.comparingDouble(Sweep.Row::secondsToNearOptimum));
        if (next.isEmpty()) {
            return "";
        }
        double lead = next.get().secondsToNearOptimum() - fastest.secondsToNearOptimum();
        if (lead >= Math.max(TIMING_NOISE_SECONDS, TIMING_NOISE_FRACTION * fastest.secondsToNearOptimum())) {
            return "";
        }
        return " Batch size " + label(next.get(), nTrain) + " took " + Numbers.seconds(next.get().secondsToNearOptimum())
                + ": a lead of " + Numbers.seconds(lead) + " in one run is below what this machine's timing"
                + " resolves (run-to-run noise of about " + Numbers.seconds(TIMING_NOISE_SECONDS) + " or "
                + Math.round(TIMING_NOISE_FRACTION * 100) + " %), so this is a tie in time; compare the updates and"
                + " epochs instead, or measure with scripts/bench.";
    }

    /** The smallest lead in seconds that a single sweep run can rank (see {@link #resolution}). */
    static final double TIMING_NOISE_SECONDS = 0.005;
    /** The smallest lead, as a fraction of the faster time, that a single sweep run can rank. */
    static final double TIMING_NOISE_FRACTION = 0.25;

    private static String label(Sweep.Row r, int nTrain) {
        return r.full() ? "full (" + nTrain + ", batch GD)" : r.batchSize() == 1 ? "1 (SGD)"
                : String.valueOf(r.batchSize());
    }

    private interface Cell {
        String of(Sweep.Row r);
    }

    private static List<String> cells(String label, List<Sweep.Row> rows, Cell c) {
        List<String> out = new ArrayList<>(List.of(label));
        rows.forEach(r -> out.add(c.of(r)));
        return out;
    }

    /** x = 0: epochs, 1: updates, 2: seconds. */
    private static List<Charts.Series> series(List<Sweep.Row> rows, Sweep.Result s, int x) {
        List<Charts.Series> out = new ArrayList<>();
        for (Sweep.Row r : rows) {
            double[] xs = new double[r.trainLoss().length];
            for (int e = 0; e < xs.length; e++) {
                xs[e] = switch (x) {
                    case 0 -> e + 1;
                    case 1 -> (double) (e + 1) * r.updatesPerEpoch();
                    default -> r.stepSeconds()[e];
                };
            }
            out.add(Charts.Series.line(label(r, s.nTrain()), xs, r.trainLoss()));
        }
        double[] flat = {out.isEmpty() ? 0 : out.get(0).x()[0], out.stream().mapToDouble(c -> c.x()[c.x().length - 1])
                .max().orElse(1)};
        if (!Double.isNaN(s.optimumTrainLoss())) {
            String name = classifier(s) ? "logistic regression" : "least-squares";
            out.add(new Charts.Series(network(s) ? name + " (linear model)" : name + " optimum", flat,
                    new double[] {s.optimumTrainLoss(), s.optimumTrainLoss()}, false, true));
        }
        return out;
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        return Numbers.format(v, 4);
    }

    /**
     * The epochs a row took to come within 1 % of the optimum's training loss, as a cell: the count, "not reached",
     * or "n/a" for a network or a nonlinear output (the line's optimum is not theirs) and for a classifier without a
     * finite optimum.
     *
     * @param s the sweep.
     * @param r the row.
     * @return the cell.
     */
    public static String nearOptimum(Sweep.Result s, Sweep.Row r) {
        return network(s) || Double.isNaN(s.optimumTrainLoss()) ? "n/a (no optimum)" : r.epochsToNearOptimum() > 0
                ? String.valueOf(r.epochsToNearOptimum()) : "not reached";
    }
}
