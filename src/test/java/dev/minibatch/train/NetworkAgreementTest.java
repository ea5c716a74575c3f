package dev.minibatch.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minibatch.batch.BatchPlan;
import dev.minibatch.agreement.Agreement;
import dev.minibatch.config.Activation;
import dev.minibatch.config.LayerSpec;
import dev.minibatch.config.Init;
import dev.minibatch.config.Kernels;
import dev.minibatch.config.Loss;
import dev.minibatch.config.LrSchedule;
import dev.minibatch.config.ModelConfig;
import dev.minibatch.config.Optimizer;
import dev.minibatch.config.Precision;
import dev.minibatch.config.TrainingConfig;
import dev.minibatch.data.Dataset;
import dev.minibatch.train.framework.FrameworkTrainer;
import dev.minibatch.train.scratch.ScratchTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Networks with hidden layers: DL4J's {@code MultiLayerNetwork} of dense layers and the scratch trainer's hand-written
 * forward and backward passes, on both CPU kernel sets, end every epoch with bit-identical parameters, and their
 * batch losses are equal — for every activation, both losses, both data types, and every update rule with L1, L2
 * and a schedule. Tolerance 0.
 */
class NetworkAgreementTest {

    /** Trains with DL4J and the scratch trainer's two CPU kernel sets; all three must agree at 0. */
    private static void agree(Dataset data, TrainingConfig t, Init init) {
        InitialParameters start = InitialParameters.draw(new ModelConfig(init, 42), t.hiddenLayers(),
                data.nFeatures(), data.nTargets());
        BatchPlan plan = TrainerFixtures.plan(data, t);
        TrainingResult a = new FrameworkTrainer().train(data, plan, start.parameters(), t, EpochListener.NONE);
        assertTrue(a.fin().maxAbsDiff(a.initial()) > 0, "training moved the parameters");
        assertEquals(t.hiddenLayers().size(), a.fin().hidden().size());
        for (Kernels kernels : List.of(Kernels.HOST, Kernels.ND4J)) {
            TrainingResult b = new ScratchTrainer(kernels).train(data, plan, start.parameters(), t,
                    EpochListener.NONE);
            Agreement agreement = Agreement.of(a, b, 0.0);
            assertTrue(agreement.agree(), kernels + ": " + agreement.verdict());
            assertEquals(0.0, agreement.maxAbsParamDiff(), kernels + ": " + agreement.verdict());
            if (t.loss() == Loss.HALF_MSE) {
                assertArrayEquals(a.lastEpochBatchLosses(), b.lastEpochBatchLosses(), kernels + ": batch losses");
            }
        }
    }

    private static TrainingConfig net(Loss loss, Precision p, List<LayerSpec> hidden) {
        return TrainerFixtures.network(TrainerFixtures.training(loss, p, 6, 32, 0.0005), hidden);
    }

    /** The activations a hidden layer takes (softmax is an output's: ClassificationAgreementTest). */
    static List<Activation> hiddenActivations() {
        return java.util.Arrays.stream(Activation.values()).filter(Activation::elementWise).toList();
    }

    /** The regression losses (the cross-entropies: ClassificationAgreementTest). */
    static List<Loss> squaredLosses() {
        return java.util.Arrays.stream(Loss.values()).filter(l -> !l.isClassification()).toList();
    }

    static Stream<Arguments> activations() {
        List<Arguments> out = new ArrayList<>();
        for (Activation act : hiddenActivations()) {
            for (Loss loss : squaredLosses()) {
                for (Precision p : Precision.values()) {
                    for (Optimizer.Kind kind : Optimizer.Kind.values()) {
                        out.add(Arguments.of(act, loss, p, kind));
                    }
                }
            }
        }
        return out.stream();
    }

    /** Every activation × loss × type × update rule: 252 networks of two hidden layers, 3 epochs each. */
    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @MethodSource("activations")
    void everyActivationLossTypeAndRuleAgreesExactly(Activation act, Loss loss, Precision p, Optimizer.Kind kind) {
        List<LayerSpec> hidden = List.of(new LayerSpec.Dense(7, act), new LayerSpec.Dense(4, act));
        TrainingConfig base = TrainerFixtures.network(TrainerFixtures.training(loss, p, 3, 32, 0.0005), hidden);
        agree(TrainerFixtures.multiTarget(), TrainerFixtures.with(base, 0, 0, LrSchedule.NONE, Optimizer.of(kind)),
                Init.XAVIER);
    }

    static Stream<Arguments> rules() {
        List<Arguments> out = new ArrayList<>();
        for (Optimizer.Kind kind : Optimizer.Kind.values()) {
            for (Precision p : Precision.values()) {
                out.add(Arguments.of(kind, p));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("rules")
    void everyRuleWithRegularizationAndAScheduleAgreesExactly(Optimizer.Kind kind, Precision p) {
        List<LayerSpec> hidden = List.of(new LayerSpec.Dense(6, Activation.TANH), new LayerSpec.Dense(5,
                Activation.LEAKYRELU, 0.2), new LayerSpec.Dense(3, Activation.ELU, 0.7));
        LrSchedule schedule = new LrSchedule(LrSchedule.Type.EXPONENTIAL, LrSchedule.Unit.ITERATION, 0.99, 0.5, 10,
                1.0, 100, new java.util.TreeMap<>());
        TrainingConfig t = TrainerFixtures.with(net(Loss.HALF_MSE, p, hidden), 0.003, 0.02,
                kind.usesLearningRate() ? schedule : LrSchedule.NONE, Optimizer.of(kind));
        agree(TrainerFixtures.multiTarget(), t, Init.RELU_UNIFORM);
    }

    static Stream<Arguments> outputActivations() {
        List<Arguments> out = new ArrayList<>();
        for (Activation act : hiddenActivations()) {
            if (act == Activation.IDENTITY) {
                continue;
            }
            for (Loss loss : squaredLosses()) {
                out.add(Arguments.of(act, loss, Precision.DOUBLE, true));
                out.add(Arguments.of(act, loss, Precision.FLOAT, false));
            }
        }
        return out.stream();
    }

    /**
     * model.output_activation: DL4J's loss applies the activation on a copy and backpropagates through it (MSE's ÷k
     * after it); with and without hidden layers, at tolerance 0.
     */
    @ParameterizedTest(name = "{0} {1} {2} hidden={3}")
    @MethodSource("outputActivations")
    void everyOutputActivationAgreesExactly(Activation act, Loss loss, Precision p, boolean hidden) {
        List<LayerSpec> layers = hidden ? List.of(new LayerSpec.Dense(6, Activation.TANH)) : List.of();
        agree(TrainerFixtures.multiTarget(), TrainerFixtures.output(net(loss, p, layers), act), Init.XAVIER);
    }
}
