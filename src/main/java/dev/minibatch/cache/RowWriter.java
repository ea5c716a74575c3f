package dev.minibatch.cache;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes rows of numbers to a binary file, in the machine's byte order, as doubles or rounded to floats: the
 * layout {@link dev.minibatch.data.MappedRows} maps.
 */
final class RowWriter implements AutoCloseable {
    private final OutputStream out;
    private final boolean single;
    private final ByteBuffer buf;
    private long rows;

    /**
     * Opens a file for writing.
     *
     * @param file the file (replaced).
     * @param columns values per row.
     * @param single whether to write floats (each value rounded to the nearest float) instead of doubles.
     * @throws IOException if the file cannot be created.
     */
    RowWriter(Path file, int columns, boolean single) throws IOException {
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
        this.single = single;
        this.buf = ByteBuffer.allocate(columns * (single ? 4 : 8)).order(ByteOrder.nativeOrder());
    }

    /**
     * Appends a row.
     *
     * @param row the values.
     * @throws IOException if it cannot be written.
     */
    void write(double[] row) throws IOException {
        buf.clear();
        for (double v : row) {
            if (single) {
                buf.putFloat((float) v);
            } else {
                buf.putDouble(v);
            }
        }
        out.write(buf.array(), 0, buf.position());
        rows++;
    }

    /** @return the rows written. */
    long rows() {
        return rows;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
