package dev.minibatch.train;

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

    private static Parameters textbookStep(Dataset d, Parameters p, Loss loss, double lr) {
        int m = d.nTrain();
        int k = d.nTargets();
        double scale = loss == Loss.HALF_MSE ? 1.0 / m : 2.0 / ((double) m * k);
        double[][] w = new double[d.nFeatures()][k];
        double[] b = p.bias().clone();
        for (int t = 0; t < k; t++) {
            double gb = 0;
            double[] gw = new double[d.nFeatures()];
            for (int i = 0; i < m; i++) {
                double e = p.bias()[t] - d.yTrain()[i][t];
                for (int f = 0; f < d.nFeatures(); f++) {
                    e += d.xTrain()[i][f] * p.weights()[f][t];
                }
                gb += e;
                for (int f = 0; f < d.nFeatures(); f++) {
                    gw[f] += d.xTrain()[i][f] * e;
                }
            }
            b[t] -= lr * scale * gb;
            for (int f = 0; f < d.nFeatures(); f++) {
                w[f][t] = p.weights()[f][t] - lr * scale * gw[f];
            }
        }
        return new Parameters(w, b);
    }

    @ParameterizedTest
    @EnumSource(Loss.class)
    void oneStepOfEachTrainerIsTheTextbookUpdate(Loss loss) {
        Dataset d = TrainerFixtures.multiTarget();
        Parameters start = TrainerFixtures.init(d).parameters();
        TrainingConfig t = TrainerFixtures.training(loss, Precision.DOUBLE, 1, d.nTrain(), 0.1);
        BatchPlan plan = BatchPlan.sequential(d.nTrain(), d.nTrain());
        Parameters expected = textbookStep(d, start, loss, 0.1);
        for (Trainer trainer : new Trainer[] {new FrameworkTrainer(), new ScratchTrainer()}) {
            Parameters got = trainer.train(d, plan, start, t, EpochListener.NONE).fin();
            double scale = Math.max(1.0, Math.abs(expected.bias()[0]));
            assertEquals(0.0, got.maxAbsDiff(expected), 1e-12 * scale, trainer.name());
        }
    }
}
