package dev.minibatch.train;

import dev.minibatch.batch.BatchPlan;
import dev.minibatch.agreement.Agreement;
import dev.minibatch.config.Loss;
import dev.minibatch.config.Precision;
import dev.minibatch.config.RunConfig;
import dev.minibatch.config.TrainingConfig;
import dev.minibatch.data.Dataset;
import dev.minibatch.data.Datasets;
import dev.minibatch.data.MakeRegression;
import dev.minibatch.data.Regression;
import dev.minibatch.data.TrainTestSplit;
import dev.minibatch.run.TrainingRun;
import dev.minibatch.train.framework.FrameworkTrainer;
import dev.minibatch.config.Kernels;
import dev.minibatch.train.scratch.ScratchTrainer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The DL4J trainer and the scratch ND4J trainer, given the same data, initial parameters and batch plan, must
 * produce bit-identical parameters after every epoch: the scratch loop issues DL4J's operations in DL4J's order
 * on the same backend, so there is no rounding difference to tolerate. Tolerance 0, for each of the scratch
 * trainer's kernels.
 */
class TrainerAgreementTest {

    static Stream<Arguments> lossesAndTypes() {
        return Stream.of(Arguments.of(Loss.HALF_MSE, Precision.DOUBLE), Arguments.of(Loss.HALF_MSE, Precision.FLOAT),
                Arguments.of(Loss.MSE, Precision.DOUBLE), Arguments.of(Loss.MSE, Precision.FLOAT));
    }

    /** Trains with DL4J and with the scratch trainer's two kernels; returns the worse of the two agreements. */
    private static Agreement run(Dataset data, TrainingConfig t) {
        InitialParameters init = TrainerFixtures.init(data);
        BatchPlan plan = TrainerFixtures.plan(data, t);
        TrainingResult a = new FrameworkTrainer().train(data, plan, init.parameters(), t, EpochListener.NONE);
        assertEquals((long) t.epochs() * plan.batchesPerEpoch(), a.steps());
        assertTrue(a.fin().maxAbsDiff(a.initial()) > 0, "training moved the parameters");
        return worst(a, plan, init, data, t);
    }

    private static Agreement worst(TrainingResult a, BatchPlan plan, InitialParameters init, Dataset data,
                                   TrainingConfig t) {
        Agreement worst = null;
        for (Kernels kernels : List.of(Kernels.HOST, Kernels.ND4J)) {   // CUDA: CudaKernelsAgreementTest
            TrainingResult b = new ScratchTrainer(kernels).train(data, plan, init.parameters(), t,
                    EpochListener.NONE);
            assertEquals(a.steps(), b.steps());
            Agreement agreement = Agreement.of(a, b, 0.0);
            assertTrue(agreement.agree(), kernels + ": " + agreement.verdict());
            if (t.loss() == Loss.HALF_MSE) {   // LossHalfMse's score is the scratch loss's own BLAS dot
                assertArrayEquals(a.lastEpochBatchLosses(), b.lastEpochBatchLosses(), kernels + ": batch losses");
            }
            if (worst == null || agreement.maxAbsParamDiff() > worst.maxAbsParamDiff()) {
                worst = agreement;
            }
        }
        return worst;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("lossesAndTypes")
    void oneFullBatchStepAgreesExactly(Loss loss, Precision precision) {
        Dataset data = TrainerFixtures.multiTarget();
        Agreement a = run(data, TrainerFixtures.training(loss, precision, 1, data.nTrain(), 0.01));
        assertEquals(0.0, a.maxAbsParamDiff(), a.verdict());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("lossesAndTypes")
    void multiTargetRunWithAPartialLastBatchAgreesExactlyEveryEpoch(Loss loss, Precision precision) {
        Dataset data = TrainerFixtures.multiTarget(); // 150 training rows: batches of 32 end with one of 22
        Agreement a = run(data, TrainerFixtures.training(loss, precision, 40, 32, 0.05));
        assertTrue(a.agree(), a.verdict());
        assertEquals(40, a.perEpochMaxAbsParamDiff().length);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("lossesAndTypes")
    void aOneRowLastBatchWithTenFeaturesAgreesExactly(Loss loss, Precision precision) {
        // A 1-row batch makes x·W a vector product: ND4J then picks its BLAS kernel by the arrays' memory order,
        // so the scratch loop must keep W in DL4J's column-major order to stay bit-identical.
        Regression r = MakeRegression.generate(200, 10, 10, 1, 0.5, 1.0, 7);
        Dataset data = Dataset.of(r.x(), r.y(), TrainTestSplit.split(200, 0.25, 3));
        Agreement a = run(data, TrainerFixtures.training(loss, precision, 20, 149, 0.01));
        assertTrue(a.agree(), a.verdict());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("lossesAndTypes")
    void theTutorialsHundredEpochsAgreeExactly(Loss loss, Precision precision) {
        RunConfig seed = TrainerFixtures.seedConfig();
        TrainingConfig t = new TrainingConfig(loss, 0.01, 100, 32, seed.training().shuffle(), 42, precision, 0.0);
        Dataset data = Datasets.load(seed);
        InitialParameters init = InitialParameters.draw(seed.model(), 1, 1);
        BatchPlan plan = TrainingRun.plan(t, data.nTrain(), init);
        TrainingResult a = new FrameworkTrainer().train(data, plan, init.parameters(), t, EpochListener.NONE);
        Agreement agreement = worst(a, plan, init, data, t);
        assertTrue(agreement.agree(), agreement.verdict());
        assertEquals(2500, a.steps());
    }

    static Stream<Arguments> regularizations() {
        List<Arguments> out = new java.util.ArrayList<>();
        for (Arguments lt : lossesAndTypes().toList()) {
            for (double[] c : new double[][] {{0.0, 0.1}, {0.05, 0.0}, {0.03, 0.2}}) {
                out.add(Arguments.of(lt.get()[0], lt.get()[1], c[0], c[1]));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} l1={2} l2={3}")
    @MethodSource("regularizations")
    void l1AndL2RegularizationAgreeExactlyWithDl4j(Loss loss, Precision precision, double l1, double l2) {
        Dataset data = TrainerFixtures.multiTarget();
        TrainingConfig base = TrainerFixtures.training(loss, precision, 15, 32, 0.05);
        TrainingConfig t = TrainerFixtures.with(base, l1, l2, dev.minibatch.config.LrSchedule.NONE,
                dev.minibatch.config.Optimizer.SGD);
        Agreement a = run(data, t);
        assertEquals(0.0, a.maxAbsParamDiff(), a.verdict());
        // and regularization changed the outcome: the same run without it ends elsewhere
        InitialParameters init = TrainerFixtures.init(data);
        BatchPlan plan = TrainerFixtures.plan(data, t);
        TrainingResult with = new ScratchTrainer().train(data, plan, init.parameters(), t, EpochListener.NONE);
        TrainingResult without = new ScratchTrainer().train(data, plan, init.parameters(), base, EpochListener.NONE);
        assertTrue(with.fin().maxAbsDiff(without.fin()) > 0, "l1/l2 had an effect");
    }

    static Stream<Arguments> schedules() {
        java.util.SortedMap<Integer, Double> map = new java.util.TreeMap<>(java.util.Map.of(0, 0.05, 7, 0.02, 30, 0.005));
        List<dev.minibatch.config.LrSchedule> all = new java.util.ArrayList<>();
        for (dev.minibatch.config.LrSchedule.Unit unit : dev.minibatch.config.LrSchedule.Unit.values()) {
            all.add(new dev.minibatch.config.LrSchedule(dev.minibatch.config.LrSchedule.Type.STEP, unit, 0.99, 0.5,
                    4, 1.0, 1000, map));
            all.add(new dev.minibatch.config.LrSchedule(dev.minibatch.config.LrSchedule.Type.EXPONENTIAL, unit,
                    0.97, 0.5, 4, 1.0, 1000, map));
            all.add(new dev.minibatch.config.LrSchedule(dev.minibatch.config.LrSchedule.Type.INVERSE, unit, 0.1,
                    0.5, 4, 0.75, 1000, map));
            all.add(new dev.minibatch.config.LrSchedule(dev.minibatch.config.LrSchedule.Type.POLY, unit, 0.1, 0.5,
                    4, -1.5, 40, map));
            all.add(new dev.minibatch.config.LrSchedule(dev.minibatch.config.LrSchedule.Type.MAP, unit, 0.1, 0.5,
                    4, 1.0, 40, map));
        }
        return all.stream().flatMap(lr -> Stream.of(Arguments.of(lr, Precision.DOUBLE),
                Arguments.of(lr, Precision.FLOAT)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("schedules")
    void everyLearningRateScheduleAgreesExactlyWithDl4j(dev.minibatch.config.LrSchedule lr, Precision precision) {
        Dataset data = TrainerFixtures.multiTarget();
        TrainingConfig base = TrainerFixtures.training(Loss.HALF_MSE, precision, 12, 32, 0.05);
        TrainingConfig t = TrainerFixtures.with(base, 0.0, 0.01, lr, dev.minibatch.config.Optimizer.SGD);
        Agreement a = run(data, t);
        assertEquals(0.0, a.maxAbsParamDiff(), a.verdict());
    }

    @ParameterizedTest(name = "nesterovs {0} {1}")
    @MethodSource("lossesAndTypes")
    void nesterovMomentumAgreesExactlyWithDl4j(Loss loss, Precision precision) {
        Dataset data = TrainerFixtures.multiTarget();
        TrainingConfig base = TrainerFixtures.training(loss, precision, 15, 32, 0.02);
        dev.minibatch.config.Optimizer nesterovs = new dev.minibatch.config.Optimizer(
                dev.minibatch.config.Optimizer.Kind.NESTEROVS, 0.9);
        TrainingConfig plain = TrainerFixtures.with(base, 0.0, 0.0, dev.minibatch.config.LrSchedule.NONE, nesterovs);
        assertEquals(0.0, run(data, plain).maxAbsParamDiff());
        TrainingConfig withAll = TrainerFixtures.with(base, 0.01, 0.05, new dev.minibatch.config.LrSchedule(
                        dev.minibatch.config.LrSchedule.Type.EXPONENTIAL, dev.minibatch.config.LrSchedule.Unit.ITERATION,
                        0.98, 0.5, 10, 1.0, 1000, new java.util.TreeMap<>()), nesterovs);
        assertEquals(0.0, run(data, withAll).maxAbsParamDiff());
        // and momentum changes the outcome
        InitialParameters init = TrainerFixtures.init(data);
        BatchPlan plan = TrainerFixtures.plan(data, plain);
        assertTrue(new ScratchTrainer().train(data, plan, init.parameters(), plain, EpochListener.NONE).fin()
                .maxAbsDiff(new ScratchTrainer().train(data, plan, init.parameters(), base, EpochListener.NONE).fin())
                > 0);
    }

    static Stream<Arguments> optimizers() {
        List<Arguments> out = new java.util.ArrayList<>();
        for (dev.minibatch.config.Optimizer.Kind kind : dev.minibatch.config.Optimizer.Kind.values()) {
            for (Arguments lt : lossesAndTypes().toList()) {
                out.add(Arguments.of(kind, lt.get()[0], lt.get()[1]));
            }
        }
        return out.stream();
    }

    /**
     * Every DL4J updater, with DL4J's default hyper-parameters, both losses and both types: the HOST kernels'
     * hand-written rule and the ND4J kernels' libnd4j op equal DL4J's parameters after every epoch, at tolerance 0.
     * 15 epochs of 25 batches reach iteration 375, far enough for the Adam family's bias correction to matter.
     */
    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("optimizers")
    void everyOptimizerAgreesExactlyWithDl4j(dev.minibatch.config.Optimizer.Kind kind, Loss loss,
                                             Precision precision) {
        Dataset data = TrainerFixtures.multiTarget();
        TrainingConfig t = TrainerFixtures.with(TrainerFixtures.training(loss, precision, 15, 32, 0.02), 0.0, 0.0,
                dev.minibatch.config.LrSchedule.NONE, dev.minibatch.config.Optimizer.of(kind));
        assertEquals(0.0, run(data, t).maxAbsParamDiff());
    }

    /** The same with every hyper-parameter moved off its default, with L1, L2 and a schedule (not AdaDelta's). */
    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("optimizers")
    void everyOptimizerWithItsHyperParametersRegularizationAndScheduleAgreesExactly(
            dev.minibatch.config.Optimizer.Kind kind, Loss loss, Precision precision) {
        Dataset data = TrainerFixtures.multiTarget();
        dev.minibatch.config.Optimizer o = new dev.minibatch.config.Optimizer(kind, 0.8, 0.85, 0.99, 1e-4, 0.9,
                0.9);
        dev.minibatch.config.LrSchedule lr = kind.usesLearningRate()
                ? new dev.minibatch.config.LrSchedule(dev.minibatch.config.LrSchedule.Type.INVERSE,
                dev.minibatch.config.LrSchedule.Unit.ITERATION, 0.01, 0.5, 10, 0.75, 1000, new java.util.TreeMap<>())
                : dev.minibatch.config.LrSchedule.NONE;
        TrainingConfig t = TrainerFixtures.with(TrainerFixtures.training(loss, precision, 12, 32, 0.05), 0.01, 0.05,
                lr, o);
        assertEquals(0.0, run(data, t).maxAbsParamDiff());
    }

    /**
     * The scratch trainer's simulation of Spark's parameter averaging (checked against Spark itself in the spark
     * build) reduces, with one worker and plain SGD, to the single-machine loop: every round starts from the last
     * round's parameters and averaging one worker changes nothing, so the bits are the serial run's.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("lossesAndTypes")
    void parameterAveragingOnOneWorkerIsTheSerialLoop(Loss loss, Precision precision) {
        Dataset data = TrainerFixtures.multiTarget();
        TrainingConfig t = TrainerFixtures.training(loss, precision, 6, 32, 0.02);
        InitialParameters init = TrainerFixtures.init(data);
        BatchPlan plan = TrainerFixtures.plan(data, t);
        TrainingResult serial = new ScratchTrainer().train(data, plan, init.parameters(), t, EpochListener.NONE);
        TrainingResult averaged = new ScratchTrainer(Kernels.AUTO, new dev.minibatch.config.DistributedConfig(
                "local[1]", 1, 0, 7, 0, dev.minibatch.config.DistributedConfig.TrainingMaster.PARAMETER_AVERAGING))
                .train(data, TrainerFixtures.plan(data, t), init.parameters(), t, EpochListener.NONE);
        assertEquals(0.0, Agreement.of(serial, averaged, 0.0).maxAbsParamDiff());
        assertEquals(serial.steps(), averaged.steps());
    }
}
