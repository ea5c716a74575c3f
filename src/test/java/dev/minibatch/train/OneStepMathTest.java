package dev.minibatch.train;

import dev.minibatch.Textbook;
import dev.minibatch.batch.BatchPlan;
import dev.minibatch.config.Loss;
import dev.minibatch.config.Precision;
import dev.minibatch.config.TrainingConfig;
import dev.minibatch.data.Dataset;
import dev.minibatch.train.framework.FrameworkTrainer;
import dev.minibatch.train.scratch.ScratchTrainer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One full-batch step of each trainer equals the textbook update computed directly in plain Java:
 * half-MSE W ← W − lr·(1/m)·Xᵀe, MSE W ← W − lr·(2/(m·k))·Xᵀe. The direct sum runs in another order than BLAS,
 * so the comparison allows 1e-12 relative.
 */
class OneStepMathTest {

    @ParameterizedTest
    @EnumSource(Loss.class)
    void oneStepOfEachTrainerIsTheTextbookUpdate(Loss loss) {
        Dataset d = TrainerFixtures.multiTarget();
        Parameters start = TrainerFixtures.init(d).parameters();
        TrainingConfig t = TrainerFixtures.training(loss, Precision.DOUBLE, 1, d.nTrain(), 0.1);
        BatchPlan plan = BatchPlan.sequential(d.nTrain(), d.nTrain());
        Parameters expected = Textbook.fullBatchStep(d, start, loss, 0.1);
        for (Trainer trainer : new Trainer[] {new FrameworkTrainer(), new ScratchTrainer()}) {
            Parameters got = trainer.train(d, plan, start, t, EpochListener.NONE).fin();
            double scale = Math.max(1.0, Math.abs(expected.bias()[0]));
            assertEquals(0.0, got.maxAbsDiff(expected), 1e-12 * scale, trainer.name());
        }
    }
}
