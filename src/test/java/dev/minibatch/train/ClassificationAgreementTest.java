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
 * Classifiers: DL4J's {@code LossBinaryXENT} with sigmoid outputs and {@code LossMCXENT} with a softmax, against the
 * scratch trainer's two CPU kernel sets — parameters after every epoch and every batch loss bit-identical (tolerance
 * 0), for logistic and softmax regression and networks, both data types, every update rule, with L1, L2 and a
 * schedule. A large learning rate drives the probabilities into the clipping, so DL4J's clipped gradient is covered.
 */
class ClassificationAgreementTest {

    private static void agree(Dataset data, TrainingConfig t) {
        InitialParameters start = InitialParameters.draw(new ModelConfig(Init.XAVIER, 42), t.hiddenLayers(),
                data.nFeatures(), data.nTargets());
        BatchPlan plan = TrainerFixtures.plan(data, t);
        TrainingResult a = new FrameworkTrainer().train(data, plan, start.parameters(), t, EpochListener.NONE);
        assertTrue(a.fin().maxAbsDiff(a.initial()) > 0, "training moved the parameters");
        for (Kernels kernels : List.of(Kernels.HOST, Kernels.ND4J)) {
            TrainingResult b = new ScratchTrainer(kernels).train(data, plan, start.parameters(), t,
                    EpochListener.NONE);
            Agreement agreement = Agreement.of(a, b, 0.0);
            assertEquals(0.0, agreement.maxAbsParamDiff(), kernels + ": " + agreement.verdict());
            assertArrayEquals(a.lastEpochBatchLosses(), b.lastEpochBatchLosses(), kernels + ": batch losses");
            for (int e = 0; e < a.history().size(); e++) {
                assertEquals(a.history().get(e).trainLoss(), b.history().get(e).trainLoss(), 0.0, kernels + " epoch "
                        + (e + 1));
            }
        }
    }

    private static TrainingConfig classifier(Loss loss, Precision p, double lr, List<LayerSpec> hidden) {
        return TrainerFixtures.output(TrainerFixtures.network(TrainerFixtures.training(loss, p, 4, 16, lr), hidden),
                loss.outputActivation());
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Loss loss : List.of(Loss.BINARY_CROSSENTROPY, Loss.CATEGORICAL_CROSSENTROPY)) {
            for (Precision p : Precision.values()) {
                for (Optimizer.Kind kind : Optimizer.Kind.values()) {
                    out.add(Arguments.of(loss, p, kind));
                }
            }
        }
        return out.stream();
    }

    /** Logistic / softmax regression and a network, every rule and type, L1 + L2 and a schedule on the network. */
    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void everyRuleAndTypeAgreesExactly(Loss loss, Precision p, Optimizer.Kind kind) {
        boolean softmax = loss == Loss.CATEGORICAL_CROSSENTROPY;
        Dataset data = TrainerFixtures.classes(softmax, softmax ? 4 : 3);
        agree(data, TrainerFixtures.with(classifier(loss, p, 0.05, List.of()), 0, 0, LrSchedule.NONE,
                Optimizer.of(kind)));
        LrSchedule schedule = new LrSchedule(LrSchedule.Type.EXPONENTIAL, LrSchedule.Unit.ITERATION, 0.99, 0.5, 10,
                1.0, 100, new java.util.TreeMap<>());
        agree(data, TrainerFixtures.with(classifier(loss, p, 0.01, List.of(new LayerSpec.Dense(6, Activation.TANH),
                new LayerSpec.Dense(4, Activation.RELU))), 0.001, 0.01, kind.usesLearningRate() ? schedule
                : LrSchedule.NONE, Optimizer.of(kind)));
    }

    static Stream<Arguments> saturated() {
        List<Arguments> out = new ArrayList<>();
        for (Loss loss : List.of(Loss.BINARY_CROSSENTROPY, Loss.CATEGORICAL_CROSSENTROPY)) {
            for (Precision p : Precision.values()) {
                out.add(Arguments.of(loss, p));
            }
        }
        return out.stream();
    }

    /** SGD at lr 5 on well-separated blobs: probabilities reach the clipping bounds; still bit-identical. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("saturated")
    void clippedProbabilitiesAgreeExactly(Loss loss, Precision p) {
        boolean softmax = loss == Loss.CATEGORICAL_CROSSENTROPY;
        agree(TrainerFixtures.classes(softmax, 2), classifier(loss, p, 5.0, List.of()));
    }
}
