package dev.minibatch;

import dev.minibatch.config.Loss;
import dev.minibatch.data.Dataset;
import dev.minibatch.train.Parameters;

/** The textbook full-batch gradient step, computed directly in plain Java, for tests to compare against. */
public final class Textbook {
    private Textbook() {
    }

    /**
     * One step of full-batch gradient descent: half-MSE W ← W − lr·(1/m)·Xᵀe, MSE W ← W − lr·(2/(m·k))·Xᵀe.
     *
     * @param d the data (its training rows are used).
     * @param p the parameters before the step.
     * @param loss the convention.
     * @param lr the learning rate.
     * @return the parameters after the step.
     */
    public static Parameters fullBatchStep(Dataset d, Parameters p, Loss loss, double lr) {
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
}
