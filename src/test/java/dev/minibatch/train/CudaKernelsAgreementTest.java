package dev.minibatch.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.minibatch.batch.BatchPlan;
import dev.minibatch.agreement.Agreement;
import dev.minibatch.config.LrSchedule;
import dev.minibatch.config.Loss;
import dev.minibatch.config.Optimizer;
import dev.minibatch.config.Precision;
import dev.minibatch.config.TrainingConfig;
import dev.minibatch.cuda.CudaEmulator;
import dev.minibatch.data.Dataset;
import dev.minibatch.data.MakeRegression;
import dev.minibatch.data.Regression;
import dev.minibatch.data.TrainTestSplit;
import dev.minibatch.config.Kernels;
import dev.minibatch.train.scratch.ScratchTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CUDA kernel set against the HOST kernels, on the host build of the same kernels ({@link CudaEmulator}):
 * every update rule, both losses and both data types, many features (the warp's lanes stride them), batches
 * large enough to be split, several targets, a partial last batch, l1/l2 and a schedule. The two differ only in
 * the order of the sums, so they agree to {@link Agreement#gpuTolerance}; the test also checks that they are
 * close far below it (the bound is not loose by orders of magnitude) and prints the measured differences.
 */
class CudaKernelsAgreementTest {

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Optimizer.Kind kind : Optimizer.Kind.values()) {
            for (Precision p : Precision.values()) {
                out.add(Arguments.of(kind, Loss.HALF_MSE, p));
                out.add(Arguments.of(kind, Loss.MSE, p));
            }
        }
        return out.stream();
    }

    private static TrainingConfig settings(Optimizer.Kind kind, Loss loss, Precision p, int epochs, int batch,
                                           double lr) {
        TrainingConfig base = TrainerFixtures.training(loss, p, epochs, batch, lr);
        return TrainerFixtures.with(base, 0, 0, LrSchedule.NONE, Optimizer.of(kind));
    }

    private static Agreement agree(Dataset data, TrainingConfig t) {
        CudaEmulator emu = CudaEmulator.open();
        assumeTrue(emu != null, "g++ is needed to build the host build of the CUDA kernels");
        InitialParameters init = t.isNetwork() ? InitialParameters.draw(new dev.minibatch.config.ModelConfig(
                dev.minibatch.config.Init.XAVIER_UNIFORM, 42), t.hiddenLayers(), data.nFeatures(), data.nTargets())
                : TrainerFixtures.init(data);
        BatchPlan plan = TrainerFixtures.plan(data, t);
        TrainingResult host = new ScratchTrainer(Kernels.HOST).train(data, plan, init.parameters(), t,
                EpochListener.NONE);
        TrainingResult cuda = new ScratchTrainer(emu).train(data, plan, init.parameters(), t, EpochListener.NONE);
        assertEquals(host.steps(), cuda.steps());
        assertTrue(cuda.fin().maxAbsDiff(cuda.initial()) > 0, "training moved the parameters");
        double tol = Agreement.gpuTolerance(t.precision(), host);
        Agreement a = Agreement.of(host, cuda, tol);
        for (int e = 0; e < host.history().size(); e++) {
            EpochRecord h = host.history().get(e);
            EpochRecord c = cuda.history().get(e);
            double rel = Math.abs(h.trainLoss() - c.trainLoss()) / Math.abs(h.trainLoss());
            assertTrue(rel <= Agreement.gpuLossTolerance(t.precision()), "epoch " + (e + 1) + " loss " + h.trainLoss()
                    + " vs " + c.trainLoss());
            double relBatch = Math.abs(h.batchLossMean() - c.batchLossMean()) / Math.abs(h.batchLossMean());
            assertTrue(relBatch <= Agreement.gpuLossTolerance(t.precision()), "epoch " + (e + 1) + " batch loss");
        }
        System.out.printf("cuda-vs-host %s %s %s %s: max |Δθ| %.3g, tolerance %.3g%n", t.optimizer().kind(),
                t.loss(), t.precision(), t.hiddenLayers(), a.maxAbsParamDiff(), tol);
        assertTrue(a.agree(), a.verdict());
        return a;
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void everyRuleAgreesWithTheHostKernelsOnSeveralTargetsAndAPartialLastBatch(Optimizer.Kind kind, Loss loss,
                                                                             Precision p) {
        agree(TrainerFixtures.multiTarget(), settings(kind, loss, p, 3, 32, 0.01));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void manyFeaturesAndSplitBatchesAgree(Optimizer.Kind kind, Loss loss, Precision p) {
        Regression r = MakeRegression.generate(1000, 45, 20, 1, 0.0, 5.0, 11);
        Dataset d = Dataset.of(r.x(), r.y(), TrainTestSplit.split(1000, 0.2, 5));
        agree(d, settings(kind, loss, p, 2, 600, 0.001));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.minibatch.train.TrainerAgreementTest#lossesAndTypes")
    void regularizationAndAScheduleAgree(Loss loss, Precision p) {
        TrainingConfig base = TrainerFixtures.training(loss, p, 5, 16, 0.01);
        TrainingConfig t = TrainerFixtures.with(base, 0.01, 0.02, new LrSchedule(LrSchedule.Type.STEP, LrSchedule.Unit.ITERATION, 0.99, 0.5, 4, 1.0, 1000,
                new java.util.TreeMap<>()),
                Optimizer.of(Optimizer.Kind.ADAM));
        agree(TrainerFixtures.multiTarget(), t);
    }

    static Stream<Arguments> networks() {
        List<Arguments> out = new ArrayList<>();
        for (dev.minibatch.config.Activation act : dev.minibatch.config.Activation.values()) {
            for (Precision p : act.elementWise() ? Precision.values() : new Precision[0]) {
                out.add(Arguments.of(act, p));
            }
        }
        return out.stream();
    }

    /**
     * A network on the CUDA kernels (dense_forward, backprop_hidden, penalty, an update per layer): every activation,
     * both types, two hidden layers, several targets and a partial last batch, Adam with L1 and L2.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("networks")
    void networksAgreeWithTheHostKernels(dev.minibatch.config.Activation act, Precision p) {
        TrainingConfig base = TrainerFixtures.training(Loss.MSE, p, 4, 32, 0.002);
        TrainingConfig t = TrainerFixtures.network(TrainerFixtures.with(base, 0.001, 0.01, LrSchedule.NONE,
                Optimizer.of(Optimizer.Kind.ADAM)), List.of(new dev.minibatch.config.LayerSpec.Dense(9, act),
                new dev.minibatch.config.LayerSpec.Dense(5, act)));
        agree(TrainerFixtures.multiTarget(), t);
    }

    /** An output activation on the CUDA kernels (forward's f and its backward step), without and with a hidden layer. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("networks")
    void outputActivationsAgreeWithTheHostKernels(dev.minibatch.config.Activation act, Precision p) {
        TrainingConfig base = TrainerFixtures.training(Loss.MSE, p, 4, 32, 0.002);
        TrainingConfig t = TrainerFixtures.output(TrainerFixtures.network(TrainerFixtures.with(base, 0, 0,
                LrSchedule.NONE, Optimizer.of(Optimizer.Kind.ADAM)), act.ordinal() % 2 == 0 ? List.of()
                : List.of(new dev.minibatch.config.LayerSpec.Dense(7, dev.minibatch.config.Activation.TANH))), act);
        agree(TrainerFixtures.multiTarget(), t);
    }

    static Stream<Arguments> classifiers() {
        List<Arguments> out = new ArrayList<>();
        for (Loss loss : List.of(Loss.BINARY_CROSSENTROPY, Loss.CATEGORICAL_CROSSENTROPY)) {
            for (Precision p : Precision.values()) {
                for (boolean hidden : new boolean[] {false, true}) {
                    out.add(Arguments.of(loss, p, hidden));
                }
            }
        }
        return out.stream();
    }

    /**
     * The cross-entropies on the CUDA kernels (each row finished by one lane: the sigmoid's clipped gradient, the
     * softmax over the row): logistic and softmax regression and a network, several classes, Adam, L2 and a partial
     * last batch.
     */
    @ParameterizedTest(name = "{0} {1} hidden={2}")
    @MethodSource("classifiers")
    void classifiersAgreeWithTheHostKernels(Loss loss, Precision p, boolean hidden) {
        boolean softmax = loss == Loss.CATEGORICAL_CROSSENTROPY;
        TrainingConfig base = TrainerFixtures.output(TrainerFixtures.training(loss, p, 4, 32, 0.05),
                loss.outputActivation());
        TrainingConfig t = TrainerFixtures.network(TrainerFixtures.with(base, 0, 0.01, LrSchedule.NONE,
                Optimizer.of(Optimizer.Kind.ADAM)), hidden ? List.of(new dev.minibatch.config.LayerSpec.Dense(7,
                dev.minibatch.config.Activation.TANH)) : List.of());
        // standardised: with the raw features the probabilities start in the clipping, where float's last-bit
        // differences of p near 1 become relative differences of ln(1 − p) far above the float loss tolerance
        agree(TrainerFixtures.classes(softmax, softmax ? 4 : 3, true), t);
    }
}
