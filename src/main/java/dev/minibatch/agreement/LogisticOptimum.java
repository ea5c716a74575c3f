package dev.minibatch.agreement;

import dev.minibatch.train.Parameters;

/**
 * The classifier's analogue of the least-squares optimum: scikit-learn's unpenalised {@code LogisticRegression} on
 * the training split, solved here by Newton's method — the maximum-likelihood logistic regression (one 0/1 target),
 * multinomial (softmax) regression (one-hot targets of a softmax), or one logistic regression per column (several
 * independent sigmoid outputs). The multinomial model is fitted with the first class's scores fixed at 0, which leaves
 * the probabilities — and so the loss, accuracy and decisions — those of scikit-learn's symmetric parametrisation.
 *
 * <p>When the classes are linearly separable the likelihood has no maximum (the weights grow without bound): the
 * solver then reports that instead of a number.
 */
public final class LogisticOptimum {
    /** The most parameters the solver takes (its Hessian is p × p). */
    public static final int MAX_PARAMETERS = 400;
    private static final int MAX_ITERATIONS = 200;

    private LogisticOptimum() {
    }

    /**
     * The optimum of a classifier's run with its losses and accuracy measured as the trainers' are (DL4J's loss
     * definitions, {@code Metrics.Tally}).
     *
     * @param parameters W and b, the model's layout.
     * @param trainLoss the training loss.
     * @param testLoss the test loss.
     * @param testAccuracy the test accuracy.
     * @param testMse the test MSE of its probabilities.
     */
    public record Fit(Parameters parameters, double trainLoss, double testLoss, double testAccuracy, double testMse) {
    }

    /**
     * Fits a run's data: logistic regression per sigmoid column, or softmax regression.
     *
     * @param data the run's data, in memory.
     * @param t the training settings (loss and output activation).
     * @return the optimum and its measurements.
     * @throws IllegalArgumentException when there is none to compute (separable classes, too many parameters).
     */
    public static Fit fit(dev.minibatch.data.Dataset data, dev.minibatch.config.TrainingConfig t) {
        boolean softmax = t.loss() == dev.minibatch.config.Loss.CATEGORICAL_CROSSENTROPY;
        Parameters p = solve(data.xTrain(), data.yTrain(), softmax);
        dev.minibatch.train.activation.ActivationFunction f = dev.minibatch.train.activation.ActivationFunction.of(
                t.outputActivation(), t.outputActivation().defaultAlpha());
        dev.minibatch.train.loss.CrossEntropyLoss ce = (dev.minibatch.train.loss.CrossEntropyLoss)
                dev.minibatch.train.loss.LossFunction.of(t.loss());
        dev.minibatch.train.Metrics.Tally train = new dev.minibatch.train.Metrics.Tally(ce);
        dev.minibatch.train.Metrics.Tally test = new dev.minibatch.train.Metrics.Tally(ce);
        for (int side = 0; side < 2; side++) {
            double[][] x = side == 0 ? data.xTrain() : data.xTest();
            double[][] y = side == 0 ? data.yTrain() : data.yTest();
            for (int i = 0; i < x.length; i++) {
                double[] z = p.bias().clone();
                for (int c = 0; c < z.length; c++) {
                    for (int j = 0; j < x[i].length; j++) {
                        z[c] += x[i][j] * p.weights()[j][c];
                    }
                }
                (side == 0 ? train : test).add(f.values(z), y[i]);
            }
        }
        return new Fit(p, train.loss(), test.loss(), test.accuracy(), test.mse(p.nTargets()));
    }

    /**
     * Fits the model.
     *
     * @param x the training rows, m × n.
     * @param y their targets: one 0/1 column, or one-hot columns.
     * @param softmax whether the columns are one softmax's (else independent sigmoids).
     * @return W (n × k) and b (k) in the model's layout: the logits of each target column.
     * @throws IllegalArgumentException when there are too many parameters, or no finite optimum.
     */
    public static Parameters solve(double[][] x, double[][] y, boolean softmax) {
        int n = x[0].length;
        int k = y[0].length;
        double[][] w = new double[n][k];
        double[] b = new double[k];
        if (softmax) {
            double[][] theta = fit(x, y, k);                        // classes 1 … k − 1; class 0's logit is 0
            for (int c = 1; c < k; c++) {
                b[c] = theta[c - 1][0];
                for (int f = 0; f < n; f++) {
                    w[f][c] = theta[c - 1][f + 1];
                }
            }
        } else {
            for (int c = 0; c < k; c++) {
                double[][] yc = new double[y.length][2];
                for (int i = 0; i < y.length; i++) {
                    yc[i][1] = y[i][c];
                    yc[i][0] = 1 - y[i][c];
                }
                double[] theta = fit(x, yc, 2)[0];
                b[c] = theta[0];
                for (int f = 0; f < n; f++) {
                    w[f][c] = theta[f + 1];
                }
            }
        }
        return new Parameters(w, b);
    }

    /** Newton's method for the multinomial likelihood with class 0 as reference; returns θ per other class. */
    private static double[][] fit(double[][] x, double[][] y, int k) {
        int m = x.length;
        int d = x[0].length + 1;
        int free = k - 1;
        int p = d * free;
        if (p > MAX_PARAMETERS) {
            throw new IllegalArgumentException("not computed for " + p + " parameters (the Newton solver here"
                    + " takes at most " + MAX_PARAMETERS + ")");
        }
        double[] theta = new double[p];
        double loss = loss(x, y, theta, k);
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double[] g = new double[p];
            double[][] h = new double[p][p];
            double[] row = new double[d];
            double[] pr = new double[k];
            for (int i = 0; i < m; i++) {
                row[0] = 1;
                System.arraycopy(x[i], 0, row, 1, d - 1);
                probabilities(row, theta, k, pr);
                for (int c = 1; c < k; c++) {
                    double e = pr[c] - y[i][c];
                    for (int a = 0; a < d; a++) {
                        g[(c - 1) * d + a] += e * row[a];
                    }
                    for (int c2 = 1; c2 <= c; c2++) {
                        double wgt = pr[c] * ((c == c2 ? 1 : 0) - pr[c2]);
                        for (int a = 0; a < d; a++) {
                            for (int bb = 0; bb < d; bb++) {
                                h[(c - 1) * d + a][(c2 - 1) * d + bb] += wgt * row[a] * row[bb];
                            }
                        }
                    }
                }
            }
            double gmax = 0;
            for (double v : g) {
                gmax = Math.max(gmax, Math.abs(v) / m);
            }
            if (gmax < 1e-13) {
                return unpack(theta, free, d);
            }
            double trace = 0;
            for (int a = 0; a < p; a++) {
                trace += h[a][a];
            }
            for (int a = 0; a < p; a++) {
                h[a][a] += 1e-12 * trace / p;                       // keeps a nearly singular Hessian factorable
                for (int bb = a + 1; bb < p; bb++) {
                    h[a][bb] = h[bb][a];
                }
            }
            double[] step;
            try {
                step = LeastSquares.solve(LeastSquares.cholesky(h), g);
            } catch (IllegalArgumentException e) {
                throw separable();
            }
            double t = 1;
            double[] next = new double[p];
            double nextLoss;
            do {
                for (int a = 0; a < p; a++) {
                    next[a] = theta[a] - t * step[a];
                }
                nextLoss = loss(x, y, next, k);
                t /= 2;
            } while (!(nextLoss <= loss) && t > 1e-10);
            if (!(nextLoss <= loss)) {
                return unpack(theta, free, d);                     // no decrease left: at the optimum's precision
            }
            double change = loss - nextLoss;
            theta = next.clone();
            loss = nextLoss;
            double norm = 0;
            for (double v : theta) {
                norm = Math.max(norm, Math.abs(v));
            }
            if (norm > 1e6 || loss < 1e-9) {
                throw separable();
            }
            if (change <= 1e-15 * Math.max(1, loss)) {
                return unpack(theta, free, d);
            }
        }
        throw new IllegalArgumentException("Newton's method did not converge in " + MAX_ITERATIONS + " iterations");
    }

    private static IllegalArgumentException separable() {
        return new IllegalArgumentException("no finite optimum: the classes are linearly separable on the training"
                + " split (the likelihood keeps growing with the weights)");
    }

    private static double[][] unpack(double[] theta, int free, int d) {
        double[][] out = new double[free][d];
        for (int c = 0; c < free; c++) {
            System.arraycopy(theta, c * d, out[c], 0, d);
        }
        return out;
    }

    /** The logits 0, θ₁·row, …, θ_{k−1}·row into z; returns their maximum. */
    private static double logits(double[] row, double[] theta, int k, double[] z) {
        int d = row.length;
        double max = 0;
        z[0] = 0;
        for (int c = 1; c < k; c++) {
            double s = 0;
            for (int a = 0; a < d; a++) {
                s += theta[(c - 1) * d + a] * row[a];
            }
            z[c] = s;
            max = Math.max(max, s);
        }
        return max;
    }

    /** Softmax of the logits into pr. */
    private static void probabilities(double[] row, double[] theta, int k, double[] pr) {
        double[] z = new double[k];
        double max = logits(row, theta, k, z);
        double sum = 0;
        for (int c = 0; c < k; c++) {
            pr[c] = Math.exp(z[c] - max);
            sum += pr[c];
        }
        for (int c = 0; c < k; c++) {
            pr[c] /= sum;
        }
    }

    /** The mean negative log-likelihood, by log-sum-exp. */
    private static double loss(double[][] x, double[][] y, double[] theta, int k) {
        int d = x[0].length + 1;
        double total = 0;
        double[] row = new double[d];
        double[] z = new double[k];
        for (int i = 0; i < x.length; i++) {
            row[0] = 1;
            System.arraycopy(x[i], 0, row, 1, d - 1);
            double max = logits(row, theta, k, z);
            double sum = 0;
            for (int c = 0; c < k; c++) {
                sum += Math.exp(z[c] - max);
            }
            double lse = max + Math.log(sum);
            for (int c = 0; c < k; c++) {
                total += y[i][c] * (lse - z[c]);
            }
        }
        return total / x.length;
    }
}
