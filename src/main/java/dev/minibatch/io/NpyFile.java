package dev.minibatch.io;

import dev.minibatch.config.ConfigException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a NumPy {@code .npy} file of a 2-D float array the way minibatch writes one, checking everything before a
 * value is used: the magic string and version, a little-endian {@code <f8} or {@code <f4} type, C order, the shape
 * asked for, a file size equal to the header's plus rows × columns × item size (a truncated or padded file is
 * refused, never read as garbage), and finite values. The one reader of saved parameter files.
 */
public final class NpyFile {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([<|=>]?)([fi])([48])'");
    private static final Pattern ORDER = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,?\\s*\\)");

    private NpyFile() {
    }

    /**
     * A checked 2-D array.
     *
     * @param values the values, row-major.
     * @param doublePrecision whether the file holds doubles ({@code <f8}) rather than floats.
     */
    public record Matrix(double[][] values, boolean doublePrecision) {
    }

    /**
     * Reads a file.
     *
     * @param f the file.
     * @param rows the rows it must have.
     * @param cols the columns it must have.
     * @return its values.
     * @throws ConfigException (exit code 2) naming the file and what is wrong with it.
     */
    public static Matrix read(Path f, int rows, int cols) {
        if (!Files.isRegularFile(f)) {
            throw new ConfigException(f + ": does not exist; re-run minibatch train to write it");
        }
        byte[] bytes;
        try {
            if (Files.size(f) > (1L << 31) - 64) {
                throw bad(f, "larger than 2 GiB");
            }
            bytes = Files.readAllBytes(f);
        } catch (IOException e) {
            throw new ConfigException(f + ": cannot be read (" + OutputFolder.reason(e) + ")");
        }
        if (bytes.length < 10 || !java.util.Arrays.equals(java.util.Arrays.copyOf(bytes, 6), MAGIC)) {
            throw bad(f, "it does not start with NumPy's magic string");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int major = bytes[6];
        int headerLen;
        int start;
        if (major == 1) {
            headerLen = Short.toUnsignedInt(b.getShort(8));
            start = 10;
        } else if ((major == 2 || major == 3) && bytes.length >= 12) {
            headerLen = b.getInt(8);
            start = 12;
        } else {
            throw bad(f, "unknown .npy version " + major);
        }
        if (headerLen < 0 || start + headerLen > bytes.length) {
            throw bad(f, "its header runs past the end of the file (truncated?)");
        }
        String header = new String(bytes, start, headerLen, StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher o = ORDER.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !d.group(2).equals("f") || d.group(1).equals(">")) {
            throw bad(f, "expected little-endian float64 or float32 values, header " + header.strip());
        }
        if (!o.find() || o.group(1).equals("True") || !s.find()) {
            throw bad(f, "expected a 2-D array in C order, header " + header.strip());
        }
        long r = Long.parseLong(s.group(1));
        long c = Long.parseLong(s.group(2));
        if (r != rows || c != cols) {
            throw new ConfigException(f + ": expected a " + rows + " × " + cols + " array, found " + r + " × " + c);
        }
        int item = Integer.parseInt(d.group(3));
        long data = bytes.length - (long) start - headerLen;
        if (data != r * c * item) {
            throw bad(f, "the header says " + r + " × " + c + " values of " + item + " bytes (" + r * c * item
                    + " bytes), the file holds " + data + " (truncated or damaged)");
        }
        double[][] out = new double[rows][cols];
        int at = start + headerLen;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++, at += item) {
                double v = item == 8 ? b.getDouble(at) : b.getFloat(at);
                if (!Double.isFinite(v)) {
                    throw bad(f, "value [" + i + ", " + j + "] is " + v + " (a diverged or damaged model)");
                }
                out[i][j] = v;
            }
        }
        return new Matrix(out, item == 8);
    }

    private static ConfigException bad(Path f, String why) {
        return new ConfigException(f + ": not a usable NumPy .npy parameter file: " + why);
    }
}
