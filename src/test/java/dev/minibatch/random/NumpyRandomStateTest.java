package dev.minibatch.random;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minibatch.Reference;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The port must reproduce NumPy 1.24's legacy RandomState draws bit for bit (values from numpy_fixtures.py). */
class NumpyRandomStateTest {
    private static final JsonNode RAW = Reference.load("numpy_fixtures.json").get("raw");
    private static final long SEED = RAW.get("seed").asLong();

    @Test
    void rawOutputsEqualNumpy() {
        NumpyRandomState rs = new NumpyRandomState(SEED);
        for (JsonNode v : RAW.get("uint32")) {
            assertEquals(v.asLong(), rs.nextUint32());
        }
    }

    @Test
    void doublesEqualNumpyBitForBit() {
        NumpyRandomState rs = new NumpyRandomState(SEED);
        double[] expected = Reference.doubles(RAW.get("random_sample"));
        for (double e : expected) {
            assertEquals(Double.doubleToRawLongBits(e), Double.doubleToRawLongBits(rs.nextDouble()));
        }
    }

    @Test
    void gaussiansEqualNumpyBitForBitIncludingTheCachedSecondValue() {
        // An odd count ends on a freshly generated pair, so both halves of the polar method are covered.
        NumpyRandomState rs = new NumpyRandomState(SEED);
        double[] expected = Reference.doubles(RAW.get("standard_normal"));
        double[] actual = new double[expected.length];
        for (int i = 0; i < actual.length; i++) {
            actual[i] = rs.nextGaussian();
        }
        assertArrayEquals(expected, actual, 0.0);
    }

    @Test
    void gaussiansAtTheEdgeSeedsEqualNumpy() {
        assertArrayEquals(Reference.doubles(RAW.get("standard_normal_seed_0")),
                new NumpyRandomState(0).standardNormal(1, 10)[0], 0.0);
        assertArrayEquals(Reference.doubles(RAW.get("standard_normal_seed_4294967295")),
                new NumpyRandomState(4294967295L).standardNormal(1, 10)[0], 0.0);
    }

    @Test
    void uniformEqualsNumpy() {
        NumpyRandomState rs = new NumpyRandomState(SEED);
        for (double e : Reference.doubles(RAW.get("uniform"))) {
            assertEquals(e, rs.uniform(-3.0, 5.0), 0.0);
        }
    }

    @Test
    void successivePermutationsEqualNumpy() {
        NumpyRandomState rs = new NumpyRandomState(SEED);
        for (JsonNode p : RAW.get("permutations")) {
            int[] expected = Reference.ints(p);
            assertArrayEquals(expected, rs.permutation(expected.length));
        }
    }

    @Test
    void copyReplaysTheSameStreamIncludingACachedGaussian() {
        NumpyRandomState rs = new NumpyRandomState(7);
        rs.nextGaussian(); // leaves the second value of the pair cached
        NumpyRandomState copy = rs.copy();
        for (int i = 0; i < 100; i++) {
            assertEquals(rs.nextGaussian(), copy.nextGaussian(), 0.0);
        }
        assertArrayEquals(rs.permutation(50), copy.permutation(50));
    }

    @Test
    void seedsOutsideNumpysRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new NumpyRandomState(-1));
        assertThrows(IllegalArgumentException.class, () -> new NumpyRandomState(1L << 32));
    }

    @Test
    void intervalStaysWithinItsBound() {
        NumpyRandomState rs = new NumpyRandomState(3);
        for (int i = 0; i < 10_000; i++) {
            long v = rs.interval(5);
            assertEquals(true, v >= 0 && v <= 5, "value " + v);
        }
        assertEquals(0, rs.interval(0));
    }
}
