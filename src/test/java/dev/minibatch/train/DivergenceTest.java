package dev.minibatch.train;

import dev.minibatch.config.Loss;
import dev.minibatch.config.Precision;
import dev.minibatch.config.TrainingConfig;
import dev.minibatch.batch.Shuffle;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DivergenceTest {
    private static final TrainingConfig T = new TrainingConfig(Loss.HALF_MSE, 0.5, 3, 4, Shuffle.NONE, 1L,
            Precision.DOUBLE, 0.0);
    private static final Parameters FINE = new Parameters(new double[][] {{1.0}, {2.0}}, new double[] {0.5});

    @Test
    void everyNonFiniteValueIsDivergence() {
        assertDoesNotThrow(() -> Divergence.check("scratch", 1, T, 1.0, 1.0, 1.0, FINE));
        double[] bad = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double v : bad) {
            assertThrows(DivergenceException.class, () -> Divergence.check("s", 2, T, v, 1, 1, FINE));
            assertThrows(DivergenceException.class, () -> Divergence.check("s", 2, T, 1, v, 1, FINE));
            assertThrows(DivergenceException.class, () -> Divergence.check("s", 2, T, 1, 1, v, FINE));
            Parameters w = new Parameters(new double[][] {{1.0}, {v}}, new double[] {0.5});
            DivergenceException e = assertThrows(DivergenceException.class,
                    () -> Divergence.check("s", 2, T, 1, 1, 1, w));
            assertTrue(e.getMessage().contains("W[1][0] is " + v), e.getMessage());
            Parameters b = new Parameters(new double[][] {{1.0}, {2.0}}, new double[] {v});
            e = assertThrows(DivergenceException.class, () -> Divergence.check("s", 7, T, 1, 1, 1, b));
            assertTrue(e.getMessage().contains("b[0] is " + v) && e.getMessage().contains("after epoch 7"),
                    e.getMessage());
        }
    }

    /** A finite run far from its start is warned about: parameters grown to 1e119, or a loss grown a millionfold. */
    @org.junit.jupiter.api.Test
    void aRunThatGrewByOrdersOfMagnitudeIsWarnedAbout() {
        String w = Divergence.growth("scratch", 1.5, 1e119, 10, 12);
        org.junit.jupiter.api.Assertions.assertTrue(w != null && w.contains("grew from max |θ| 1.5 to 1e+119"), w);
        org.junit.jupiter.api.Assertions.assertTrue(Divergence.growth("scratch", 1, 2, 10, 1e8).contains(
                "the training loss grew"));
        org.junit.jupiter.api.Assertions.assertNull(Divergence.growth("scratch", 1, 50, 10, 0.5), "a normal run");
        org.junit.jupiter.api.Assertions.assertEquals(7.0, Divergence.maxAbs(new Parameters(new double[][] {{-7}},
                new double[] {3})));
    }
}
