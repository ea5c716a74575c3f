package dev.minibatch.model;

import dev.minibatch.config.ConfigException;
import dev.minibatch.config.ConfigLoader;
import dev.minibatch.config.RunConfig;
import dev.minibatch.config.Settings;
import dev.minibatch.data.Dataset;
import dev.minibatch.data.Datasets;
import dev.minibatch.results.ResultsFile;
import dev.minibatch.results.RunResults;

import java.nio.file.Path;
import java.util.Locale;

/**
 * One of a saved run's own splits — the rows it trained on, validated on or held out — made again from the run's
 * configuration exactly as training made them (the same generator or CSV, the same split), with the features
 * unstandardised, as a CSV given to {@code evaluate} would hold them: the saved model applies the run's
 * standardisation itself. The split's size is checked against the run's, so a CSV that gained or lost rows is
 * refused; one edited in place with as many rows is not detected (results.json holds no data fingerprint).
 *
 * @param name how the rows are named in the output, e.g. "its test split".
 * @param x the features, raw.
 * @param y the targets as the run trained on them (a classifier's: one-hot, or one 0/1 column for two classes).
 */
public record RunSplit(String name, double[][] x, double[][] y) {

    /**
     * Makes a run's split again.
     *
     * @param folder the run folder.
     * @param results its results.json.
     * @param which train, validation or test.
     * @return the rows.
     * @throws ConfigException (exit 2) for another split name, a run without a validation split, or data that no
     *     longer gives the run's split.
     */
    public static RunSplit of(Path folder, RunResults results, String which) {
        String split = which.strip().toLowerCase(Locale.ROOT);
        if (!split.equals("train") && !split.equals("validation") && !split.equals("test")) {
            throw new ConfigException("--split: must be one of train|validation|test, got '"
                    + dev.minibatch.config.Setting.clip(which) + "'");
        }
        String where = folder.resolve(ResultsFile.FILE).toString();
        RunConfig cfg = ConfigLoader.fromTree(results.config(), where).with(Settings.STANDARDIZE, false);
        Dataset d = Datasets.load(cfg);
        RunResults.Data data = results.data();
        int nVal = data.nVal() == null ? 0 : data.nVal();
        if (d.nTrain() != data.nTrain() || d.nTest() != data.nTest() || d.nVal() != nVal) {
            throw new ConfigException(where + ": its data now gives " + d.nTrain() + " / " + d.nVal() + " / "
                    + d.nTest() + " train / validation / test rows, the run had " + data.nTrain() + " / " + nVal
                    + " / " + data.nTest() + " (" + (cfg.data().isCsv() ? "its CSV " + cfg.data().path()
                    + " changed since" : "the generator differs") + "); evaluate --input CSV instead");
        }
        return switch (split) {
            case "train" -> new RunSplit("its training split", d.xTrain(), d.yTrain());
            case "test" -> new RunSplit("its test split", d.xTest(), d.yTest());
            default -> {
                if (nVal == 0) {
                    throw new ConfigException("--split validation: " + folder + " has no validation split"
                            + " (split.validation_size was 0); use --split test or train");
                }
                yield new RunSplit("its validation split", d.xVal(), d.yVal());
            }
        };
    }

    /**
     * A classifier's true classes: the index of each row's one-hot 1, or its 0/1 for one sigmoid output.
     *
     * @return the class indices.
     */
    public int[] classes() {
        int[] truth = new int[y.length];
        for (int r = 0; r < y.length; r++) {
            if (y[r].length == 1) {
                truth[r] = (int) y[r][0];
                continue;
            }
            int best = 0;
            for (int c = 1; c < y[r].length; c++) {
                if (y[r][c] > y[r][best]) {
                    best = c;
                }
            }
            truth[r] = best;
        }
        return truth;
    }
}
