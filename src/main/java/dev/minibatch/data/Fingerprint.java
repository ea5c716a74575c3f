package dev.minibatch.data;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A SHA-256 of a run's data, fed split by split and row by row (each value's bits), so that data in memory and
 * the same data in the disk cache have the same fingerprint.
 */
public final class Fingerprint {
    private final MessageDigest md;
    private ByteBuffer buf = ByteBuffer.allocate(64);

    /** Starts an empty fingerprint. */
    public Fingerprint() {
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts a matrix.
     *
     * @param rows its rows.
     * @param columns its columns.
     */
    public void matrix(int rows, int columns) {
        md.update(ByteBuffer.allocate(8).putInt(rows).putInt(columns).array());
    }

    /**
     * Adds a row.
     *
     * @param row the values.
     */
    public void row(double[] row) {
        if (buf.capacity() < 8 * row.length) {
            buf = ByteBuffer.allocate(8 * row.length);
        }
        buf.clear();
        for (double v : row) {
            buf.putLong(Double.doubleToRawLongBits(v));
        }
        md.update(buf.array(), 0, buf.position());
    }

    /** @return the digest in hex. */
    public String hex() {
        return HexFormat.of().formatHex(md.digest());
    }
}
