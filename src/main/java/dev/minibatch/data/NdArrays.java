package dev.minibatch.data;

import dev.minibatch.config.Precision;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.DoubleBuffer;
import org.bytedeco.javacpp.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
        // in windows of at most 2^27 values: an NIO buffer ends at 2^31 − 1 bytes, an ND4J array does not
        int chunk = Math.max(1, Math.min(rows.length, (1 << 27) / cols));
        for (int r0 = 0; r0 < rows.length; r0 += chunk) {
            int r1 = Math.min(rows.length, r0 + chunk);
            long at = (long) r0 * cols;
            if (type == DataType.DOUBLE) {
                DoubleBuffer to = doubles(a, at, (long) (r1 - r0) * cols);
                for (int i = r0; i < r1; i++) {
                    to.put((i - r0) * cols, rows[i], 0, cols);
                }
            } else {
                FloatBuffer to = floats(a, at, (long) (r1 - r0) * cols);
                for (int i = r0; i < r1; i++) {
                    double[] row = rows[i];
                    int base = (i - r0) * cols;
                    for (int j = 0; j < cols; j++) {
                        to.put(base + j, (float) row[j]);
                    }
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
        // one view of the whole source where it fits an NIO buffer (2^31 − 1 bytes), else one view per row
        boolean whole = src.length() * src.dataType().width() <= Integer.MAX_VALUE;
        if (src.dataType() == DataType.DOUBLE) {
            DoubleBuffer from = whole ? src.data().asNioDouble() : null;
            DoubleBuffer to = dst.data().asNioDouble();
            for (int i = 0; i < rows; i++) {
                long row = order[start + i];
                if (whole) {
                    to.put(i * width, from, (int) row * width, width);
                } else {
                    to.put(i * width, doubles(src, row * width, width), 0, width);
                }
            }
        } else {
            FloatBuffer from = whole ? src.data().asNioFloat() : null;
            FloatBuffer to = dst.data().asNioFloat();
            for (int i = 0; i < rows; i++) {
                long row = order[start + i];
                if (whole) {
                    to.put(i * width, from, (int) row * width, width);
                } else {
                    to.put(i * width, floats(src, row * width, width), 0, width);
                }
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
        long at = (long) from * width;
        if (src.dataType() == DataType.DOUBLE) {
            dst.data().asNioDouble().put(0, doubles(src, at, (long) rows * width), 0, rows * width);
        } else {
            dst.data().asNioFloat().put(0, floats(src, at, (long) rows * width), 0, rows * width);
        }
        Nd4j.getAffinityManager().tagLocation(dst, AffinityManager.Location.HOST);
    }

    /**
     * Views values [from, from + len) of a DOUBLE array's buffer as an NIO buffer. ND4J's own {@code asNioDouble()}
     * covers the whole buffer and silently stops at 2^31 − 1 bytes (268 M doubles), and a JavaCPP pointer moved
     * past 2 GB (its position) gives a wrong buffer too; a pointer made at the window's own address does not.
     *
     * @param a a DOUBLE array, not a view.
     * @param from the first value.
     * @param len how many values (their bytes at most 2^31 − 1).
     * @return the window.
     */
    static DoubleBuffer doubles(INDArray a, long from, long len) {
        return window(a, from * Double.BYTES, len * Double.BYTES).asDoubleBuffer();
    }

    /**
     * Views values [from, from + len) of a FLOAT array's buffer as an NIO buffer (see {@link #doubles}).
     *
     * @param a a FLOAT array, not a view.
     * @param from the first value.
     * @param len how many values (their bytes at most 2^31 − 1).
     * @return the window.
     */
    static FloatBuffer floats(INDArray a, long from, long len) {
        return window(a, from * Float.BYTES, len * Float.BYTES).asFloatBuffer();
    }

    private static ByteBuffer window(INDArray a, long offsetBytes, long bytes) {
        Pointer base = a.data().addressPointer();
        return new At(base.address() + base.position() * a.dataType().width() + offsetBytes, bytes).asByteBuffer()
                .order(ByteOrder.nativeOrder());
    }

    /** Host memory at an address, {@code bytes} long. */
    private static final class At extends Pointer {
        At(long address, long bytes) {
            this.address = address;
            this.limit = bytes;
            this.capacity = bytes;
        }
    }
}
