package dev.minibatch.train;

import dev.minibatch.config.Precision;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/** Conversions between plain Java arrays and ND4J arrays of the configured precision. */
public final class NdArrays {
    private NdArrays() {
    }

    /**
     * Returns the ND4J data type of a precision.
     *
     * @param precision the configured precision.
     * @return DOUBLE or FLOAT.
     */
    public static DataType dataType(Precision precision) {
        return precision == Precision.DOUBLE ? DataType.DOUBLE : DataType.FLOAT;
    }

    /**
     * Creates a C-ordered matrix; in FLOAT each double is rounded to the nearest float.
     *
     * @param rows the matrix rows.
     * @param type the data type.
     * @return a new array.
     */
    public static INDArray matrix(double[][] rows, DataType type) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        boolean direct = rows.length > 0 && cols > 0 && Nd4j.getEnvironment().isCPU()
                && (type == DataType.DOUBLE || type == DataType.FLOAT);
        if (!direct) {
            return Nd4j.createFromArray(rows).castTo(type);
        }
        // Straight into the native buffer, row by row: no flattened or float[][] copy on the heap (for the large
        // benchmark's 1M × 100 rows that was 800 MB of transient heap).
        for (double[] row : rows) {
            if (row.length != cols) {
                throw new IllegalArgumentException("rows of different lengths: " + row.length + " and " + cols);
            }
        }
        INDArray a = Nd4j.createUninitialized(type, rows.length, cols);
        if (type == DataType.DOUBLE) {
            DoubleBuffer to = a.data().asNioDouble();
            for (int i = 0; i < rows.length; i++) {
                to.put(i * cols, rows[i], 0, cols);
            }
        } else {
            FloatBuffer to = a.data().asNioFloat();
            for (int i = 0; i < rows.length; i++) {
                double[] row = rows[i];
                int base = i * cols;
                for (int j = 0; j < cols; j++) {
                    to.put(base + j, (float) row[j]);
                }
            }
        }
        return a;
    }

    /**
     * Creates a 1 × n row vector.
     *
     * @param values the entries.
     * @param type the data type.
     * @return a new array.
     */
    public static INDArray row(double[] values, DataType type) {
        return Nd4j.createFromArray(new double[][] {values}).castTo(type);
    }

    /**
     * Copies rows of a C-ordered matrix into the first rows of another, through the arrays' native buffers: an
     * exact copy without the fixed per-operation overhead of ND4J's {@code pullRows} (about 18 µs a call).
     *
     * @param src the source matrix (C order, contiguous).
     * @param dst the destination matrix (C order, contiguous, same width and data type), at least {@code rows} rows.
     * @param order row indices into {@code src}.
     * @param start the first position in {@code order} to copy.
     * @param rows how many rows to copy.
     */
    public static void gatherRows(INDArray src, INDArray dst, int[] order, int start, int rows) {
        // Host memory is read and written directly: on a device backend the host copy must be current first, and
        // ND4J must be told afterwards that the destination's host copy is the new one (no-ops on the CPU).
        Nd4j.getAffinityManager().ensureLocation(src, AffinityManager.Location.HOST);
        int width = src.columns();
        if (src.dataType() == DataType.DOUBLE) {
            DoubleBuffer from = src.data().asNioDouble();
            DoubleBuffer to = dst.data().asNioDouble();
            for (int i = 0; i < rows; i++) {
                to.put(i * width, from, order[start + i] * width, width);
            }
        } else {
            FloatBuffer from = src.data().asNioFloat();
            FloatBuffer to = dst.data().asNioFloat();
            for (int i = 0; i < rows; i++) {
                to.put(i * width, from, order[start + i] * width, width);
            }
        }
        Nd4j.getAffinityManager().tagLocation(dst, AffinityManager.Location.HOST);
    }

    /**
     * Copies consecutive rows of a C-order matrix into the first rows of another.
     *
     * @param src the source matrix (C order, contiguous).
     * @param from the first row to copy.
     * @param rows how many rows.
     * @param dst the destination (C order, contiguous, same width and type), at least {@code rows} rows.
     */
    public static void copyRows(INDArray src, int from, int rows, INDArray dst) {
        Nd4j.getAffinityManager().ensureLocation(src, AffinityManager.Location.HOST);
        int width = src.columns();
        if (src.dataType() == DataType.DOUBLE) {
            dst.data().asNioDouble().put(0, src.data().asNioDouble(), from * width, rows * width);
        } else {
            dst.data().asNioFloat().put(0, src.data().asNioFloat(), from * width, rows * width);
        }
        Nd4j.getAffinityManager().tagLocation(dst, AffinityManager.Location.HOST);
    }

    /**
     * Copies W and b out of ND4J.
     *
     * @param weights the n_features × n_targets weights.
     * @param bias the 1 × n_targets bias.
     * @return the parameters as doubles (exact: every float is a double).
     */
    public static Parameters parameters(INDArray weights, INDArray bias) {
        return new Parameters(weights.castTo(DataType.DOUBLE).toDoubleMatrix(),
                bias.castTo(DataType.DOUBLE).reshape(-1).toDoubleVector());
    }
}
