/**
 * Provides a bit-exact Java port of NumPy's legacy {@code RandomState} (MT19937), the random stream that
 * scikit-learn's {@code random_state=int} and the tutorial's {@code np.random.seed} use. Plain Java: no ND4J.
 */
package dev.minibatch.random;
