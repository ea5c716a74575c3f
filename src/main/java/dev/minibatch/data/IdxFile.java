package dev.minibatch.data;

import dev.minibatch.config.ConfigException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the IDX files MNIST and Fashion-MNIST ship in (Yann LeCun's format: a big-endian magic number whose third
 * byte is the element type — 0x08, unsigned bytes — and whose fourth is the number of dimensions, then each
 * dimension as a big-endian int, then the values row-major), gzipped or not: the first two bytes decide, not the
 * name. Every refusal is a {@link ConfigException} naming the file and what it holds against what it should: a
 * wrong magic number, a file cut short, a count over the limit of one run. (DL4J's own reader, in
 * {@code deeplearning4j-datasets}, reads only unzipped files it downloads itself and answers a bad file with an
 * exception of its own; these forty lines say what is wrong.)
 */
public final class IdxFile {
    /** The magic number of an IDX file of unsigned-byte images: type 0x08, three dimensions. */
    public static final int IMAGES = 0x00000803;
    /** The magic number of an IDX file of unsigned-byte labels: type 0x08, one dimension. */
    public static final int LABELS = 0x00000801;

    private IdxFile() {
    }

    /**
     * A file's images, the first {@code count} of them.
     *
     * @param count the images read.
     * @param height each image's rows.
     * @param width each image's columns.
     * @param pixels {@code count · height · width} unsigned bytes, image by image, row-major.
     */
    public record Images(int count, int height, int width, byte[] pixels) {
        /**
         * Reads one pixel.
         *
         * @param image the image.
         * @param i the pixel's place in the image, row-major.
         * @return its value, 0 … 255.
         */
        public int pixel(int image, int i) {
            return pixels[image * height * width + i] & 0xff;
        }
    }

    /**
     * Reads an image file.
     *
     * @param file the file.
     * @param limit the most images to read; 0 for all.
     * @return the images.
     * @throws ConfigException naming the file if it is missing, not an image file, or cut short.
     */
    public static Images images(Path file, int limit) {
        try (DataInputStream in = open(file)) {
            magic(file, in, IMAGES, "unsigned-byte images (0x00000803)");
            int n = in.readInt();
            int h = in.readInt();
            int w = in.readInt();
            if (n < 0 || h < 1 || w < 1 || h > 4096 || w > 4096) {
                throw new ConfigException(file + ": not a usable IDX image file: its header says "
                        + Integer.toUnsignedString(n) + " images of " + Integer.toUnsignedString(h) + "×"
                        + Integer.toUnsignedString(w) + " pixels (at most 2^31 − 1 images of 1 … 4096 × 1 … 4096)");
            }
            int count = limit > 0 ? Math.min(limit, n) : n;
            long bytes = (long) count * h * w;
            if (bytes > Integer.MAX_VALUE - 8) {
                throw new ConfigException(file + ": " + count + " images of " + h + "×" + w + " are more pixels than"
                        + " one run holds (at most 2^31); set data.train_limit or data.test_limit");
            }
            byte[] pixels = new byte[(int) bytes];
            int got = readUpTo(in, pixels, h * w);
            if (got < pixels.length) {
                throw new ConfigException(file + ": cut short: it holds " + got / ((long) h * w) + " of the " + n
                        + " images its header promises");
            }
            return new Images(count, h, w, pixels);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /**
     * Reads a label file.
     *
     * @param file the file.
     * @param limit the most labels to read; 0 for all.
     * @return the labels, 0 … 255 each.
     * @throws ConfigException naming the file if it is missing, not a label file, or cut short.
     */
    public static int[] labels(Path file, int limit) {
        try (DataInputStream in = open(file)) {
            magic(file, in, LABELS, "unsigned-byte labels (0x00000801)");
            int n = in.readInt();
            if (n < 0) {
                throw new ConfigException(file + ": not a usable IDX label file: its header says "
                        + Integer.toUnsignedString(n) + " labels (at most 2^31 − 1)");
            }
            int count = limit > 0 ? Math.min(limit, n) : n;
            byte[] raw = new byte[count];
            int got = readUpTo(in, raw, 4096);
            if (got < count) {
                throw new ConfigException(file + ": cut short: it holds " + got + " of the " + n
                        + " labels its header promises");
            }
            int[] out = new int[count];
            for (int i = 0; i < count; i++) {
                out[i] = raw[i] & 0xff;
            }
            return out;
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /**
     * Reads the count in a file's header, without its values.
     *
     * @param file an IDX file.
     * @param images whether it should hold images (or labels).
     * @return the first dimension: its images or labels.
     * @throws ConfigException naming the file if it is missing or not an IDX file of that kind.
     */
    public static int count(Path file, boolean images) {
        try (DataInputStream in = open(file)) {
            magic(file, in, images ? IMAGES : LABELS, images ? "unsigned-byte images (0x00000803)"
                    : "unsigned-byte labels (0x00000801)");
            int n = in.readInt();
            if (n < 0) {
                throw new ConfigException(file + ": not a usable IDX file: its header says "
                        + Integer.toUnsignedString(n) + (images ? " images" : " labels") + " (at most 2^31 − 1)");
            }
            return n;
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /**
     * Reads as much of {@code buf} as the file holds, a chunk at a time: a gzip stream cut short ends in an
     * EOFException that drops the bytes of the read it interrupts, so a chunk is the most a count can miss.
     */
    private static int readUpTo(InputStream in, byte[] buf, int chunk) throws IOException {
        int got = 0;
        try {
            while (got < buf.length) {
                int r = in.read(buf, got, Math.min(chunk, buf.length - got));
                if (r < 0) {
                    break;
                }
                got += r;
            }
        } catch (EOFException e) {
            // a gzip stream cut short: what was read is what the file holds
        }
        return got;
    }

    /**
     * Whether a file starts as an IDX file or a gzip stream does (for a CSV command given one).
     *
     * @param file the file.
     * @return whether its first bytes are a gzip header or an IDX magic number's 0x00 0x00 0x08.
     */
    public static boolean looksBinary(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(3);
            return b.length >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b
                    || b.length == 3 && b[0] == 0 && b[1] == 0 && b[2] == 0x08;
        } catch (IOException e) {
            return false;                          // the reader names the problem
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        InputStream in = b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16)
                : raw;
        return new DataInputStream(in);
    }

    private static void magic(Path file, DataInputStream in, int expected, String what) throws IOException {
        int m = in.readInt();
        if (m != expected) {
            throw new ConfigException(file + ": not an IDX file of " + what + ": its magic number is "
                    + String.format(Locale.ROOT, "0x%08x", m));
        }
    }

    private static ConfigException unreadable(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new ConfigException(file + ": no such file");
        }
        if (e instanceof EOFException) {
            return new ConfigException(file + ": cut short: it ends inside its header");
        }
        if (e instanceof ZipException) {
            return new ConfigException(file + ": not a readable gzip file (" + e.getMessage() + ")");
        }
        String m = e.getMessage();
        return new ConfigException(file + ": cannot be read (" + (m == null ? e.getClass().getSimpleName() : m)
                + ")");
    }
}
