package dev.minibatch.report;

import dev.minibatch.backend.BackendInfo;
import dev.minibatch.backend.GpuInfo;
import dev.minibatch.backend.Versions;
import dev.minibatch.results.RunResults;
import dev.minibatch.agreement.Agreement;
import dev.minibatch.agreement.LeastSquares;
import dev.minibatch.agreement.LogisticOptimum;
import dev.minibatch.config.Loss;
import dev.minibatch.config.ConfigTree;
import dev.minibatch.data.Dataset;
import dev.minibatch.data.RunData;
import dev.minibatch.run.RunOutcome;
import dev.minibatch.train.EpochRecord;
import dev.minibatch.train.Parameters;
import dev.minibatch.train.TrainingResult;


import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the tree of {@code results.json} from a run (the file itself is {@link dev.minibatch.results.ResultsFile}'s):
 * the configuration, backend, data sizes, each trainer's parameters, metrics and per-epoch history, and the
 * agreement. Keys are documented in docs/RESULTS.md. Per-epoch parameters are included
 * when the model has at most {@value #MAX_PARAMS_PER_EPOCH} weights, so the file stays small for wide data.
 */
public final class RunResultsBuilder {
    /** The largest number of weights for which per-epoch parameters are written. */
    public static final int MAX_PARAMS_PER_EPOCH = 64;
    /** The most test rows stored for the report's plots. */
    public static final int MAX_PLOT_ROWS = 1000;
    /** The test images results.json keeps for the report's grid of images (each is hundreds of pixels). */
    public static final int IMAGE_PLOT_ROWS = 32;

    private RunResultsBuilder() {
    }

    /**
     * Builds the results of a run.
     *
     * @param run the run's results.
     * @param reference the Python reference that matches the run's configuration, if any.
     * @return the record results.json is written from.
     */
    public static RunResults build(RunOutcome run, Optional<PythonReference> reference) {
        RunData d = run.data();
        Dataset mem = d.inMemory();
        BackendInfo b = run.backend();
        RunResults.Backend backend = new RunResults.Backend(b.name(), run.config().training().precision().name(),
                b.requested(), b.fallbackReason(), b.device(), b.backendClass(), b.blas(), b.threads(), b.blasThreads(), b.cores(),
                b.os(), b.nd4jVersion(), b.gpus().stream().map(GpuInfo::toMap).toList(),
                b.kernels() == null ? null : b.kernels().kernels().name().toLowerCase(java.util.Locale.ROOT),
                b.kernels() == null ? null : b.kernels().note());
        RunResults.Data data = new RunResults.Data(d.nTrain(), d.nTest(), d.nFeatures(), d.nTargets(),
                run.config().data().source(), d.featureNames(), d.targetNames(), d.nVal() > 0 ? d.nVal() : null,
                d instanceof dev.minibatch.cache.DiskData disk ? disk.dir().toString() : null,
                d.classes() == null ? null : d.classes().classes(), d.inputShape().flat() ? null
                : List.of(d.inputShape().channels(), d.inputShape().height(), d.inputShape().width()));
        RunResults.Preprocess pre = d.standardization() == null ? new RunResults.Preprocess(false, null, null)
                : new RunResults.Preprocess(true, d.standardization().mean(), d.standardization().scale());
        boolean halfMse = run.config().training().loss() == Loss.HALF_MSE;
        Parameters optimum = null;
        RunResults.Optimum opt = null;
        String optimumError = null;
        if (mem == null) {
            optimumError = "not computed for data in the disk cache (data.cache): the solver holds the training"
                    + " split in memory";
        } else if (run.config().training().loss().isClassification()) {
            try {
                LogisticOptimum.Fit f = LogisticOptimum.fit(mem, run.config().training());
                opt = new RunResults.Optimum(f.parameters().weights(), f.parameters().bias(), f.trainLoss(),
                        f.testMse(), f.testLoss(), f.testAccuracy());
            } catch (IllegalArgumentException e) {
                optimumError = e.getMessage();
            }
        } else {
            try {
                optimum = LeastSquares.solve(mem.xTrain(), mem.yTrain());
                opt = new RunResults.Optimum(optimum.weights(), optimum.bias(),
                        LeastSquares.loss(halfMse, optimum, mem.xTrain(), mem.yTrain()),
                        LeastSquares.loss(false, optimum, mem.xTest(), mem.yTest()), null, null);
            } catch (IllegalArgumentException e) {
                optimumError = e.getMessage();
            }
        }
        Map<String, RunResults.Trainer> trainers = new LinkedHashMap<>();
        boolean perEpochParams = perEpochParameters(d.nFeatures(), d.nTargets());
        for (TrainingResult r : run.trainers().values()) {
            trainers.put(r.trainer(), trainer(r, perEpochParams,
                    optimum == null || run.config().training().isNetwork() ? null
                            : LeastSquares.distance(r.fin(), optimum), confusion(run, mem, r)));
        }
        Agreement a = run.agreement();
        RunResults.Agreement agreement = a == null ? null : new RunResults.Agreement(a.tolerance(),
                a.maxAbsParamDiff(), a.perEpochList(), a.firstEpochBeyondTolerance(), a.agree());
        RunResults.Reference ref = reference.map(r -> ReferenceComparison.of(r, run.trainers().values()))
                .orElse(null);
        String absent = reference.isPresent() ? null
                : PythonReference.whyNone(PythonReference.defaultFolder(), ConfigTree.of(run.config()));
        double[][][] head = d.testHead(d.inputShape().flat() ? MAX_PLOT_ROWS : IMAGE_PLOT_ROWS);
        dev.minibatch.config.Optimizer o = run.config().training().optimizer();
        Map<String, Double> hyper = new LinkedHashMap<>();
        o.kind().hyperParameters().forEach(h -> hyper.put(h, o.value(h)));
        long nParams = run.trainers().values().iterator().next().fin().count();
        RunResults.Optimizer optimizer = new RunResults.Optimizer(o.name(), o.kind().dl4jClass(),
                o.kind().usesLearningRate() ? run.config().training().learningRate() : null, hyper,
                o.kind().stateArrays(), o.kind().stateArrays() * nParams);
        return new RunResults(run.config().name(), Versions.minibatch(), ConfigTree.of(run.config()), backend, data,
                pre, optimizer, opt, optimumError, trainers, agreement, ref, absent,
                new RunResults.PlotData(head[0], head[1]));
    }

    /**
     * A one-label classifier's confusion matrix over the whole test split, from the trainer's final parameters
     * evaluated as the report evaluates them ({@link ModelView}); {@code null} for a regression, several labels, or
     * data in the disk cache.
     */
    private static long[][] confusion(RunOutcome run, Dataset mem, TrainingResult r) {
        dev.minibatch.data.ClassLabels classes = run.data().classes();
        if (mem == null || classes == null || !run.config().training().loss().isClassification()) {
            return null;
        }
        ModelView model = ModelView.of(run.config().training().hiddenLayers(),
                run.config().training().outputActivation(), layers(r.fin()));
        double[][] x = mem.xTest();
        int[] truth = new int[x.length];
        double[][] proba = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            truth[i] = dev.minibatch.results.ClassificationMetrics.predicted(mem.yTest()[i]);
            proba[i] = model.predict(x[i]);
        }
        return dev.minibatch.results.ClassificationMetrics.of(truth, proba, classes.classes()).confusionMatrix();
    }

    private static RunResults.Trainer trainer(TrainingResult r, boolean perEpochParams, Double distance,
                                              long[][] confusion) {
        List<RunResults.Epoch> history = r.history().stream().map(e -> epoch(e, perEpochParams)).toList();
        return new RunResults.Trainer(r.engine(), r.device(), r.initial().weights(), r.initial().bias(), r.fin().weights(),
                r.fin().bias(), r.testMse(), r.finalRecord().trainLoss(), r.trainSeconds(),
                r.steps(), r.stepSeconds(), r.stepSeconds() * 1e6 / r.steps(), distance, history,
                r.stop() == null ? null : new RunResults.EarlyStop(r.stop().monitor(), r.stop().stoppedAfterEpoch(),
                        r.stop().bestEpoch(), r.stop().bestLoss(), r.stop().restored(), r.stop().reason()),
                layers(r.initial()), layers(r.fin()), r.finalRecord().classifier() == null ? null
                        : r.finalRecord().classifier().testLoss(), r.finalRecord().classifier() == null ? null
                        : r.finalRecord().classifier().testAccuracy(), confusion);
    }

    /**
     * The file form of one epoch's record: results.json's history, and diverged.json's epochs before the blow-up.
     *
     * @param e the epoch loop's record.
     * @param withParameters whether to write W and b (a model of at most {@value #MAX_PARAMS_PER_EPOCH} weights).
     * @return the epoch as the files hold it.
     */
    static RunResults.Epoch epoch(EpochRecord e, boolean withParameters) {
        Parameters p = e.parameters();
        EpochRecord.Classifier c = e.classifier();
        return new RunResults.Epoch(e.epoch(), e.trainLoss(), e.batchLossMean(), e.testMse(),
                withParameters ? p.weights() : null, withParameters ? p.bias() : null,
                e.hasValidation() ? e.valLoss() : null, p.layerNorms(), c == null ? null : c.testLoss(),
                c == null ? null : c.trainAccuracy(), c == null || !e.hasValidation() ? null : c.valAccuracy(),
                c == null ? null : c.testAccuracy());
    }

    /**
     * Whether a model's per-epoch parameters are written: at most {@value #MAX_PARAMS_PER_EPOCH} weights.
     *
     * @param nFeatures the features.
     * @param nTargets the targets.
     * @return whether they are.
     */
    static boolean perEpochParameters(int nFeatures, int nTargets) {
        return (long) nFeatures * nTargets <= MAX_PARAMS_PER_EPOCH;
    }

    private static List<RunResults.Layer> layers(Parameters p) {
        return p.layers().stream().map(l -> new RunResults.Layer(l.weights(), l.bias())).toList();
    }
}
