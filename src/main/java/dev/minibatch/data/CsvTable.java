package dev.minibatch.data;

import dev.minibatch.config.ConfigException;
import dev.minibatch.config.DataConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A numeric CSV file ({@link NumericCsv}, read through DataVec) split into feature and target columns. Every
 * problem with the file is a {@link ConfigException} naming the file, the line and the column, and what is
 * expected: missing or empty file, header only, ragged rows, non-numeric or non-finite cells (missing values are
 * not supported), unknown target columns.
 *
 * @param file the file read.
 * @param featureNames the feature columns' names (from the header, or {@code column_<i>}).
 * @param targetNames the target columns' names.
 * @param x the features, one row per data line.
 * @param y the targets.
 */
public record CsvTable(Path file, List<String> featureNames, List<String> targetNames, double[][] x,
                       double[][] y) {

    /**
     * Reads the CSV file a data configuration names.
     *
     * @param data the data settings (path, header, delimiter, targets).
     * @return the table.
     * @throws ConfigException for any problem with the file or the target columns.
     */
    public static CsvTable read(DataConfig data) {
        Path file = Path.of(data.path());
        NumericCsv.requireFile(file, " (data.path)");
        NumericCsv csv = NumericCsv.read(file, delimiter(data), data.header() ? NumericCsv.Header.YES
                : NumericCsv.Header.NO, -1, null);
        List<double[]> rows = csv.rows();
        Columns cols = Columns.of(file, data, csv.header(), rows.get(0).length);
        double[][] x = new double[rows.size()][];
        double[][] y = new double[rows.size()][];
        for (int r = 0; r < rows.size(); r++) {
            x[r] = cols.features(rows.get(r));
            y[r] = cols.targets(rows.get(r));
        }
        return new CsvTable(file, cols.featureNames(), cols.targetNames(), x, y);
    }

    /**
     * A CSV file whose target column holds class labels: the features as numbers, the labels as written.
     *
     * @param file the file read.
     * @param featureNames the feature columns' names.
     * @param labelName the label column's name.
     * @param x the features, one row per data line.
     * @param labels each row's label, trimmed.
     * @param lines each row's line number in the file, for messages.
     */
    public record Labelled(Path file, List<String> featureNames, String labelName, double[][] x, List<String> labels,
                           long[] lines) {
    }

    /**
     * Reads a classifier's CSV file: one target column ({@code data.targets}, or the last), read as text.
     *
     * @param data the data settings.
     * @return the features and labels.
     * @throws ConfigException for any problem with the file, for several target columns or an empty label.
     */
    public static Labelled readLabelled(DataConfig data) {
        Path file = Path.of(data.path());
        NumericCsv.requireFile(file, " (data.path)");
        List<double[]> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        Columns[] cols = new Columns[1];
        List<String> header = NumericCsv.scan(file, delimiter(data), data.header() ? NumericCsv.Header.YES
                : NumericCsv.Header.NO, -1, null, new NumericCsv.Sink() {
                    @Override
                    public void header(List<String> names) {
                    }

                    @Override
                    public int textColumn(List<String> names, int width) {
                        cols[0] = labelColumns(file, data, names, width);
                        for (int c = 0; c < width; c++) {
                            if (cols[0].isTarget()[c]) {
                                return c;
                            }
                        }
                        throw new IllegalStateException("no target column");
                    }

                    @Override
                    public void text(long line, String cell) {
                        requireLabel(file, line, cols[0].targetNames().get(0), cell);
                        labels.add(cell);
                        lines.add(line);
                    }

                    @Override
                    public void row(double[] row) {
                        rows.add(cols[0].features(row));
                    }
                });
        long[] at = lines.stream().mapToLong(Long::longValue).toArray();
        return new Labelled(file, cols[0].featureNames(), cols[0].targetNames().get(0),
                rows.toArray(new double[0][]), List.copyOf(labels), at);
    }

    /**
     * A classifier's columns: {@link Columns#of}, with exactly one target column, its labels.
     *
     * @param file the file, for messages.
     * @param data the data settings.
     * @param names the header, or {@code null}.
     * @param width the number of columns.
     * @return the columns.
     * @throws ConfigException for several target columns.
     */
    public static Columns labelColumns(Path file, DataConfig data, List<String> names, int width) {
        Columns c = Columns.of(file, data, names, width);
        if (c.targetNames().size() != 1) {
            throw new ConfigException(file + ": data.targets: a classifier reads one label column, got "
                    + c.targetNames().size() + " (" + String.join(", ", c.targetNames()) + ")");
        }
        return c;
    }

    /**
     * Refuses a missing label: empty, or a non-finite number.
     *
     * @param file the file.
     * @param line the line.
     * @param column the label column's name.
     * @param cell the label, trimmed.
     */
    public static void requireLabel(Path file, long line, String column, String cell) {
        if (cell.isEmpty() || ClassLabels.isMissing(cell)) {
            throw new ConfigException(file + ": line " + line + ", column '" + column + "': the class label is "
                    + (cell.isEmpty() ? "empty" : "'" + cell + "', a missing value") + " (missing values are not"
                    + " supported)");
        }
    }

    /** The delimiter a data configuration names. */
    public static char delimiter(DataConfig data) {
        return data.delimiter().equals("\\t") ? '\t' : data.delimiter().charAt(0);
    }

    /**
     * Which columns of a CSV file are features and which are targets.
     *
     * @param featureNames the feature columns' names, in file order.
     * @param targetNames the target columns' names.
     * @param isTarget per column, whether it is a target.
     */
    public record Columns(List<String> featureNames, List<String> targetNames, boolean[] isTarget) {
        /**
         * Resolves {@code data.targets} against a file's columns.
         *
         * @param file the file, for messages.
         * @param data the data settings.
         * @param header the header, or {@code null} (then the names are {@code column_<i>}).
         * @param width the number of columns.
         * @return the columns.
         * @throws ConfigException for an unknown target or when no feature column remains.
         */
        public static Columns of(Path file, DataConfig data, List<String> header, int width) {
            if (header != null) {
                for (int c = 0; c < header.size(); c++) {
                    if (header.get(c).isBlank()) {
                        throw new ConfigException(file + ": the header leaves column " + (c + 1) + " without a"
                                + " name; name every column (or data.header: false for a file without one)");
                    }
                    int first = header.indexOf(header.get(c));
                    if (first != c) {
                        throw new ConfigException(file + ": the header names column '"
                                + dev.minibatch.config.Setting.clip(header.get(c)) + "' twice (columns " + (first + 1)
                                + " and " + (c + 1) + "); give each column its own name");
                    }
                }
            }
            List<String> names = header;
            if (names == null) {
                names = new ArrayList<>();
                for (int c = 0; c < width; c++) {
                    names.add("column_" + c);
                }
            }
            boolean[] isTarget = CsvTable.targets(file, data, names);
            List<String> featureNames = new ArrayList<>();
            List<String> targetNames = new ArrayList<>();
            for (int c = 0; c < width; c++) {
                (isTarget[c] ? targetNames : featureNames).add(names.get(c));
            }
            if (featureNames.isEmpty()) {
                throw new ConfigException(file + ": data.targets: every column is a target; at least one feature"
                        + " column must remain");
            }
            return new Columns(List.copyOf(featureNames), List.copyOf(targetNames), isTarget);
        }

        /**
         * Picks a row's feature values.
         *
         * @param row all its cells.
         * @return the features, in file order.
         */
        public double[] features(double[] row) {
            return pick(row, false, featureNames.size());
        }

        /**
         * Picks a row's target values.
         *
         * @param row all its cells.
         * @return the targets, in file order.
         */
        public double[] targets(double[] row) {
            return pick(row, true, targetNames.size());
        }

        private double[] pick(double[] row, boolean target, int n) {
            double[] out = new double[n];
            int i = 0;
            for (int c = 0; c < row.length; c++) {
                if (isTarget[c] == target) {
                    out[i++] = row[c];
                }
            }
            return out;
        }
    }

    private static boolean[] targets(Path file, DataConfig data, List<String> names) {
        boolean[] isTarget = new boolean[names.size()];
        if (data.targets().isEmpty()) {
            isTarget[names.size() - 1] = true;
            return isTarget;
        }
        for (String t : data.targets()) {
            int idx = names.indexOf(t);
            if (idx < 0 && t.matches("\\d+")) {
                idx = Integer.parseInt(t);
                if (idx >= names.size()) {
                    throw new ConfigException(file + ": data.targets: column index " + t + " is out of range (the"
                            + " file has " + names.size() + " columns, 0 to " + (names.size() - 1) + ")");
                }
            }
            if (idx < 0) {
                throw new ConfigException(file + ": data.targets: no column '" + t + "' (columns: "
                        + String.join(", ", names) + ")");
            }
            isTarget[idx] = true;
        }
        return isTarget;
    }
}
