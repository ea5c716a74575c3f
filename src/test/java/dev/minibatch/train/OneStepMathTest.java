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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One full-batch step of each trainer equals the textbook update computed directly in plain Java:
 * half-MSE W ← W − lr·(1/m)·Xᵀe, MSE W ← W − lr·(2/(m·k))·Xᵀe. The direct sum runs in another order than BLAS,
 * so the comparison allows 1e-12 relative.
 */
class OneStepMathTest {

    @ParameterizedTest
    @EnumSource(value = Loss.class, names = {"HALF_MSE", "MSE"})
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

    /**
     * Logistic and softmax regression: one full-batch step of each trainer is the textbook's, θ −= lr·(1/m)·Xᵀ(p − y)
     * with p = σ(XW + b) or softmax(XW + b) — DL4J's unfused binary gradient (p − y)/(p(1 − p))·σ'(z) equals p − y
     * up to rounding while p stays inside the clipping.
     */
    @ParameterizedTest
    @EnumSource(value = Loss.class, names = {"BINARY_CROSSENTROPY", "CATEGORICAL_CROSSENTROPY"})
    void oneStepOfAClassifierIsTheTextbookUpdate(Loss loss) {
        boolean softmax = loss == Loss.CATEGORICAL_CROSSENTROPY;
        Dataset d = TrainerFixtures.classes(softmax, 3, true);
        Parameters start = TrainerFixtures.init(d).parameters();
        TrainingConfig t = TrainerFixtures.output(TrainerFixtures.training(loss, Precision.DOUBLE, 1, d.nTrain(),
                0.1), loss.outputActivation());
        BatchPlan plan = BatchPlan.sequential(d.nTrain(), d.nTrain());
        int m = d.nTrain();
        int n = d.nFeatures();
        int k = d.nTargets();
        double[][] w = start.weights();
        double[] b = start.bias();
        double[][] gw = new double[n][k];
        double[] gb = new double[k];
        for (int i = 0; i < m; i++) {
            double[] z = new double[k];
            for (int j = 0; j < k; j++) {
                z[j] = b[j];
                for (int f = 0; f < n; f++) {
                    z[j] += d.xTrain()[i][f] * w[f][j];
                }
            }
            double[] p = new double[k];
            double max = java.util.Arrays.stream(z).max().orElseThrow();
            double sum = 0;
            for (int j = 0; j < k; j++) {
                p[j] = softmax ? Math.exp(z[j] - max) : 1 / (1 + Math.exp(-z[j]));
                sum += p[j];
            }
            for (int j = 0; j < k; j++) {
                double g = (softmax ? p[j] / sum : p[j]) - d.yTrain()[i][j];
                gb[j] += g;
                for (int f = 0; f < n; f++) {
                    gw[f][j] += d.xTrain()[i][f] * g;
                }
            }
        }
        double[][] we = new double[n][k];
        double[] be = new double[k];
        for (int j = 0; j < k; j++) {
            be[j] = b[j] - 0.1 * gb[j] / m;
            for (int f = 0; f < n; f++) {
                we[f][j] = w[f][j] - 0.1 * gw[f][j] / m;
            }
        }
        Parameters expected = new Parameters(we, be);
        for (Trainer trainer : new Trainer[] {new FrameworkTrainer(), new ScratchTrainer()}) {
            Parameters got = trainer.train(d, plan, start, t, EpochListener.NONE).fin();
            assertTrue(got.maxAbsDiff(start) > 1e-3, "the step moved the parameters");
            assertEquals(0.0, got.maxAbsDiff(expected), 1e-12, trainer.name());
        }
    }
}
