package dev.minibatch.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minibatch.config.ConfigException;
import dev.minibatch.config.Precision;
import dev.minibatch.config.RunConfig;
import dev.minibatch.data.DataRange;
import dev.minibatch.data.ClassLabels;
import dev.minibatch.data.Dataset;
import dev.minibatch.data.Fingerprint;
import dev.minibatch.data.RunData;
import dev.minibatch.data.SplitIndices;
import dev.minibatch.data.SplitPlan;
import dev.minibatch.data.Standardization;
import dev.minibatch.data.TrainTestSplit;
import dev.minibatch.io.AtomicFiles;
import dev.minibatch.io.OutputFolder;
import dev.minibatch.data.MappedRows;
import dev.minibatch.data.NdArrays;
import dev.minibatch.train.NdDataset;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A run's data in the disk cache: the splits written once in the training precision, memory-mapped by the
 * trainers, never on the heap. The split, the validation rows and the standardisation are computed by streaming
 * over the cached rows in the in-memory path's order ({@link Dataset#of}), so every value — and so every
 * parameter and loss of the run — is the in-memory run's, bit for bit.
 *
 * @param dir the folder holding the split files.
 * @param nTrain training rows.
 * @param nVal validation rows.
 * @param nTest test rows.
 * @param nFeatures features.
 * @param nTargets targets.
 * @param featureNames the features' names.
 * @param targetNames the targets' names.
 * @param standardization the standardisation, or {@code null}.
 * @param headX the first test rows' features (for the plots).
 * @param headY their targets.
 * @param fingerprint the data's SHA-256, as {@link Dataset#fingerprint()} computes it.
 * @param precision the precision of the split files.
 * @param classList a classifier's classes, in output order ({@code null} for a regression).
 */
public record DiskData(Path dir, int nTrain, int nVal, int nTest, int nFeatures, int nTargets,
                       List<String> featureNames, List<String> targetNames, Standardization standardization,
                       double[][] headX, double[][] headY, String fingerprint, Precision precision,
                       List<String> classList)
        implements RunData {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HEAD = 1000;
    private static final String[] FILES = {"x_train", "y_train", "x_val", "y_val", "x_test", "y_test"};

    /**
     * Whether a run's data goes through the disk cache: {@code data.cache: always}, or {@code auto} and the data
     * would take more than an eighth of the heap in memory (the in-memory path holds several copies).
     *
     * @param config the run configuration.
     * @return whether to use the disk cache.
     */
    public static boolean wanted(RunConfig config) {
        var d = config.data();
        if (d.isFriedman1() || d.isClassificationGenerator() || dev.minibatch.data.Datasets.isMultiLabel(config)) {
            return false;              // in memory only (data.cache: always is refused for these)
        }
        return switch (d.cache()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> {
                long bytes;
                try {
                    bytes = d.isCsv() ? Files.size(Path.of(d.path()))
                            : 8L * d.nSamples() * (d.nFeatures() + d.nTargets());
                } catch (IOException e) {
                    yield false; // the in-memory reader names the problem
                }
                yield bytes > Runtime.getRuntime().maxMemory() / 8;
            }
        };
    }

    /**
     * Prepares a run's data in the cache, making what it does not hold yet.
     *
     * @param config the run configuration.
     * @param home the cache folder ({@code data.cache_dir}, or the default the caller chose).
     * @return the data.
     * @throws ConfigException for bad data (the in-memory path's checks and messages) or an unwritable cache.
     */
    public static DiskData load(RunConfig config, Path home) {
        SplitPlan.check(config);                  // a generator's split: refused before the cache is written
        // one run at a time reads or builds the cache: a second run on the same data waits, then reuses it
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new ConfigException("data.cache_dir: cannot create " + home + " (" + OutputFolder.reason(e) + ")");
        }
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(home.resolve(".lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
            ch.lock();                          // released when the channel closes
            return loadLocked(config, home);
        } catch (IOException e) {
            throw new ConfigException("data.cache_dir: cannot lock " + home.resolve(".lock") + " ("
                    + OutputFolder.reason(e) + ")");
        }
    }

    private static DiskData loadLocked(RunConfig config, Path home) {
        var data = config.data();
        var split = config.split();
        boolean classifier = config.training().loss().isClassification();
        Path rawDir = RawCache.get(data, home, classifier);
        RawCache.Meta raw;
        try {
            raw = JSON.readValue(rawDir.resolve("raw.json").toFile(), RawCache.Meta.class);
        } catch (IOException e) {
            throw new ConfigException("data.cache_dir: cannot read " + rawDir.resolve("raw.json") + " ("
                    + OutputFolder.reason(e) + ")");
        }
        String source = data.isCsv() ? Path.of(data.path()).toString() : "make_regression";
        int n = raw.rows();
        // as the in-memory path: before the classes' checks
        SplitPlan plan = SplitPlan.check(n, config, data.isCsv() ? source : "data.n_samples", source);
        MappedRows rawRows;
        try {
            rawRows = new MappedRows(rawDir.resolve("raw.bin"), n, raw.features() + raw.targets(), DataType.DOUBLE);
        } catch (IOException e) {
            throw new ConfigException("data.cache_dir: cannot map " + rawDir.resolve("raw.bin") + " ("
                    + OutputFolder.reason(e) + ")");
        }
        ClassLabels classes = null;
        int[] toClass = null;
        int[] y = null;
        String column = raw.labels() == null ? null : "column '" + raw.targetNames().get(0) + "'";
        if (raw.labels() != null) {                  // a classifier: the classes, as the in-memory reader decides them
            classes = dev.minibatch.data.Datasets.resolveClasses(raw.labels(), raw.labelLines(), data, source, column);
            toClass = new int[raw.labels().size()];
            for (int i = 0; i < toClass.length; i++) {
                toClass[i] = classes.indexOf(raw.labels().get(i));
            }
            y = new int[n];
            double[] row = new double[raw.features() + 1];
            for (int r = 0; r < n; r++) {
                rawRows.read(r, row);
                y[r] = toClass[(int) row[raw.features()]];
            }
            dev.minibatch.data.Datasets.checkClassCounts(y, classes, config, source, column);
        }
        SplitIndices indices = classes != null ? dev.minibatch.data.Datasets.split(y, classes, config, source)
                : TrainTestSplit.split(n, split.testSize(), split.randomState());
        int[] train = indices.train();
        int keep = plan.train();
        int[] trainRows = Arrays.copyOfRange(train, 0, keep);
        int[] valRows = Arrays.copyOfRange(train, keep, train.length);
        if (classes != null) {
            dev.minibatch.data.Datasets.requireTrainedClasses(y, indices, keep, classes, source, column,
                    r -> "row " + (r + 1));
        }
        Precision precision = config.training().precision();
        boolean one = classes != null && classes.oneColumn(config.training().loss()
                == dev.minibatch.config.Loss.BINARY_CROSSENTROPY);
        int k = classes == null ? raw.targets() : one ? 1 : classes.size();
        List<String> targetNames = classes == null ? raw.targetNames() : classes.targetNames(raw.targetNames().get(0),
                one);
        String key = raw.key() + "|" + split.testSize() + "|" + split.randomState() + "|" + split.validationSize()
                + "|" + config.preprocess().standardize() + "|" + precision + (classes == null ? "" : "|"
                + split.stratify() + "|" + one + "|" + classes.classes());
        Path dir = rawDir.resolve("split-" + RawCache.sha256(key).substring(0, 12));
        Path metaFile = dir.resolve("split.json");
        try {
            if (Files.isRegularFile(metaFile)) {
                return JSON.readValue(metaFile.toFile(), DiskData.class).at(dir);
            }
            OutputFolder.deleteTree(dir);
            Files.createDirectories(dir);
            MappedRows rows = rawRows;
            Standardization s = config.preprocess().standardize()
                    ? fit(rows, trainRows, raw.features(), raw.featureNames(), source) : null;
            boolean single = precision == Precision.FLOAT;
            Fingerprint fp = new Fingerprint();
            double[] max = {0.0, 0.0};
            double[][][] head = new double[2][][];
            int[][] parts = {trainRows, valRows, indices.test()};
            for (int p = 0; p < 3; p++) {
                double[][][] h = write(rows, parts[p], raw.features(), raw.targets(), k, toClass, one, s, single,
                        dir, FILES[2 * p], FILES[2 * p + 1], fp, p == 1 ? null : max, p == 2 ? HEAD : 0);
                if (p == 2) {
                    head = h;
                }
            }
            DataRange.check(max[0], max[1], Math.max(trainRows.length, indices.test().length), single,
                    data.isCsv() ? source : "make_regression with data.noise " + data.noise() + " and data.bias "
                            + data.bias());
            DiskData d = new DiskData(dir, trainRows.length, valRows.length, indices.test().length, raw.features(),
                    k, raw.featureNames(), targetNames, s, head[0], head[1], fp.hex(), precision,
                    classes == null ? null : classes.classes());
            AtomicFiles.write(metaFile, JSON.writeValueAsBytes(d));      // its presence marks the split whole
            return d;
        } catch (IOException e) {
            throw new ConfigException("data.cache_dir: cannot write the data cache " + dir + " ("
                    + OutputFolder.reason(e) + ")");
        }
    }

    private DiskData at(Path folder) {
        return new DiskData(folder, nTrain, nVal, nTest, nFeatures, nTargets, featureNames, targetNames,
                standardization, headX, headY, fingerprint, precision, classList);
    }

    /** {@link Standardization#fit} over the training rows in the split's order, streaming. */
    private static Standardization fit(MappedRows rows, int[] train, int f, List<String> names, String source) {
        double[] row = new double[rows.columns()];
        return Standardization.fit(train.length, f, i -> {
            rows.read(train[i], row);
            return row;
        }, names, source);
    }

    /**
     * Writes one split's x and y files; returns its first {@code head} rows as doubles. A classifier's raw target is
     * its label's index of appearance: written as the class's 0/1 column ({@code one}) or one-hot over k classes.
     */
    private static double[][][] write(MappedRows rows, int[] idx, int f, int rawTargets, int k, int[] toClass,
                                      boolean one, Standardization s, boolean single, Path dir, String xName,
                                      String yName, Fingerprint fp, double[] max, int head) throws IOException {
        fp.matrix(idx.length, idx.length == 0 ? 0 : f + k);
        double[] row = new double[f + rawTargets];
        double[] x = new double[f];
        double[] y = new double[k];
        int h = Math.min(head, idx.length);
        double[][] hx = new double[h][];
        double[][] hy = new double[h][];
        try (RowWriter wx = new RowWriter(dir.resolve(xName + ".bin"), f, single);
             RowWriter wy = new RowWriter(dir.resolve(yName + ".bin"), k, single)) {
            for (int r = 0; r < idx.length; r++) {
                rows.read(idx[r], row);
                if (s == null) {
                    System.arraycopy(row, 0, x, 0, f);
                } else {
                    s.apply(row, x);
                }
                if (toClass == null) {
                    System.arraycopy(row, f, y, 0, k);
                } else {
                    int c = toClass[(int) row[f]];
                    java.util.Arrays.fill(y, 0.0);
                    y[one ? 0 : c] = one ? c : 1.0;
                }
                wx.write(x);
                wy.write(y);
                fp.row(x);
                fp.row(y);
                if (max != null) {
                    for (double v : x) {
                        max[0] = DataRange.fold(max[0], v);
                    }
                    for (double v : y) {
                        max[1] = DataRange.fold(max[1], v);
                    }
                }
                if (r < h) {
                    hx[r] = x.clone();
                    hy[r] = y.clone();
                }
            }
        }
        return new double[][][] {hx, hy};
    }

    /**
     * Maps the split files for the trainers.
     *
     * @return the data, on disk.
     * @throws ConfigException if a file cannot be mapped.
     */
    public NdDataset nd() {
        DataType type = NdArrays.dataType(precision);
        try {
            return new NdDataset(map("x_train", nTrain, nFeatures, type), map("y_train", nTrain, nTargets, type),
                    map("x_test", nTest, nFeatures, type), map("y_test", nTest, nTargets, type),
                    nVal > 0 ? map("x_val", nVal, nFeatures, type) : null,
                    nVal > 0 ? map("y_val", nVal, nTargets, type) : null);
        } catch (IOException e) {
            throw new ConfigException("data.cache_dir: cannot map the cached data in " + dir + " ("
                    + OutputFolder.reason(e) + "); delete the folder to rebuild it");
        }
    }

    private MappedRows map(String name, int rows, int cols, DataType type) throws IOException {
        return new MappedRows(dir.resolve(name + ".bin"), rows, cols, type);
    }

    @Override
    public double[][][] testHead(int n) {
        int k = Math.min(n, headX.length);
        return new double[][][] {Arrays.copyOf(headX, k), Arrays.copyOf(headY, k)};
    }

    @Override
    public ClassLabels classes() {
        return classList == null ? null : new ClassLabels(classList);
    }

    @Override
    public Dataset inMemory() {
        return null;
    }
}
