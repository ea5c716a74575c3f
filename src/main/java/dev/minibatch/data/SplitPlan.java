package dev.minibatch.data;

import dev.minibatch.config.ConfigException;
import dev.minibatch.config.SplitConfig;

/**
 * How a run's rows split, from the counts alone and before any row is drawn: scikit-learn's test count
 * ⌈test_size · n⌉, the training rows, and the validation rows carved from the end of the training split (Keras'
 * {@code validation_split}: training keeps ⌊train · (1 − validation_size)⌋). Every data path asks it — the
 * generators, the CSV readers, the disk cache — so each check has one place and one message.
 *
 * @param rows all rows.
 * @param test the test rows.
 * @param train the rows trained on (the training split less its validation rows).
 * @param validation the validation rows.
 * @param source names the rows in messages: the generator ({@code make_regression}) or the data file.
 */
public record SplitPlan(int rows, int test, int train, int validation, String source) {

    /**
     * Plans the split of {@code n} rows.
     *
     * @param n the rows.
     * @param split the split's settings.
     * @param where what the first message starts with: the data file, or {@code data.n_samples} for a generator.
     * @param source names the rows in the other messages.
     * @return the plan.
     * @throws ConfigException if the test or the training side would be empty, or the validation carve-out would
     *     leave no training or no validation row.
     */
    public static SplitPlan of(int n, SplitConfig split, String where, String source) {
        int test = TrainTestSplit.testCount(n, split.testSize());
        if (test < 1 || n - test < 1) {
            throw new ConfigException(where + ": " + n + (n == 1 ? " row is" : " rows are") + " too few to split"
                    + " with split.test_size " + split.testSize() + " (both sides need at least one row)");
        }
        return carved(n, test, split.validationSize(), source);
    }

    /** The plan of a training side of n − test rows with its validation carve-out, refused where a side is empty. */
    private static SplitPlan carved(int n, int test, double validationSize, String source) {
        int all = n - test;
        int keep = keep(all, validationSize);
        if (validationSize > 0 && (keep < 1 || all - keep < 1)) {
            throw new ConfigException("split.validation_size: " + validationSize + " leaves " + keep
                    + " training and " + (all - keep) + " validation rows of " + source + " (both need at least one)");
        }
        return new SplitPlan(n, test, keep, all - keep, source);
    }

    /**
     * Plans a split the data's files give (the image sources' training and test files): the validation carve-out is
     * taken from the training rows as {@link #of} takes it.
     *
     * @param train the training rows.
     * @param test the test rows.
     * @param config the run's configuration (its validation fraction).
     * @param source names the rows in the messages.
     * @return the plan.
     * @throws ConfigException if the carve-out would leave no training or no validation row.
     */
    public static SplitPlan ofFiles(int train, int test, dev.minibatch.config.RunConfig config, String source) {
        return carved(train + test, test, config.split().validationSize(), source);
    }

    /**
     * Checks a generated dataset's split and batch from the configuration alone, before anything is generated,
     * written or started (the command line calls it right after loading the config); a CSV's rows are counted when
     * it is read, and checked then.
     *
     * @param config the run's configuration.
     * @throws ConfigException if a side would be empty or the batch is larger than the rows trained on.
     */
    public static void check(dev.minibatch.config.RunConfig config) {
        if (!config.data().isRead()) {
            check(config.data().nSamples(), config, "data.n_samples", config.data().source());
        }
    }

    /**
     * Plans the split of {@code n} rows counted in the data and checks the batch against it: the one check every
     * data path makes (a CSV when it is read, the disk cache when it is opened, a generator before it draws).
     *
     * @param n the rows.
     * @param config the run's configuration (its split and batch size).
     * @param where what the first message starts with: the data file, or {@code data.n_samples} for a generator.
     * @param source names the rows in the other messages.
     * @return the plan.
     * @throws ConfigException if a side would be empty or the batch is larger than the rows trained on.
     */
    public static SplitPlan check(int n, dev.minibatch.config.RunConfig config, String where, String source) {
        SplitPlan plan = of(n, config.split(), where, source);
        plan.requireBatch(config.training().batchSize());
        return plan;
    }

    /**
     * The training rows a validation carve-out keeps.
     *
     * @param trainRows the training split's rows.
     * @param validationSize the fraction carved off its end; 0 for none.
     * @return the rows trained on.
     */
    public static int keep(int trainRows, double validationSize) {
        return validationSize > 0 ? (int) (trainRows * (1 - validationSize)) : trainRows;
    }

    /**
     * Checks that a batch fits the rows trained on.
     *
     * @param batchSize the batch size.
     * @throws ConfigException if it is larger.
     */
    public void requireBatch(int batchSize) {
        if (batchSize > train) {
            throw new ConfigException("training.batch_size: must be at most the " + train + " training rows of "
                    + source + (validation > 0 ? " left after the validation split" : "") + ", got " + batchSize);
        }
    }
}
