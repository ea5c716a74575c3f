package dev.minibatch.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minibatch.config.ConfigException;
import dev.minibatch.config.DataConfig;
import dev.minibatch.data.CsvTable;
import dev.minibatch.data.Dataset;
import dev.minibatch.data.MakeRegression;
import dev.minibatch.data.NumericCsv;
import dev.minibatch.io.AtomicFiles;
import dev.minibatch.io.OutputFolder;
import dev.minibatch.data.MappedRows;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The first level of the disk cache: the source's rows, features then targets, as doubles in the source's order
 * ({@code raw.bin}), with what they are ({@code raw.json}). A CSV file is read once, streaming; it is read again
 * only when it changed (its size, its modification time or the SHA-256 of its first MiB). make_regression is
 * generated in passes over files instead of arrays: the same draws in the same order, so the same bits as
 * {@link dev.minibatch.data.MakeRegression}.
 */
final class RawCache {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HEAD_BYTES = 1 << 20;

    private RawCache() {
    }

    /**
     * The cached rows and what they are.
     *
     * @param key what they were made from; a different key means they must be made again.
     * @param rows the number of rows.
     * @param features the feature columns.
     * @param targets the target columns.
     * @param featureNames the features' names.
     * @param targetNames the targets' names.
     * @param labels a classifier's CSV: the label column's distinct labels in order of appearance, whose index each
     *     row holds as its one target; {@code null} otherwise.
     * @param labelLines the line each label first appears on.
     */
    record Meta(String key, int rows, int features, int targets, List<String> featureNames,
                List<String> targetNames, List<String> labels, List<Long> labelLines) {
    }

    /**
     * The raw rows of a data configuration, made if the cache does not hold them already.
     *
     * @param data the data settings.
     * @param home the cache folder.
     * @param labels whether the CSV's target column holds class labels (a classifier's).
     * @return the folder holding raw.bin and raw.json.
     * @throws ConfigException for bad data (the messages of the in-memory path) or a cache that cannot be written.
     */
    static Path get(DataConfig data, Path home, boolean labels) {
        String identity = data.isCsv()
                ? "csv|" + Path.of(data.path()).toAbsolutePath().normalize() + "|" + data.header() + "|"
                + data.delimiter() + "|" + data.targets() + (labels ? "|labels" : "")
                : "make_regression|" + data.nSamples() + "|" + data.nFeatures() + "|" + data.nInformative() + "|"
                + data.nTargets() + "|" + data.bias() + "|" + data.noise() + "|" + data.randomState();
        String name = (data.isCsv() ? Path.of(data.path()).getFileName().toString() : "make_regression") + "-"
                + sha256(identity).substring(0, 12);
        Path dir = home.resolve(name);
        try {
            String key = data.isCsv() ? identity + "|" + csvVersion(Path.of(data.path())) : identity;
            Path metaFile = dir.resolve("raw.json");
            if (Files.isRegularFile(metaFile)) {
                Meta m = JSON.readValue(metaFile.toFile(), Meta.class);
                if (m.key().equals(key) && Files.size(dir.resolve("raw.bin"))
                        == 8L * m.rows() * (m.features() + m.targets())) {
                    return dir;
                }
            }
            OutputFolder.deleteTree(dir);
            Files.createDirectories(dir);
            Path tmp = dir.resolve("raw.bin.tmp");
            Meta meta;
            try {
                meta = data.isCsv() ? labels ? fromLabelledCsv(data, tmp, key) : fromCsv(data, tmp, key)
                        : generate(data, dir, tmp, key);
            } catch (IOException | RuntimeException e) {
                // bad data or a full disk: no half-built cache (and no temporary file holding the disk) is left
                try {
                    OutputFolder.deleteTree(dir);
                } catch (IOException ignored) {
                    // the original problem is the one to report
                }
                throw e;
            }
            Files.move(tmp, dir.resolve("raw.bin"), StandardCopyOption.ATOMIC_MOVE);
            AtomicFiles.write(metaFile, JSON.writeValueAsBytes(meta));   // its presence marks the cache whole
            return dir;
        } catch (IOException e) {
            throw new ConfigException("data.cache_dir: cannot write the data cache " + dir + " ("
                    + OutputFolder.reason(e) + ")");
        }
    }

    /** @return the cache's description of a CSV file's version: size, modification time, SHA-256 of its head. */
    private static String csvVersion(Path file) throws IOException {
        NumericCsv.requireFile(file, " (data.path)");
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEAD_BYTES);
        }
        return Files.size(file) + "|" + Files.getLastModifiedTime(file).toMillis() + "|" + sha256(head);
    }

    /**
     * Streams a CSV file through a sink that writes rows with {@code out[0]}, then closes it: its row count.
     *
     * @param file the file.
     * @param data the data settings (delimiter, header).
     * @param sink the sink; it creates {@code out[0]} and may throw {@link UncheckedIOException}.
     * @param out the writer the sink creates.
     * @return the rows written.
     */
    private static int scan(Path file, DataConfig data, NumericCsv.Sink sink, RowWriter[] out) throws IOException {
        try {
            NumericCsv.scan(file, CsvTable.delimiter(data), data.header() ? NumericCsv.Header.YES
                    : NumericCsv.Header.NO, -1, null, sink);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            if (out[0] != null) {
                out[0].close();
            }
        }
        long rows = out[0].rows();
        if (rows > Integer.MAX_VALUE) {
            throw new ConfigException(file + ": " + rows + " rows; at most " + Integer.MAX_VALUE + " are supported");
        }
        return (int) rows;
    }

    /** Reads the CSV once, streaming, with the in-memory reader's checks and messages. */
    private static Meta fromCsv(DataConfig data, Path tmp, String key) throws IOException {
        Path file = Path.of(data.path());
        CsvTable.Columns[] cols = {null};
        RowWriter[] out = {null};
        java.util.concurrent.atomic.AtomicReference<List<String>> header = new java.util.concurrent.atomic.AtomicReference<>();
        int rows = scan(file, data, new NumericCsv.Sink() {
                        @Override
                        public void header(List<String> names) {
                            header.set(names);
                        }

                        @Override
                        public void row(double[] row) {
                            try {
                                if (cols[0] == null) {
                                    cols[0] = CsvTable.Columns.of(file, data, header.get(), row.length);
                                    out[0] = new RowWriter(tmp, row.length, false);
                                }
                                double[] f = cols[0].features(row);
                                double[] t = cols[0].targets(row);
                                double[] both = java.util.Arrays.copyOf(f, f.length + t.length);
                                System.arraycopy(t, 0, both, f.length, t.length);
                                out[0].write(both);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }
                    }, out);
        return new Meta(key, rows, cols[0].featureNames().size(), cols[0].targetNames().size(),
                cols[0].featureNames(), cols[0].targetNames(), null, null);
    }

    /**
     * A classifier's CSV, streaming: the features, then the row's label as the index of its first appearance (the
     * classes are decided from the distinct labels, as the in-memory reader decides them).
     */
    private static Meta fromLabelledCsv(DataConfig data, Path tmp, String key) throws IOException {
        Path file = Path.of(data.path());
        CsvTable.Columns[] cols = {null};
        RowWriter[] out = {null};
        java.util.Map<String, Integer> seen = new java.util.LinkedHashMap<>();
        List<Long> lines = new java.util.ArrayList<>();
        double[] label = {0};
        int rows = scan(file, data, new NumericCsv.Sink() {
                        @Override
                        public void header(List<String> names) {
                        }

                        @Override
                        public int textColumn(List<String> names, int width) {
                            cols[0] = CsvTable.labelColumns(file, data, names, width);
                            try {
                                out[0] = new RowWriter(tmp, cols[0].featureNames().size() + 1, false);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                            for (int c = 0; c < width; c++) {
                                if (cols[0].isTarget()[c]) {
                                    return c;
                                }
                            }
                            throw new IllegalStateException("no label column");
                        }

                        @Override
                        public void text(long line, String cell) {
                            CsvTable.requireLabel(file, line, cols[0].targetNames().get(0), cell);
                            Integer i = seen.get(cell);
                            if (i == null) {
                                i = seen.size();
                                seen.put(cell, i);
                                lines.add(line);
                            }
                            label[0] = i;
                        }

                        @Override
                        public void row(double[] row) {
                            try {
                                double[] f = cols[0].features(row);
                                double[] both = java.util.Arrays.copyOf(f, f.length + 1);
                                both[f.length] = label[0];
                                out[0].write(both);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }
                    }, out);
        return new Meta(key, rows, cols[0].featureNames().size(), 1, cols[0].featureNames(),
                cols[0].targetNames(), new java.util.ArrayList<>(seen.keySet()), lines);
    }

    /** make_regression ({@link MakeRegression#generate}'s passes) with X and y held in files it maps. */
    private static Meta generate(DataConfig d, Path dir, Path tmp, String key) throws IOException {
        int n = d.nSamples();
        int f = d.nFeatures();
        int k = d.nTargets();
        try (FileStore xs = new FileStore(dir.resolve("x.tmp"), n, f);
             FileStore ys = new FileStore(dir.resolve("y.tmp"), n, k);
             RowWriter w = new RowWriter(tmp, f + k, false)) {
            double[] out = new double[f + k];
            MakeRegression.generate(n, f, d.nInformative(), k, d.bias(), d.noise(), d.randomState(), xs, ys,
                    (x, y) -> {
                        System.arraycopy(x, 0, out, 0, f);
                        System.arraycopy(y, 0, out, f, k);
                        w.write(out);
                    });
        }
        return new Meta(key, n, f, k, Dataset.defaultNames("x", f), Dataset.defaultNames("y", k), null, null);
    }

    /** A generator's store in a file of doubles: written in order, then mapped and read; deleted on close. */
    private static final class FileStore implements MakeRegression.Store, AutoCloseable {
        private final Path file;
        private final int rows;
        private final int columns;
        private RowWriter writer;
        private MappedRows mapped;

        FileStore(Path file, int rows, int columns) throws IOException {
            this.file = file;
            this.rows = rows;
            this.columns = columns;
            writer = new RowWriter(file, columns, false);
        }

        @Override
        public void write(double[] row) throws IOException {
            writer.write(row);
        }

        @Override
        public void finish() throws IOException {
            writer.close();
            writer = null;
            mapped = new MappedRows(file, rows, columns, DataType.DOUBLE);
        }

        @Override
        public void read(int r, double[] out) {
            mapped.read(r, out);
        }

        @Override
        public void close() throws IOException {
            if (writer != null) {
                writer.close();
            }
            mapped = null;
            Files.deleteIfExists(file);
        }
    }

    static String sha256(String s) {
        return sha256(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
