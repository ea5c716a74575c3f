package dev.minibatch.data;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Writes small IDX image sets for the tests, in the layout of MNIST's and Fashion-MNIST's four files: images whose
 * class shows in them (a bright block whose row is the label, over noise), so that a model learns them in a few
 * epochs, and labels 0 … 9.
 */
public final class IdxFixtures {
    private IdxFixtures() {
    }

    /**
     * Writes the four files into a folder.
     *
     * @param dir the folder (created).
     * @param train training images.
     * @param test test images.
     * @param gzip whether to gzip them (the names then end in .gz).
     * @param seed the noise's seed.
     * @return the folder.
     * @throws IOException if a file cannot be written.
     */
    public static Path write(Path dir, int train, int test, boolean gzip, long seed) throws IOException {
        Files.createDirectories(dir);
        SplittableRandom rng = new SplittableRandom(seed);
        int[] trainLabels = labels(train, rng);
        int[] testLabels = labels(test, rng);
        String gz = gzip ? ".gz" : "";
        images(dir.resolve("train-images-idx3-ubyte" + gz), trainLabels, 28, 28, gzip, rng);
        labels(dir.resolve("train-labels-idx1-ubyte" + gz), trainLabels, gzip);
        images(dir.resolve("t10k-images-idx3-ubyte" + gz), testLabels, 28, 28, gzip, rng);
        labels(dir.resolve("t10k-labels-idx1-ubyte" + gz), testLabels, gzip);
        return dir;
    }

    private static int[] labels(int n, SplittableRandom rng) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i < 10 ? i : rng.nextInt(10);
        }
        return y;
    }

    /**
     * Writes an image file.
     *
     * @param file the file.
     * @param labels one class per image (it decides where the bright block is).
     * @param h rows.
     * @param w columns.
     * @param gzip whether to gzip it.
     * @param rng the noise.
     * @throws IOException if it cannot be written.
     */
    public static void images(Path file, int[] labels, int h, int w, boolean gzip, SplittableRandom rng)
            throws IOException {
        try (DataOutputStream out = new DataOutputStream(stream(file, gzip))) {
            out.writeInt(IdxFile.IMAGES);
            out.writeInt(labels.length);
            out.writeInt(h);
            out.writeInt(w);
            for (int label : labels) {
                for (int r = 0; r < h; r++) {
                    for (int c = 0; c < w; c++) {
                        boolean block = r / 2 == label && c >= 4 && c < 24;
                        out.writeByte(block ? 200 + rng.nextInt(56) : rng.nextInt(60));
                    }
                }
            }
        }
    }

    /**
     * Writes a label file.
     *
     * @param file the file.
     * @param labels the labels.
     * @param gzip whether to gzip it.
     * @throws IOException if it cannot be written.
     */
    public static void labels(Path file, int[] labels, boolean gzip) throws IOException {
        try (DataOutputStream out = new DataOutputStream(stream(file, gzip))) {
            out.writeInt(IdxFile.LABELS);
            out.writeInt(labels.length);
            for (int label : labels) {
                out.writeByte(label);
            }
        }
    }

    private static OutputStream stream(Path file, boolean gzip) throws IOException {
        OutputStream raw = Files.newOutputStream(file);
        return gzip ? new GZIPOutputStream(raw) : raw;
    }
}
