package dev.minibatch.report;

import dev.minibatch.format.Numbers;
import dev.minibatch.io.AtomicFiles;
import dev.minibatch.results.RunResults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds a run's report — {@code report.md}, {@code report.html} and the PNG plots — from its results
 * ({@link RunResults}, as results.json holds them). It reads results only; it never recomputes training (the fit
 * plot evaluates the stored parameters on the stored test rows).
 */
public final class RunReport {
    private static final int MAX_SHOWN = 6;

    private RunReport() {
    }

    /** Each layer's ‖(W, b)‖₂, as results.json's layer_norms ({@code Parameters.layerNorms}): for a reference's. */
    private static double[] norms(List<RunResults.Layer> layers) {
        return dev.minibatch.train.Parameters.ofLayers(layers.stream().map(l -> new dev.minibatch.train.Parameters
                .Layer(l.weights(), l.bias())).toList()).layerNorms().stream().mapToDouble(Double::doubleValue)
                .toArray();
    }

    /**
     * The rows of a network's summary: one per dense layer, then the total.
     *
     * @param hidden the hidden layers.
     * @param output the output layer's activation.
     * @param nFeatures the inputs.
     * @param nTargets the outputs.
     * @return the rows.
     */
    static List<List<String>> networkRows(List<dev.minibatch.config.LayerSpec> hidden,
                                          dev.minibatch.config.Activation output, int nFeatures, int nTargets) {
        List<List<String>> rows = new ArrayList<>();
        long total = 0;
        List<dev.minibatch.config.LayerShape> shapes = dev.minibatch.config.LayerSpec.shapes(hidden,
                dev.minibatch.config.LayerShape.flat(nFeatures), nTargets);
        for (int l = 0; l <= hidden.size(); l++) {
            boolean out = l == hidden.size();
            dev.minibatch.config.LayerShape in = shapes.get(l);
            dev.minibatch.config.LayerShape shape = shapes.get(l + 1);
            dev.minibatch.config.Activation a = out ? output : hidden.get(l).activation();
            String act = a.name().toLowerCase(java.util.Locale.ROOT)
                    + (!out && a.hasAlpha() ? " (α " + num(hidden.get(l).alpha()) + ")" : "");
            long params = out ? (in.size() + 1) * nTargets : hidden.get(l).parameters(in);
            total += params;
            rows.add(List.of(String.valueOf(l + 1), out ? "output (DL4J OutputLayer)" : hidden.get(l).type()
                    + " (DL4J " + dl4jName(hidden.get(l)) + ")", in + " → " + shape, act,
                    String.format(java.util.Locale.ROOT, "%,d", params)));
        }
        rows.add(List.of("", "total", "", "", String.format(java.util.Locale.ROOT, "%,d", total)));
        return rows;
    }

    /** The DL4J class a configured layer becomes (FrameworkTrainer's mapping). */
    private static String dl4jName(dev.minibatch.config.LayerSpec layer) {
        return layer instanceof dev.minibatch.config.LayerSpec.Dense ? "DenseLayer" : layer.type();
    }

    /**
     * Builds the report document.
     *
     * @param r the run's results.
     * @return the document.
     */
    public static Doc build(RunResults r) {
        RunResults.Reference ref = r.reference();
        RunResults.Optimum opt = r.optimum();
        Doc doc = new Doc("minibatch run: " + r.name());

        List<String> verdicts = new ArrayList<>();
        if (r.agreement() != null) {
            RunResults.Agreement a = r.agreement();
            verdicts.add((a.agree() ? "The two trainers agree" : "The two trainers DISAGREE")
                    + ": largest parameter difference over all epochs " + num(a.maxAbsParamDiff())
                    + " (tolerance " + num(a.tolerance()) + ").");
        }
        if (ref != null) {
            verdicts.add("Python reference (" + ref.kind() + ", " + ref.file() + "): " + ref.verdict() + ".");
        } else if (r.referenceAbsent() != null) {
            verdicts.add("Python reference: " + r.referenceAbsent() + ".");
        }
        r.trainers().forEach((name, tr) -> {
            if (tr.earlyStopping() != null) {
                verdicts.add("Early stopping, " + name + " trainer: " + tr.earlyStopping().reason() + ".");
            }
        });
        verdicts.add(optimizerLine(r));
        String master = configValue(r, "distributed", "master");
        if (!master.isEmpty()) {
            boolean averaging = "parameter_averaging".equals(configValue(r, "distributed", "training_master"));
            verdicts.add("Distributed: DL4J on Apache Spark (" + master + ", " + configValue(r, "distributed", "workers")
                    + " workers, " + (averaging ? "parameter averaging every " + configValue(r, "distributed",
                    "averaging_frequency") + " batches); the scratch column is its hand-written simulation"
                    : "shared gradients); DL4J alone, nothing to simulate") + ". To see it beside the same config"
                    + " trained on one machine, run " + dev.minibatch.format.Launcher.command() + " compare on the two run folders.");
        }
        RunResults.Backend backend = r.backend();
        // the fallback is ND4J's: with the CUDA kernels the GPU still ran (the GPU line below)
        verdicts.add("Backend (ND4J): " + backend.name() + " (" + backend.device() + ", " + backend.dtype() + ")"
                + (backend.fallbackReason() != null ? "; ND4J's CUDA backend skipped: " + backend.fallbackReason()
                : "") + ".");
        if ("cuda".equals(backend.scratchKernels())) {
            verdicts.add("GPU: the scratch trainer ran minibatch's CUDA kernels (" + r.trainers().get("scratch")
                    .device() + "). They add their sums in another order than the CPU, so the trainers agree to a"
                    + " tolerance, not to the bit (docs/GPU.md).");
        }
        for (Map.Entry<String, RunResults.Trainer> e : r.trainers().entrySet()) {
            RunResults.Trainer t = e.getValue();
            String grew = dev.minibatch.train.Divergence.growth(e.getKey(), maxAbs(t.initialLayers() != null
                    ? t.initialLayers() : List.of(new RunResults.Layer(t.initialWeights(), t.initialBias()))),
                    maxAbs(t.finalLayers()), t.history().isEmpty() ? 0 : t.history().get(0).trainLoss(),
                    t.finalTrainLoss());
            if (grew != null) {                      // beside the agreement verdict, before the details
                verdicts.add(Math.min(1, verdicts.size()), "Warning: " + grew + ".");
            }
        }
        verdicts.forEach(doc::paragraph);

        List<dev.minibatch.config.LayerSpec> hidden = r.hiddenLayers();
        boolean linear = r.isLinearModel();
        if (!linear) {
            doc.heading("Network");
            doc.paragraph("Dense layers, input to output, as Keras' model.summary() lists them; both trainers train"
                    + " this network from the same initial parameters.");
            doc.table(List.of("layer", "type", "inputs → units", "activation", "parameters"),
                    networkRows(hidden, r.outputActivation(), r.data().nFeatures(), r.data().nTargets()));
        }

        doc.heading("Trainers side by side");
        List<String> cols = new ArrayList<>(List.of(""));
        cols.addAll(r.trainers().keySet());
        if (ref != null) {
            cols.add("python (" + ref.kind() + ")");
        }
        boolean oneLayer = r.hiddenLayers().isEmpty();
        boolean classifier = r.data().classes() != null || r.trainers().values().stream()
                .anyMatch(t -> t.testAccuracy() != null);          // several independent labels too
        String optName = classifier ? (r.outputActivation() == dev.minibatch.config.Activation.SOFTMAX
                ? "softmax regression" : "logistic regression") + (oneLayer ? " optimum" : " (linear model)")
                : linear ? "least-squares optimum" : "least-squares line (linear model)";
        if (opt != null) {
            cols.add(optName);
        }
        Table t = new Table(r, ref != null, opt != null);
        if (oneLayer) {                                // θ itself: the linear model, logistic and softmax regression
            t.row("initial bias", tr -> values(tr.initialBias()), ref == null ? "" : values(ref.initialBias()), "");
            t.row("initial weights", tr -> values(tr.initialWeights()),
                    ref == null ? "" : values(ref.initialWeights()), "");
            t.row("final bias", tr -> values(tr.bias()), ref == null ? "" : values(ref.bias()),
                    opt == null ? "" : values(opt.bias()));
            t.row("final weights", tr -> values(tr.weights()), ref == null ? "" : values(ref.weights()),
                    opt == null ? "" : values(opt.weights()));
        } else {
            t.row("final ‖(W, b)‖ per layer", tr -> tr.history().isEmpty()
                    || tr.history().get(tr.history().size() - 1).layerNorms() == null ? ""
                    : values(tr.history().get(tr.history().size() - 1).layerNorms().stream()
                    .mapToDouble(Double::doubleValue).toArray()), ref == null || ref.layers() == null ? ""
                    : values(norms(ref.layers())), "");
            t.row("output layer's final bias", tr -> values(tr.bias()), ref == null ? "" : values(ref.bias()), "");
        }
        if (classifier) {
            t.row("test accuracy", tr -> tr.testAccuracy() == null ? "" : num(tr.testAccuracy()), "",
                    opt == null || opt.testAccuracy() == null ? "" : num(opt.testAccuracy()));
            t.row("test loss", tr -> tr.testLoss() == null ? "" : num(tr.testLoss()), "",
                    opt == null || opt.testLoss() == null ? "" : num(opt.testLoss()));
        } else {
            t.row("test MSE", tr -> num(tr.testMse()), ref == null ? "" : num(ref.testMse()),
                    opt == null ? "" : num(opt.testMse()));
        }
        t.row("final training loss", tr -> num(tr.finalTrainLoss()),
                ref == null ? "" : num(ref.history().get(ref.history().size() - 1).trainLoss()),
                opt == null ? "" : num(opt.trainLoss()));
        if (linear) {
            t.row("distance to optimum", tr -> tr.distanceToOptimum() == null ? "" : num(tr.distanceToOptimum()), "",
                    "");
        }
        t.row("steps", tr -> String.valueOf(tr.steps()), "", "");
        t.row("seconds (a resumed run: all pieces)", tr -> Numbers.seconds(tr.trainSeconds()), "", "");
        t.row("µs per step", tr -> Numbers.format(tr.usPerStep(), 4), "", "");
        t.row("engine", RunResults.Trainer::engine, "", "");
        t.row("device", tr -> tr.device() == null ? "CPU" : tr.device(), "", "");
        doc.table(cols, t.rows);

        if (ref != null) {
            doc.heading("Against the Python reference");
            List<List<String>> rr = new ArrayList<>();
            if (ref.exact()) {
                doc.paragraph(ref.note() + " Tolerance: " + num(ref.tolerance()) + " on each relative difference"
                        + " below (max |Δθ| is the absolute one, for scale).");
                ref.comparison().forEach((trainer, c) -> rr.add(List.of(trainer, num(c.maxAbsParamDiff()),
                        num(c.maxRelParamDiff()), num(c.maxRelEpochLossDiff()), num(c.testMseRelDiff()),
                        c.agree() ? "yes" : "NO")));
                doc.table(List.of("trainer", "max |Δθ|", "max rel Δθ", "max rel Δ epoch loss", "rel Δ test MSE",
                        "agrees"), rr);
            } else {
                // a band judges the final losses only: the parameters of another shuffle order are shown, not judged
                doc.paragraph(ref.note() + " Tolerance: a " + Math.round(ref.tolerance() * 100) + " % band on the"
                        + " final training loss and the test MSE only: the shuffle orders differ, so the parameters"
                        + " and the per-epoch losses are shown for reference, not judged.");
                ref.comparison().forEach((trainer, c) -> rr.add(List.of(trainer, num(c.finalTrainLossRelDiff()),
                        num(c.testMseRelDiff()), c.agree() ? "yes" : "NO", num(c.maxRelParamDiff()),
                        num(c.maxRelEpochLossDiff()))));
                doc.table(List.of("trainer", "rel Δ final training loss", "rel Δ test MSE", "within the band",
                        "max rel Δθ (not judged)", "max rel Δ epoch loss (not judged)"), rr);
            }
        }

        Plots.addRunPlots(doc, r);

        doc.heading("Configuration");
        Map<String, String> cfg = new LinkedHashMap<>();
        flatten("", r.config(), cfg);
        doc.keyValues(cfg);
        doc.heading("Backend");
        Map<String, String> be = new LinkedHashMap<>();
        be.put("name", backend.name());
        be.put("dtype", backend.dtype());
        be.put("requested", backend.requested());
        be.put("fallback reason", backend.fallbackReason() == null ? "" : backend.fallbackReason());
        be.put("device", backend.device());
        be.put("backend class", backend.backendClass());
        be.put("BLAS", backend.blas());
        be.put("threads", backend.threads() + (backend.blasThreads() == null ? "" : " (nd4j) + "
                + backend.blasThreads() + " (BLAS)"));
        be.put("cores", String.valueOf(backend.cores()));
        be.put("os", backend.os());
        be.put("ND4J", backend.nd4jVersion());
        be.put("GPUs", backend.gpus().isEmpty() ? "none reported" : backend.gpus().toString());
        if (backend.scratchKernels() != null) {
            be.put("scratch kernels", backend.scratchKernels() + (backend.kernelsNote() == null ? ""
                    : " (" + backend.kernelsNote() + ")"));
        }
        doc.keyValues(be);
        doc.heading("Data");
        RunResults.Data d = r.data();
        Map<String, String> data = new LinkedHashMap<>();
        data.put("training rows", String.valueOf(d.nTrain()));
        if (d.nVal() != null) {
            data.put("validation rows", d.nVal() + " (the training split's last rows, as Keras' validation_split)");
        }
        data.put("test rows", String.valueOf(d.nTest()));
        data.put("features", String.join(", ", d.featureNames()));
        data.put("targets", String.join(", ", d.targetNames()));
        data.put("source", d.source());
        if (d.cache() != null) {
            data.put("read from", "the disk cache " + d.cache() + " (memory-mapped files; the in-memory run's bits)");
        }
        if (!configValue(r, "data", "random_state").isEmpty()) {        // generated data only
            data.put("data seed", configValue(r, "data", "random_state"));
        }
        data.put("split seed", configValue(r, "split", "random_state"));
        data.put("init seed", configValue(r, "model", "init_seed"));
        doc.keyValues(data);
        if (classifier) {
            doc.paragraph(opt == null ? "No " + optName + ": " + (r.optimumError() == null ? "not computed"
                    : r.optimumError()) + "." : "The " + optName + " is scikit-learn's unpenalised"
                    + " LogisticRegression, fitted here by Newton's method on the training split (the maximum of the"
                    + " likelihood); its training loss is " + num(opt.trainLoss()) + ", its test loss "
                    + num(opt.testLoss()) + " and its test accuracy " + num(opt.testAccuracy()) + ".");
        } else if (opt == null) {
            doc.paragraph("No least-squares optimum: " + (r.optimumError() == null ? "not computed"
                    : r.optimumError()) + ".");
        } else {
            doc.paragraph("The least-squares optimum is solved in closed form (normal equations, Cholesky) on the"
                    + " training split; its training loss is " + num(opt.trainLoss()) + " and test MSE "
                    + num(opt.testMse()) + ".");
        }
        return doc;
    }

    private static double maxAbs(List<RunResults.Layer> layers) {
        return dev.minibatch.train.Divergence.maxAbs(dev.minibatch.train.Parameters.ofLayers(layers.stream()
                .map(l -> new dev.minibatch.train.Parameters.Layer(l.weights(), l.bias())).toList()));
    }

    /** The side-by-side table: one cell per trainer, then the reference's and the optimum's where they exist. */
    private static final class Table {
        private final RunResults r;
        private final boolean hasRef;
        private final boolean hasOpt;
        private final List<List<String>> rows = new ArrayList<>();

        Table(RunResults r, boolean hasRef, boolean hasOpt) {
            this.r = r;
            this.hasRef = hasRef;
            this.hasOpt = hasOpt;
        }

        void row(String label, Function<RunResults.Trainer, String> cell, String refCell, String optCell) {
            List<String> row = new ArrayList<>(List.of(label));
            r.trainers().values().forEach(t -> row.add(cell.apply(t)));
            if (hasRef) {
                row.add(refCell);
            }
            if (hasOpt) {
                row.add(optCell);
            }
            rows.add(row);
        }
    }

    /** The update rule, its hyper-parameters and its state size, as results.json records them. */
    private static String optimizerLine(RunResults r) {
        RunResults.Optimizer o = r.optimizer();
        StringBuilder rule = new StringBuilder(o == null ? configValue(r, "training", "optimizer")
                : o.name() + " (DL4J's " + o.dl4jUpdater() + ")");
        if (o != null) {
            if (o.learningRate() != null) {
                rule.append(", learning rate ").append(Numbers.format(o.learningRate(), 6));
            } else {
                rule.append(", no learning rate");
            }
            o.hyperParameters().forEach((k, v) -> rule.append(", ").append(k.replace('_', ' ')).append(' ')
                    .append(Numbers.format(v, 6)));
            int per = o.stateValuesPerParameter();
            rule.append(per == 0 ? "; no state" : "; state: " + per + (per == 1 ? " value" : " values")
                    + " per parameter, " + o.stateValues() + " in all");
        }
        Object schedule = ((Map<?, ?>) r.config().get("training")).get("lr_schedule");
        String type = schedule instanceof Map<?, ?> m ? String.valueOf(m.get("type")) : "none";
        return "Optimizer: " + rule + (type.equals("none") ? "" : "; learning-rate schedule: " + type) + "; l1 "
                + configValue(r, "training", "l1") + ", l2 " + configValue(r, "training", "l2") + ".";
    }

    private static String configValue(RunResults r, String section, String key) {
        Object s = r.config().get(section);
        return s instanceof Map<?, ?> m && m.get(key) != null ? String.valueOf(m.get(key)) : "";
    }

    /**
     * Formats a vector, a few entries shown.
     *
     * @param v the values.
     * @return e.g. "[0.4967141530, … (12 values)]".
     */
    static String values(double[] v) {
        List<String> parts = new ArrayList<>();
        for (double x : v) {
            parts.add(num(x));
        }
        String shown = String.join(", ", parts.subList(0, Math.min(MAX_SHOWN, parts.size())));
        return "[" + shown + (parts.size() > MAX_SHOWN ? ", … (" + parts.size() + " values)" : "") + "]";
    }

    /**
     * Formats a matrix as its values in row order, a few entries shown.
     *
     * @param m the values.
     * @return e.g. "[16.67810676]".
     */
    static String values(double[][] m) {
        return values(Arrays.stream(m).flatMapToDouble(Arrays::stream).toArray());
    }

    /**
     * Formats a number as the report shows it: up to ten significant digits (parameters are compared to the
     * last digits), trailing zeros dropped ({@link Numbers}).
     *
     * @param v the value.
     * @return the text.
     */
    public static String num(double v) {
        return Numbers.format(v, 10);
    }

    /** Flattens a config tree into dotted keys ("training.optimizer") and their values as text. */
    static void flatten(String prefix, Map<?, ?> node, Map<String, String> out) {
        for (Map.Entry<?, ?> e : node.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> m) {
                flatten(prefix + e.getKey() + ".", m, out);
            } else {
                out.put(prefix + e.getKey(), String.valueOf(e.getValue()));
            }
        }
    }

    /**
     * Writes report.md, report.html and the PNG files into a folder, each through a temporary file.
     *
     * @param doc the document.
     * @param dir the folder.
     * @param baseName the file name without extension, e.g. {@code report}.
     * @throws IOException if a file cannot be written.
     */
    public static void write(Doc doc, Path dir, String baseName) throws IOException {
        Files.createDirectories(dir);
        for (Doc.Image i : doc.images()) {
            AtomicFiles.write(dir.resolve(i.file()), i.png());
        }
        AtomicFiles.write(dir.resolve(baseName + ".md"), doc.markdown().getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(dir.resolve(baseName + ".html"), doc.html().getBytes(StandardCharsets.UTF_8));
    }
}
