package dev.minibatch.train.rule;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The bias-correction powers the HOST kernels use equal, bit for bit, the power libnd4j computes one scalar at a
 * time (its scalar {@code pow} op, the same {@code sd_pow} its updater ops call), across block boundaries.
 */
class PowersTest {
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"0.9, DOUBLE", "0.999, DOUBLE", "0.9, FLOAT", "0.999, FLOAT", "0.85, FLOAT"})
    void blockPowersEqualLibnd4jsScalarPow(double beta, DataType type) {
        double base = type == DataType.FLOAT ? (float) beta : beta;
        Powers powers = new Powers(base, type);
        for (long t : new long[] {0, 1, 2, 9, 99, 374, 4094, 4095, 4096, 4097, 12_345, 1_000_000}) {
            double expected = Transforms.pow(Nd4j.scalar(type, base), (double) (t + 1), false).getDouble(0);
            assertEquals(expected, powers.at(t), () -> "β=" + beta + " t=" + t);
        }
        // and going back to an earlier block recomputes it
        assertEquals(Transforms.pow(Nd4j.scalar(type, base), 3.0, false).getDouble(0), powers.at(2));
    }
}
