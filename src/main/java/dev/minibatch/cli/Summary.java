package dev.minibatch.cli;

import dev.minibatch.config.RunConfig;
import dev.minibatch.config.TrainingConfig;
import dev.minibatch.run.RunResult;
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
    private static final int MAX_WEIGHTS_SHOWN = 4;

    private Summary() {
    }

    static String header(RunConfig c) {
        TrainingConfig t = c.training();
        String rule = t.optimizer().kind().usesLearningRate() ? t.optimizer().name() + " lr " + t.learningRate()
                : t.optimizer().name();
        return String.format(Locale.ROOT, "minibatch train %s: %s, %s, %s, batch %d, %s, shuffle %s, %s",
                c.name(), c.data().source(), t.loss().name().toLowerCase(Locale.ROOT), rule,
                t.batchSize(), Numbers.count(t.epochs(), "epoch"), t.shuffle().name().toLowerCase(Locale.ROOT),
                t.precision());
    }

    static EpochListener epochLines(PrintWriter out) {
        return (trainer, r, epochs) -> {
            String val = !r.hasValidation() ? "" : String.format(Locale.ROOT, " - val_loss: %.6g", r.valLoss())
                    + (r.classifier() == null ? "" : String.format(Locale.ROOT, " - val_accuracy: %.4f",
                    r.classifier().valAccuracy()));
            if (r.classifier() != null) {
                out.printf(Locale.ROOT, "%-9s epoch %d/%d - loss: %.6g - batch_loss_mean: %.6g - accuracy: %.4f%s"
                                + " - test_loss: %.6g - test_accuracy: %.4f%n", trainer, r.epoch(), epochs,
                        r.trainLoss(), r.batchLossMean(), r.classifier().trainAccuracy(), val,
                        r.classifier().testLoss(), r.classifier().testAccuracy());
            } else {
                out.printf(Locale.ROOT, "%-9s epoch %d/%d - loss: %.6g - batch_loss_mean: %.6g%s - test_mse: %.6g%n",
                        trainer, r.epoch(), epochs, r.trainLoss(), r.batchLossMean(), val, r.testMse());
            }
            out.flush();
        };
    }

    /** The data and backend line, printed once the data is loaded and before training starts. */
    static String dataLine(RunData d, BackendInfo b) {
        return String.format(Locale.ROOT, "data: %s train / %s test rows, %s, %s; backend %s (%s, %d threads)",
                d.nTrain(), d.nTest(), Numbers.count(d.nFeatures(), "feature"), d.classes() != null
                        ? d.classes().size() + " classes" : Numbers.count(d.nTargets(), "target"),
                b.name(), b.blas(), b.threads())
                + (b.kernels() != null && b.kernels().cuda() ? "; scratch trainer on GPU 0 (CUDA kernels)" : "")
                + (d instanceof dev.minibatch.cache.DiskData disk ? "; read from the disk cache " + disk.dir() : "");
    }

    static String table(RunResult run) {
        StringBuilder sb = new StringBuilder();
        boolean linear = run.trainers().values().stream().allMatch(r -> r.fin().isLinear());
        boolean classifier = run.config().training().loss().isClassification();
        sb.append(String.format(Locale.ROOT, "%-10s %-44s %14s %14s %7s %9s%n", "trainer",
                linear ? "final bias | weights" : "final ‖(W, b)‖ per layer", classifier ? "test accuracy" : "test MSE",
                "train loss", "steps", "seconds"));
        for (TrainingResult r : run.trainers().values()) {
            EpochRecord.Classifier c = r.finalRecord().classifier();
            sb.append(String.format(Locale.ROOT, "%-10s %-44s %14s %14.8g %7d %9.3f%n", r.trainer(),
                    params(r.fin()), c != null ? String.format(Locale.ROOT, "%.4f", c.testAccuracy())
                            : String.format(Locale.ROOT, "%.8g", r.testMse()), r.finalRecord().trainLoss(), r.steps(),
                    r.trainSeconds()));
        }
        for (TrainingResult r : run.trainers().values()) {
            if (r.stop() != null) {
                sb.append("early stopping, ").append(r.trainer()).append(": ").append(r.stop().reason())
                        .append(System.lineSeparator());
            }
        }
        for (TrainingResult r : run.trainers().values()) {
            String grew = dev.minibatch.train.Divergence.growth(r.trainer(), dev.minibatch.train.Divergence.maxAbs(
                    r.initial()), dev.minibatch.train.Divergence.maxAbs(r.fin()), r.history().get(0).trainLoss(),
                    r.finalRecord().trainLoss());
            if (grew != null) {
                sb.append("warning: ").append(grew).append(System.lineSeparator());
            }
        }
        if (run.agreement() != null) {
            sb.append(run.agreement().verdict()).append(System.lineSeparator());
        }
        return sb.toString();
    }

    /**
     * Formats the parameters compactly: the linear model's first bias and up to four weights, or a network's
     * per-layer norms.
     */
    static String params(Parameters p) {
        StringBuilder sb = new StringBuilder();
        if (!p.isLinear()) {
            List<Double> norms = p.layerNorms();
            for (int l = 0; l < Math.min(norms.size(), MAX_WEIGHTS_SHOWN); l++) {
                sb.append(l == 0 ? "" : " | ").append(String.format(Locale.ROOT, "%.6g", norms.get(l)));
            }
            return sb.append(norms.size() > MAX_WEIGHTS_SHOWN ? " …" : "").toString();
        }
        sb.append(String.format(Locale.ROOT, "%.10g |", p.bias()[0]));
        int shown = Math.min(MAX_WEIGHTS_SHOWN, p.nFeatures());
        for (int f = 0; f < shown; f++) {
            sb.append(String.format(Locale.ROOT, " %.10g", p.weights()[f][0]));
        }
        if (p.nFeatures() > shown || p.nTargets() > 1) {
            sb.append(" …");
        }
        return sb.toString();
    }
}
