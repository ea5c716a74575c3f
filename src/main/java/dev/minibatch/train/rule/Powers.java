package dev.minibatch.train.rule;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The powers β^(t+1) of the Adam family's bias correction, computed by the {@code pow} libnd4j's updaters call (its
 * {@code sd_pow}, the C library's {@code pow} or {@code powf}), a block of iterations at a time.
 *
 * <p>Why not {@link Math#pow}: Java's pow and glibc's differ in the last bit for about 3 in 10,000 (β, t) pairs in
 * double and 3 in 1,000 in float (measured over 10⁶ random pairs), and one differing bit in the step size is a
 * differing parameter. The update rules themselves stay hand-written ({@link UpdateRule#update}); only this scalar comes
 * from the library that DL4J's updater ops call, as the products come from its BLAS. One element-wise ND4J
 * operation fills 4,096 iterations, so the hot loop makes no ND4J call.
 */
final class Powers {
    private static final int BLOCK = 4096;

    private final double base;
    private final DataType type;
    private final double[] block = new double[BLOCK];
    private long first = -1;

    /**
     * Prepares the powers of one base.
     *
     * @param base β, rounded to the data type by the caller.
     * @param type FLOAT or DOUBLE: the type libnd4j computes the power in.
     */
    Powers(double base, DataType type) {
        this.base = base;
        this.type = type;
    }

    /**
     * β^(iteration + 1), as libnd4j's updater computes it for that iteration.
     *
     * @param iteration the update's iteration, from 0.
     * @return the power, exact in the data type.
     */
    double at(long iteration) {
        if (first < 0 || iteration < first || iteration >= first + BLOCK) {
            fill(iteration - iteration % BLOCK);
        }
        return block[(int) (iteration - first)];
    }

    private void fill(long from) {
        INDArray bases = Nd4j.valueArrayOf(new long[] {BLOCK}, base, type);
        // the exponent is (T) iteration + 1, computed in the data type as libnd4j does
        double[] e = new double[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            e[i] = type == DataType.FLOAT ? (float) (from + i) + 1f : (double) (from + i) + 1.0;
        }
        INDArray exponents = Nd4j.createFromArray(e).castTo(type);
        double[] out = Transforms.pow(bases, exponents, false).toDoubleVector();
        System.arraycopy(out, 0, block, 0, BLOCK);
        first = from;
    }
}
