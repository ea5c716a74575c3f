package dev.minibatch.cli;

import dev.minibatch.config.RunConfig;
import dev.minibatch.config.TrainingConfig;
import dev.minibatch.run.RunOutcome;
import dev.minibatch.train.EpochListener;
import dev.minibatch.train.Parameters;
import dev.minibatch.train.EpochRecord;
import dev.minibatch.train.TrainingResult;

import java.io.PrintWriter;
import dev.minibatch.backend.BackendInfo;
import dev.minibatch.data.RunData;
import dev.minibatch.format.Numbers;

import java.util.List;
import java.util.Locale;

/** The text {@code minibatch train} prints: a header, per-epoch lines when verbose, and the summary table. */
final class Summary {

    private Summary() {
    }

    static String header(RunConfig c) {
        TrainingConfig t = c.training();
        // the first update's rate (a map schedule's value at 0, not training.learning_rate), and the schedule
        String rule = !t.optimizer().kind().usesLearningRate() ? t.optimizer().name() : t.optimizer().name() + " lr "
                + Numbers.format(t.learningRateAt(0, 1), 6) + (t.lrSchedule().on() ? " ("
                + t.lrSchedule().type().name().toLowerCase(Locale.ROOT) + " schedule)" : "");
        return String.format(Locale.ROOT, "minibatch train %s: %s, %s, %s, batch %d, %s, shuffle %s, %s",
                c.name(), c.data().source(), t.loss().name().toLowerCase(Locale.ROOT), rule,
                t.batchSize(), Numbers.count(t.epochs(), "epoch"), t.shuffle().name().toLowerCase(Locale.ROOT),
                t.precision()) + (c.distributed().on() ? "; on Spark " + c.distributed().master() + " ("
                + Numbers.count(c.distributed().workers(), "worker") + ", parameter averaging every "
                + c.distributed().averagingFrequency() + " batches)" : "");
    }

    /**
     * An epoch's numbers under the names Keras gives them, in the order both the {@code --verbose} lines and the
     * {@code --log-csv} file use: {@code loss} is the mean of the epoch's batch losses (Keras' running mean), then
     * the validation loss when there is a validation split, then what Keras would call metrics: the full training
     * loss after the epoch, the test MSE (a classifier: its accuracies and test loss).
     *
     * @param r the epoch's record.
     * @return name and value pairs, in order.
     */
    static java.util.LinkedHashMap<String, Double> epochValues(EpochRecord r) {
        java.util.LinkedHashMap<String, Double> v = new java.util.LinkedHashMap<>();
        v.put("loss", r.batchLossMean());
        if (r.hasValidation()) {
            v.put("val_loss", r.valLoss());
        }
        v.put("train_loss", r.trainLoss());
        if (r.classifier() != null) {
            v.put("train_accuracy", r.classifier().trainAccuracy());
            if (r.hasValidation()) {
                v.put("val_accuracy", r.classifier().valAccuracy());
            }
            v.put("test_loss", r.classifier().testLoss());
            v.put("test_accuracy", r.classifier().testAccuracy());
        } else {
            v.put("test_mse", r.testMse());
        }
        return v;
    }

    /**
     * The {@code --verbose} epoch lines, in Keras' {@code verbose=2} form: "Epoch 3/100 (framework)", then
     * "25/25 - 0s - loss: 190.4183 - … - 12ms/epoch - 480us/step", the time being the epoch's update steps.
     *
     * @param out where to print.
     * @param stepsPerEpoch the update steps of an epoch, or 0 when it varies (a sweep: then not shown).
     * @return the listener.
     */
    static EpochListener epochLines(PrintWriter out, int stepsPerEpoch) {
        java.util.Map<String, Double> lastSeconds = new java.util.HashMap<>();
        return (trainer, r, epochs) -> {
            double seconds = r.stepSeconds() - lastSeconds.getOrDefault(trainer, 0.0);
            lastSeconds.put(trainer, r.stepSeconds());
            StringBuilder line = new StringBuilder();
            if (stepsPerEpoch > 0) {
                line.append(stepsPerEpoch).append('/').append(stepsPerEpoch).append(" - ");
            }
            line.append(Math.round(seconds)).append('s');
            epochValues(r).forEach((k, v) -> line.append(" - ").append(k).append(": ").append(keras(v)));
            line.append(" - ").append(kerasTime(seconds)).append("/epoch");
            if (stepsPerEpoch > 0) {
                line.append(" - ").append(kerasTime(seconds / stepsPerEpoch)).append("/step");
            }
            out.printf(Locale.ROOT, "Epoch %d/%d (%s)%n%s%n", r.epoch(), epochs, trainer, line);
            out.flush();
        };
    }

    /** A time per unit as Keras prints it: "2s", "12ms", "480us". */
    static String kerasTime(double s) {
        return s >= 1 || s == 0 ? String.format(Locale.ROOT, "%.0fs", s) : s >= 1e-3
                ? String.format(Locale.ROOT, "%.0fms", s * 1e3) : String.format(Locale.ROOT, "%.0fus", s * 1e6);
    }

    /** A value as Keras prints it: four decimals, or four significant digits in e-notation below 1e-3. */
    static String keras(double v) {
        return Math.abs(v) > 1e-3 || v == 0 ? String.format(Locale.ROOT, "%.4f", v)
                : String.format(Locale.ROOT, "%.4e", v);
    }

    /**
     * The lines a run prints before it trains: the header, a renamed folder, what a resume continues from or where
     * checkpoints go, and the data and backend.
     */
    static java.util.List<String> startLines(RunConfig c, RunData d, BackendInfo b, java.util.Optional<String> renamed,
                                             java.nio.file.Path resumeFrom, java.util.List<String> trainers,
                                             java.nio.file.Path checkpoints, java.nio.file.Path runFolder) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        lines.add(header(c));
        renamed.ifPresent(lines::add);
        if (resumeFrom != null) {
            lines.add(dev.minibatch.checkpoint.Checkpoints.describe(resumeFrom, trainers, runFolder));
        } else if (c.checkpoint().on()) {
            lines.add("checkpoints every " + c.checkpoint().every() + " epochs in " + checkpoints
                    + "; if stopped: " + dev.minibatch.format.Launcher.command() + " train --resume " + dev.minibatch.format.Launcher.quoted(runFolder));
        }
        lines.add(dataLine(d, b));
        return lines;
    }

    /** The data and backend line, printed once the data is loaded and before training starts. */
    static String dataLine(RunData d, BackendInfo b) {
        boolean images = !d.inputShape().flat();
        return String.format(Locale.ROOT, "data: %s / %s test %s, %s, %s; backend %s (%s, %s)",
                d.nTrain() + " train" + (d.nVal() > 0 ? " + " + d.nVal() + " validation" : ""), d.nTest(),
                images ? "images" : "rows", images ? d.inputShape().height() + "×" + d.inputShape().width() + " ("
                        + Numbers.count(d.nFeatures(), "pixel") + ")" : Numbers.count(d.nFeatures(), "feature"),
                d.classes() != null
                        ? d.classes().size() + " classes" : Numbers.count(d.nTargets(), "target"),
                b.name(), b.blas(), b.name().equals("CPU") ? (b.threads() == 1 && b.blasThreads() == 1 ? "1 thread"
                        : "nd4j " + b.threads() + " + BLAS " + b.blasThreads() + " threads") : b.threads() + " threads")
                + (b.kernels() != null && b.kernels().cuda() ? "; scratch trainer on GPU 0 (CUDA kernels)" : "")
                + (d instanceof dev.minibatch.cache.DiskData disk ? "; read from the disk cache " + disk.dir() : "");
    }

    /**
     * The summary table, fitted to the terminal's width: the parameters column takes what the other columns leave,
     * and shows as many weights as fit. The training loss is shown as an MSE beside the test MSE (a half-MSE run's
     * loss doubled), so that the two numbers side by side mean the same thing; a classifier shows its test accuracy
     * and its training loss (cross-entropy).
     */
    static String table(RunOutcome run) {
        StringBuilder sb = new StringBuilder();
        boolean linear = run.trainers().values().stream().allMatch(r -> r.fin().isLinear());
        boolean classifier = run.config().training().loss().isClassification();
        double toMse = run.config().training().loss().toMse(run.data().nTargets());
        List<String> tests = new java.util.ArrayList<>();
        List<String> trains = new java.util.ArrayList<>();
        for (TrainingResult r : run.trainers().values()) {
            EpochRecord.Classifier c = r.finalRecord().classifier();
            tests.add(c != null ? String.format(Locale.ROOT, "%.4f", c.testAccuracy())
                    : String.format(Locale.ROOT, "%.6g", r.testMse()));
            trains.add(String.format(Locale.ROOT, "%.6g", (classifier ? 1 : toMse) * r.finalRecord().trainLoss()));
        }
        int m = Math.max(10, java.util.stream.Stream.concat(tests.stream(), trains.stream()).mapToInt(String::length)
                .max().orElse(10));                       // 13 for -1.23456e+100: a space always parts the columns
        int width = Math.max(0, Terminal.width() - (9 + 1 + 2 * (m + 1) + 8 + 8));
        List<String> params = run.trainers().values().stream().map(r -> params(r.fin(), width)).toList();
        int w = Math.max(14, params.stream().mapToInt(String::length).max().orElse(0));
        String row = "%-9s %-" + w + "s %" + m + "s %" + m + "s %7s %7s%n";
        sb.append(String.format(Locale.ROOT, row, "trainer", linear ? "bias | weights" : "‖(W, b)‖/layer",
                classifier ? "test acc" : "test MSE", classifier ? "train loss" : "train MSE", "steps", "seconds"));
        int i = 0;
        for (TrainingResult r : run.trainers().values()) {
            sb.append(String.format(Locale.ROOT, row, r.trainer(), params.get(i), tests.get(i), trains.get(i),
                    r.steps(), String.format(Locale.ROOT, "%.2f", r.trainSeconds())));
            i++;
        }
        for (TrainingResult r : run.trainers().values()) {
            if (r.stop() != null) {
                sb.append(Terminal.fit("early stopping, " + r.trainer() + ": " + r.stop().reason()))
                        .append(System.lineSeparator());
            }
        }
        for (TrainingResult r : run.trainers().values()) {
            String grew = dev.minibatch.train.Divergence.growth(r.trainer(), dev.minibatch.train.Divergence.maxAbs(
                    r.initial()), dev.minibatch.train.Divergence.maxAbs(r.fin()), r.history().get(0).trainLoss(),
                    r.finalRecord().trainLoss());
            if (grew != null) {
                sb.append(Terminal.fit("warning: " + grew)).append(System.lineSeparator());
            }
        }
        if (run.agreement() != null) {
            sb.append(Terminal.fit(run.agreement().verdict())).append(System.lineSeparator());
        }
        return sb.toString();
    }

    /**
     * Formats the parameters compactly in at most {@code width} characters (or the first value when even that does
     * not fit): the linear model's first bias and as many weights as fit, or a network's per-layer norms; "…" when
     * some are left out.
     */
    static String params(Parameters p, int width) {
        List<String> values = new java.util.ArrayList<>();
        String head = "";
        if (p.isLinear()) {
            head = String.format(Locale.ROOT, "%.8g |", p.bias()[0]);
            for (int f = 0; f < p.nFeatures(); f++) {
                values.add(String.format(Locale.ROOT, "%.8g", p.weights()[f][0]));
            }
        } else {
            p.layerNorms().forEach(n -> values.add(String.format(Locale.ROOT, "%.5g", n)));
        }
        String sep = p.isLinear() ? " " : " | ";
        StringBuilder sb = new StringBuilder(head);
        int shown = 0;
        for (String v : values) {
            String next = (sb.length() == 0 ? "" : sep.isBlank() ? " " : sep) + v;
            boolean more = shown + 1 < values.size();
            if (shown > 0 && sb.length() + next.length() + (more ? 2 : 0) > width) {
                break;
            }
            sb.append(next);
            shown++;
        }
        boolean cut = shown < values.size() || (p.isLinear() && p.nTargets() > 1);
        return sb.append(cut ? " …" : "").toString();
    }
}
