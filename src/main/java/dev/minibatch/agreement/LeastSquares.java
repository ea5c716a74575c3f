package dev.minibatch.agreement;

import dev.minibatch.config.Loss;

import dev.minibatch.train.Parameters;

/**
 * The least-squares optimum of ŷ = x·W + b on a data split, in closed form: for each target, the normal equations
 * [1 X]ᵀ[1 X]·θ = [1 X]ᵀy solved by Cholesky in double precision. Both loss conventions share this minimiser, so
 * it is the point every trainer should approach; the report gives each trainer's distance to it.
 */
public final class LeastSquares {
    private LeastSquares() {
    }

    /**
     * Solves for the optimum.
     *
     * @param x the rows' features, m × n.
     * @param y the rows' targets, m × k.
     * @return W (n × k) and b (k) minimising Σe².
     * @throws IllegalArgumentException if the normal matrix is singular (e.g. a constant or duplicated feature).
     */
    public static Parameters solve(double[][] x, double[][] y) {
        int m = x.length;
        int n = x[0].length + 1;
        int k = y[0].length;
        double[][] a = new double[n][n];
        double[][] rhs = new double[n][k];
        double[] row = new double[n];
        for (int i = 0; i < m; i++) {
            row[0] = 1.0;
            System.arraycopy(x[i], 0, row, 1, n - 1);
            for (int p = 0; p < n; p++) {
                for (int q = 0; q <= p; q++) {
                    a[p][q] += row[p] * row[q];
                }
                for (int t = 0; t < k; t++) {
                    rhs[p][t] += row[p] * y[i][t];
                }
            }
        }
        double[][] l = cholesky(a);
        double[][] w = new double[n - 1][k];
        double[] b = new double[k];
        for (int t = 0; t < k; t++) {
            double[] r = new double[n];
            for (int p = 0; p < n; p++) {
                r[p] = rhs[p][t];
            }
            double[] theta = solve(l, r);
            b[t] = theta[0];
            for (int f = 1; f < n; f++) {
                w[f - 1][t] = theta[f];
            }
        }
        return new Parameters(w, b);
    }

    /**
     * Solves L·Lᵀ·θ = r by forward and back substitution.
     *
     * @param l the Cholesky factor, lower triangular.
     * @param r the right-hand side.
     * @return θ.
     */
    static double[] solve(double[][] l, double[] r) {
        int n = r.length;
        double[] z = new double[n];
        for (int p = 0; p < n; p++) {
            double s = r[p];
            for (int q = 0; q < p; q++) {
                s -= l[p][q] * z[q];
            }
            z[p] = s / l[p][p];
        }
        double[] theta = new double[n];
        for (int p = n - 1; p >= 0; p--) {
            double s = z[p];
            for (int q = p + 1; q < n; q++) {
                s -= l[q][p] * theta[q];
            }
            theta[p] = s / l[p][p];
        }
        return theta;
    }

    /**
     * The Cholesky factor of a symmetric positive definite matrix (its lower triangle read).
     *
     * @param a the matrix.
     * @return L with L·Lᵀ = a.
     * @throws IllegalArgumentException if it is not positive definite.
     */
    static double[][] cholesky(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int p = 0; p < n; p++) {
            for (int q = 0; q <= p; q++) {
                double s = a[p][q];
                for (int r = 0; r < q; r++) {
                    s -= l[p][r] * l[q][r];
                }
                if (p == q) {
                    if (!(s > 1e-12 * Math.max(1.0, a[p][p]))) {
                        throw new IllegalArgumentException("the features are linearly dependent (or constant):"
                                + " no unique least-squares optimum");
                    }
                    l[p][p] = Math.sqrt(s);
                } else {
                    l[p][q] = s / l[q][q];
                }
            }
        }
        return l;
    }

    /**
     * Returns the Euclidean distance between two parameter sets over all weights and biases.
     *
     * @param a one set.
     * @param b the other, same shape.
     * @return ‖a − b‖₂.
     */
    public static double distance(Parameters a, Parameters b) {
        double s = 0;
        for (int t = 0; t < a.nTargets(); t++) {
            double d = a.bias()[t] - b.bias()[t];
            s += d * d;
            for (int f = 0; f < a.nFeatures(); f++) {
                double e = a.weights()[f][t] - b.weights()[f][t];
                s += e * e;
            }
        }
        return Math.sqrt(s);
    }

    /**
     * Returns the loss of parameters on rows in a convention, computed in plain double precision.
     *
     * @param halfMse true for (1/2m)·Σe², false for (1/(m·k))·Σe².
     * @param p the parameters.
     * @param x the features.
     * @param y the targets.
     * @return the loss.
     */
    public static double loss(boolean halfMse, Parameters p, double[][] x, double[][] y) {
        double ss = 0;
        int k = p.nTargets();
        for (int i = 0; i < x.length; i++) {
            for (int t = 0; t < k; t++) {
                double e = p.bias()[t] - y[i][t];
                for (int f = 0; f < p.nFeatures(); f++) {
                    e += x[i][f] * p.weights()[f][t];
                }
                ss += e * e;
            }
        }
        return (halfMse ? Loss.HALF_MSE : Loss.MSE).of(ss, x.length, k);
    }
}
