package dev.minibatch.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Rows in a memory-mapped file: the values of a C-order matrix in the training precision, in the machine's byte
 * order, row after row. The operating system pages them in as the batch plan touches them, so the heap holds
 * none of the data: a run trains on files larger than its heap (and larger than memory, at the disk's speed).
 * The file is mapped in segments of whole rows, each under 2 GiB (a Java mapping's limit).
 */
public final class MappedRows implements Rows {
    private final int rows;
    private final int columns;
    private final DataType type;
    private final int rowsPerSegment;
    private final DoubleBuffer[] doubles;
    private final FloatBuffer[] floats;

    /**
     * Maps a file.
     *
     * @param file the file, exactly rows × columns values of the type.
     * @param rows the number of rows.
     * @param columns the number of columns.
     * @param type FLOAT or DOUBLE.
     * @throws IOException if the file cannot be mapped or has another size.
     */
    public MappedRows(Path file, int rows, int columns, DataType type) throws IOException {
        this.rows = rows;
        this.columns = columns;
        this.type = type;
        int width = type == DataType.DOUBLE ? 8 : 4;
        long rowBytes = (long) columns * width;
        rowsPerSegment = (int) Math.max(1, Math.min(rows, (Integer.MAX_VALUE - 8) / rowBytes));
        int segments = Math.max(1, (rows + rowsPerSegment - 1) / rowsPerSegment);
        doubles = type == DataType.DOUBLE ? new DoubleBuffer[segments] : null;
        floats = type == DataType.DOUBLE ? null : new FloatBuffer[segments];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() != rows * rowBytes) {
                throw new IOException(file + " holds " + ch.size() + " bytes, expected " + rows * rowBytes);
            }
            for (int s = 0; s < segments; s++) {
                long first = (long) s * rowsPerSegment;
                long n = Math.min(rowsPerSegment, rows - first);
                MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, first * rowBytes, n * rowBytes);
                m.order(ByteOrder.nativeOrder());
                if (doubles != null) {
                    doubles[s] = m.asDoubleBuffer();
                } else {
                    floats[s] = m.asFloatBuffer();
                }
            }
        }
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int columns() {
        return columns;
    }

    @Override
    public DataType type() {
        return type;
    }

    @Override
    public void gather(int[] order, int start, int len, INDArray dst) {
        if (doubles != null) {
            DoubleBuffer to = dst.data().asNioDouble();
            for (int i = 0; i < len; i++) {
                int r = order[start + i];
                to.put(i * columns, doubles[r / rowsPerSegment], (r % rowsPerSegment) * columns, columns);
            }
        } else {
            FloatBuffer to = dst.data().asNioFloat();
            for (int i = 0; i < len; i++) {
                int r = order[start + i];
                to.put(i * columns, floats[r / rowsPerSegment], (r % rowsPerSegment) * columns, columns);
            }
        }
        Nd4j.getAffinityManager().tagLocation(dst, AffinityManager.Location.HOST);
    }

    @Override
    public void copy(int from, int len, INDArray dst) {
        int[] order = new int[len];
        for (int i = 0; i < len; i++) {
            order[i] = from + i;
        }
        gather(order, 0, len, dst);
    }

    @Override
    public INDArray array() {
        return null;
    }

    /**
     * Reads one row as doubles (exact for both types).
     *
     * @param row the row.
     * @param out at least {@link #columns()} values.
     */
    public void read(int row, double[] out) {
        int at = (row % rowsPerSegment) * columns;
        if (doubles != null) {
            doubles[row / rowsPerSegment].get(at, out, 0, columns);
        } else {
            FloatBuffer f = floats[row / rowsPerSegment];
            for (int j = 0; j < columns; j++) {
                out[j] = f.get(at + j);
            }
        }
    }
}
