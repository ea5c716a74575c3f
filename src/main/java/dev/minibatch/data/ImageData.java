package dev.minibatch.data;

import dev.minibatch.config.ConfigException;
import dev.minibatch.config.DataConfig;
import dev.minibatch.config.LayerShape;
import dev.minibatch.config.RunConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The image sources: MNIST and Fashion-MNIST from their four standard IDX files in one folder ({@code data.path};
 * for Fashion-MNIST by default where Debian's {@code dataset-fashion-mnist} package puts them), gzipped or not. The
 * files' own split is the run's: the training files are the training split (its last rows the validation split
 * when {@code split.validation_size} asks for one, as Keras' {@code validation_split} takes the last samples), the
 * t10k files the test split; {@code data.train_limit} and {@code data.test_limit} read the first N of each. Pixels
 * are scaled to [0, 1] by ÷255 in double, as d2l's and Keras' examples do (rounded to float, the quotient is the
 * float division's own: a double holds more than twice a float's bits, so the double rounding is innocuous); an
 * image is a row of height · width features, row-major, as DL4J's flattening reads a 1-channel image. Labels are
 * classes, with Fashion-MNIST's names.
 */
public final class ImageData {
    /** Fashion-MNIST's ten classes, in label order (its README's names). */
    public static final List<String> FASHION_MNIST_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** The four files, by the names both datasets ship them under (each may end in {@code .gz}). */
    public static final List<String> FILES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");
    private static final int CLASSES = 10;

    private ImageData() {
    }

    /**
     * The four files of a configured image source, each found with or without {@code .gz}.
     *
     * @param data the data settings.
     * @return the training images and labels, then the test images and labels.
     * @throws ConfigException naming the folder and the four files it needs, if one is missing.
     */
    public static List<Path> files(DataConfig data) {
        Path dir = Path.of(data.path());
        List<Path> out = new ArrayList<>();
        for (String stem : FILES) {
            Path found = Files.isDirectory(dir) ? firstOf(dir, stem) : null;
            if (found != null) {
                out.add(found);
            } else {
                throw new ConfigException("data.path: " + dir + (Files.isDirectory(dir) ? " has no " + stem
                        + "[.gz]" : " is not a folder") + "; " + data.source() + " reads its four IDX files from"
                        + " there: " + String.join(", ", FILES) + " (each gzipped or not)"
                        + (DataConfig.FASHION_MNIST.equals(data.source()) ? "; scripts/install-data fashion-mnist"
                        + " installs Debian's dataset-fashion-mnist into " + DataConfig.FASHION_MNIST_PATH : ""));
            }
        }
        return out;
    }

    /**
     * The class names of a source.
     *
     * @param source {@code fashion_mnist} or {@code mnist}.
     * @return Fashion-MNIST's names, or the digits 0 … 9.
     */
    public static ClassLabels classes(String source) {
        return DataConfig.FASHION_MNIST.equals(source) ? new ClassLabels(FASHION_MNIST_CLASSES)
                : ClassLabels.numbered(CLASSES);
    }

    /**
     * Reads the configured images into a dataset.
     *
     * @param config the run's configuration.
     * @return the split data, labels one-hot for the softmax.
     * @throws ConfigException for a missing, damaged or mismatched file, a label out of range, or a split or
     *     batch the images cannot fill.
     */
    static Dataset load(RunConfig config) {
        DataConfig data = config.data();
        List<Path> f = files(data);
        sameCount(f.get(0), f.get(1));
        sameCount(f.get(2), f.get(3));
        IdxFile.Images trainX = IdxFile.images(f.get(0), data.images().trainLimit());
        int[] trainY = IdxFile.labels(f.get(1), data.images().trainLimit());
        IdxFile.Images testX = IdxFile.images(f.get(2), data.images().testLimit());
        int[] testY = IdxFile.labels(f.get(3), data.images().testLimit());
        if (trainX.count() == 0 || testX.count() == 0) {
            throw new ConfigException((trainX.count() == 0 ? f.get(0) : f.get(2)) + ": holds no images");
        }
        if (testX.height() != trainX.height() || testX.width() != trainX.width()) {
            throw new ConfigException(f.get(2) + ": its images are " + testX.height() + "×" + testX.width()
                    + ", the training images " + trainX.height() + "×" + trainX.width());
        }
        int nTrain = trainX.count();
        int n = nTrain + testX.count();
        double[][] x = new double[n][];
        int[] y = new int[n];
        requireClasses(trainY, f.get(1), data.source(), CLASSES);
        requireClasses(testY, f.get(3), data.source(), CLASSES);
        for (int i = 0; i < n; i++) {
            boolean train = i < nTrain;
            int image = train ? i : i - nTrain;
            x[i] = scaled(train ? trainX : testX, image);
            y[i] = train ? trainY[i] : testY[image];
        }
        String where = f.get(0).getParent().toString();
        SplitPlan.ofFiles(nTrain, n - nTrain, config, where).requireBatch(config.training().batchSize());
        int[] train = java.util.stream.IntStream.range(0, nTrain).toArray();
        int[] test = java.util.stream.IntStream.range(nTrain, n).toArray();
        ClassLabels classes = classes(data.source());
        List<String> names = new ArrayList<>();
        for (int r = 0; r < trainX.height(); r++) {
            for (int c = 0; c < trainX.width(); c++) {
                names.add("px" + r + "_" + c);
            }
        }
        return Dataset.of(x, classes.encode(y, false), new SplitIndices(train, test), names,
                classes.targetNames("class", false), config.preprocess().standardize(), where,
                config.split().validationSize()).withClasses(classes).withShape(new LayerShape(1, trainX.height(),
                trainX.width(), false));
    }

    /** One image's pixels scaled to [0, 1], ÷255 in double: the one place both training and predict scale them. */
    private static double[] scaled(IdxFile.Images images, int image) {
        double[] row = new double[images.height() * images.width()];
        for (int p = 0; p < row.length; p++) {
            row[p] = images.pixel(image, p) / 255.0;
        }
        return row;
    }

    /** Every label must be one of the k classes, 0 … k − 1. */
    private static void requireClasses(int[] labels, Path file, String what, int k) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= k) {
                throw new ConfigException(file + ": label " + labels[i] + " of image " + (i + 1) + "; " + what
                        + " has " + k + " classes, 0 … " + (k - 1));
            }
        }
    }

    /** The images and the labels files must say the same count in their headers, whatever the limit reads. */
    private static void sameCount(Path imagesFile, Path labelsFile) {
        int images = IdxFile.count(imagesFile, true);
        int labels = IdxFile.count(labelsFile, false);
        if (images != labels) {
            throw new ConfigException(labelsFile + ": " + labels + " labels for the " + images + " images of "
                    + imagesFile.getFileName() + "; the two files must hold one label per image");
        }
    }

    /**
     * Images given to {@code predict} or {@code evaluate}: pixels as the run trained on them (÷255), and labels when
     * there are any.
     *
     * @param x one row of height · width pixels per image.
     * @param labels each image's class, or {@code null} where none were asked for.
     * @param imagesFile the file the images came from.
     */
    public record Input(double[][] x, int[] labels, Path imagesFile) {
    }

    /**
     * Reads images for a saved run: a folder of the four standard files (its t10k test files), or an IDX image file
     * with its labels beside it where they are ({@code …-images-idx3-ubyte…} → {@code …-labels-idx1-ubyte…}).
     *
     * @param input the folder or the file.
     * @param height the run's image height.
     * @param width the run's image width.
     * @param classes the run's classes (labels must be one of them).
     * @param needLabels whether to read labels, which must then be there (evaluate; predict reads none).
     * @return the images.
     * @throws ConfigException naming the file if it is not an IDX image file, its images are of another size, or a
     *     label is missing or out of range.
     */
    public static Input read(Path input, int height, int width, int classes, boolean needLabels) {
        Path images = input;
        if (Files.isDirectory(input)) {
            images = firstOf(input, FILES.get(2));
            if (images == null) {
                throw new ConfigException(input + ": has no " + FILES.get(2) + "[.gz] (a folder given as --input is"
                        + " read for its test files, " + FILES.get(2) + " and " + FILES.get(3) + ")");
            }
        }
        if (IdxFile.count(images, true) == 0) {      // an IDX image file at all, before its labels are looked for
            throw new ConfigException(images + ": holds no images");
        }
        IdxFile.Images img = IdxFile.images(images, 0);
        if (img.height() != height || img.width() != width) {
            throw new ConfigException(images + ": its images are " + img.height() + "×" + img.width() + "; the run"
                    + " was trained on " + height + "×" + width);
        }
        int[] labels = null;
        if (needLabels) {
            Path labelsFile = labelsBeside(images);
            sameCount(images, labelsFile);
            labels = IdxFile.labels(labelsFile, 0);
            requireClasses(labels, labelsFile, "the run", classes);
        }
        double[][] x = new double[img.count()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = scaled(img, i);
        }
        return new Input(x, labels, images);
    }

    /** The labels file beside an images file: its name with images-idx3 for labels-idx1, gzipped or not. */
    private static Path labelsBeside(Path images) {
        String name = images.getFileName().toString();
        if (!name.contains("images-idx3")) {
            throw new ConfigException(images + ": its labels are found by its name, …-images-idx3-ubyte… beside"
                    + " …-labels-idx1-ubyte…; evaluate needs one label per image");
        }
        String stem = name.replace("images-idx3", "labels-idx1").replaceAll("\\.gz$", "");
        Path found = firstOf(images.toAbsolutePath().getParent(), stem);
        if (found == null) {
            throw new ConfigException(images + ": no labels beside it (expected " + stem + "[.gz]); evaluate needs"
                    + " one label per image");
        }
        return found;
    }

    private static Path firstOf(Path dir, String stem) {
        for (Path p : List.of(dir.resolve(stem + ".gz"), dir.resolve(stem))) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }
}
