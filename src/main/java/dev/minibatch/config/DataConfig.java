package dev.minibatch.config;

import java.util.List;

/**
 * Where the data comes from: scikit-learn's {@code make_regression} or {@code make_friedman1} arguments, or a CSV
 * file.
 *
 * @param source {@code make_regression}, {@code make_friedman1} or {@code csv}.
 * @param nSamples the number of rows generated.
 * @param nFeatures the number of features.
 * @param nInformative the number of informative features (capped at nFeatures, as scikit-learn does).
 * @param nTargets the number of targets.
 * @param noise the standard deviation of the Gaussian noise.
 * @param bias the intercept.
 * @param randomState the integer seed of the generator.
 * @param path the CSV file, resolved against the config file's folder; empty for make_regression.
 * @param header whether the CSV's first line names the columns.
 * @param delimiter the CSV's cell delimiter, one character.
 * @param targets the CSV's target columns, by name or 0-based index; empty means the last column.
 * @param cache whether the data goes through the disk cache (for data larger than the heap).
 * @param cacheDir the disk cache's folder; empty for the default (beside the run folders).
 * @param factor make_circles' inner radius.
 * @param centers make_blobs' number of clusters.
 * @param clusterStd make_blobs' cluster standard deviation.
 * @param classes a classifier's CSV: {@code [auto]}, the classes in order, or empty when not given.
 * @param classification make_classification's own arguments.
 * @param images the image sources' own arguments.
 */
public record DataConfig(String source, int nSamples, int nFeatures, int nInformative, int nTargets, double noise,
                         double bias, long randomState, String path, boolean header, String delimiter,
                         List<String> targets, Cache cache, String cacheDir, double factor, int centers,
                         double clusterStd, List<String> classes, Classification classification,
                         Images images) {

    /**
     * The image sources' arguments ({@code fashion_mnist}, {@code mnist}).
     *
     * @param trainLimit the first this many training images are read; 0 for all.
     * @param testLimit the first this many test images are read; 0 for all.
     */
    public record Images(int trainLimit, int testLimit) {
    }

    /**
     * make_classification's arguments beyond the shared ones (n_informative is {@code nInformative}).
     *
     * @param nRedundant n_redundant.
     * @param nRepeated n_repeated.
     * @param nClasses n_classes.
     * @param clustersPerClass n_clusters_per_class.
     * @param flipY flip_y.
     * @param classSep class_sep.
     */
    public record Classification(int nRedundant, int nRepeated, int nClasses, int clustersPerClass, double flipY,
                                 double classSep) {
    }

    /** The most classes a classifier takes (a softmax output of this many units). */
    public static final int MAX_CLASSES = 1000;

    /** The sources that give class labels: scikit-learn's classification generators. */
    public static final List<String> CLASSIFICATION = List.of("make_classification", "make_moons", "make_circles",
            "make_blobs");

    /** The value of {@code source} for Fashion-MNIST's four IDX files. */
    public static final String FASHION_MNIST = "fashion_mnist";
    /** The value of {@code source} for MNIST's four IDX files. */
    public static final String MNIST = "mnist";
    /** The sources that read images from IDX files, with their own train/test split. */
    public static final List<String> IMAGE_SOURCES = List.of(FASHION_MNIST, MNIST);
    /** Where Debian's {@code dataset-fashion-mnist} package puts Fashion-MNIST: the default data.path for it. */
    public static final String FASHION_MNIST_PATH = "/usr/share/datasets/fashion-mnist";

    /** The value of {@code source} for CSV files. */
    public static final String CSV = "csv";
    /** The value of {@code source} for scikit-learn's make_friedman1. */
    public static final String FRIEDMAN1 = "make_friedman1";

    /** When the data goes through the disk cache instead of the heap. */
    public enum Cache {
        /** When it would take more than an eighth of the heap in memory. */
        AUTO,
        /** Always (every run's data is then read from memory-mapped files). */
        ALWAYS,
        /** Never: the data is held in memory. */
        NEVER
    }

    /** @return whether the data is read from a CSV file. */
    public boolean isCsv() {
        return CSV.equals(source);
    }

    /** @return whether the data is images read from IDX files (Fashion-MNIST, MNIST). */
    public boolean isImages() {
        return IMAGE_SOURCES.contains(source);
    }

    /** @return whether the data is read from files that decide its rows and columns (a CSV or images). */
    public boolean isRead() {
        return isCsv() || isImages();
    }

    /** @return whether the data is one of scikit-learn's classification generators. */
    public boolean isClassificationGenerator() {
        return CLASSIFICATION.contains(source);
    }

    /** @return the number of classes a classification generator draws (0 for the others). */
    public int generatedClasses() {
        return "make_blobs".equals(source) ? centers : "make_classification".equals(source) ? classification.nClasses()
                : isClassificationGenerator() ? 2 : 0;
    }

    /** @return whether the data is scikit-learn's make_friedman1. */
    public boolean isFriedman1() {
        return FRIEDMAN1.equals(source);
    }
}
