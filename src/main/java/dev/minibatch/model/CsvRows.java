package dev.minibatch.model;

import dev.minibatch.config.ConfigException;
import dev.minibatch.data.NumericCsv;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the rows to predict: a CSV of feature columns, comma-separated, whose first line is taken as a header when
 * none of its cells is a number. With a header, columns are matched to the model's features by name, in any
 * order; a feature the file lacks, or a named column the model does not have, is refused. Without a header the
 * columns are the model's features in order. Problems are {@link ConfigException}s naming the file, line and
 * column.
 */
public final class CsvRows {
    private CsvRows() {
    }

    /**
     * Reads the rows, in the model's feature order.
     *
     * @param file the CSV file.
     * @param features the model's feature names, in the order the model takes them.
     * @return the rows, as doubles.
     * @throws ConfigException if the file is missing or empty, a row is malformed, or the named columns are not
     *     exactly the model's features.
     */
    public static double[][] read(Path file, List<String> features) {
        return columns(file, features, "the model's features");
    }

    /**
     * Reads labelled rows: the model's features and its targets, by name with a header (any order), or the
     * features then the targets without one.
     *
     * @param file the CSV file.
     * @param features the model's feature names.
     * @param targets the model's target names.
     * @return {x, y}: the features in the model's order and the targets.
     * @throws ConfigException if the file is unusable or its columns are not exactly features and targets.
     */
    public static double[][][] readLabelled(Path file, List<String> features, List<String> targets) {
        List<String> all = new ArrayList<>(features);
        all.addAll(targets);
        double[][] rows = columns(file, all, "the model's features and targets");
        double[][] x = new double[rows.length][];
        double[][] y = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            x[i] = java.util.Arrays.copyOfRange(rows[i], 0, features.size());
            y[i] = java.util.Arrays.copyOfRange(rows[i], features.size(), all.size());
        }
        return new double[][][] {x, y};
    }

    /**
     * Rows with a class label: the model's features (as {@link #read} matches them) and the label column, read as
     * text.
     *
     * @param file the CSV file.
     * @param features the model's feature names.
     * @param label the label column's name.
     * @return the features, the labels and each row's line.
     * @throws ConfigException as {@link #read}, or for an empty label.
     */
    public static dev.minibatch.data.CsvTable.Labelled readClassified(Path file, List<String> features,
                                                                      String label) {
        requireText(file);
        List<String> all = new ArrayList<>(features);
        all.add(label);
        List<double[]> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        int[][] column = new int[1][];
        NumericCsv.scan(file, ',', NumericCsv.Header.AUTO, -1, null, new NumericCsv.Sink() {
            @Override
            public void header(List<String> names) {
            }

            @Override
            public int textColumn(List<String> header, int width) {
                column[0] = header == null ? null : match(file, header, all, "the model's features and its label");
                if (header == null && width != all.size()) {
                    throw new ConfigException(file + ": line 1: expected " + all.size() + " cells (the model's"
                            + " features and its label: " + String.join(", ", all) + "), found " + width
                            + "; or give a header line naming the columns");
                }
                return header == null ? width - 1 : column[0][features.size()];
            }

            @Override
            public void text(long line, String cell) {
                if (cell.isEmpty()) {
                    throw new ConfigException(file + ": line " + line + ", column '" + label + "': the class label is"
                            + " empty");
                }
                labels.add(cell);
                lines.add(line);
            }

            @Override
            public void row(double[] row) {
                double[] x = new double[features.size()];
                for (int f = 0; f < x.length; f++) {
                    x[f] = row[column[0] == null ? f : column[0][f]];
                }
                rows.add(x);
            }
        });
        return new dev.minibatch.data.CsvTable.Labelled(file, features, label, rows.toArray(new double[0][]),
                List.copyOf(labels), lines.stream().mapToLong(Long::longValue).toArray());
    }

    /** Each wanted column's place in the header; refuses a missing, extra or repeated column. */
    private static int[] match(Path file, List<String> header, List<String> features, String what) {
        List<String> extra = new ArrayList<>();
        for (String name : header) {
            if (!features.contains(name)) {
                extra.add(name);
            }
        }
        int[] column = new int[features.size()];
        for (int f = 0; f < features.size(); f++) {
            column[f] = header.indexOf(features.get(f));
            if (column[f] < 0) {
                throw new ConfigException(file + ": no column '" + features.get(f) + "' (" + what + ": "
                        + String.join(", ", features) + "; the file has: " + String.join(", ", header) + ")");
            }
        }
        if (!extra.isEmpty()) {
            throw new ConfigException(file + ": column(s) " + String.join(", ", extra.stream().map(e -> "'" + e
                    + "'").toList()) + " are not " + what + " (" + String.join(", ", features) + "); remove them");
        }
        if (header.size() != new java.util.HashSet<>(header).size()) {
            throw new ConfigException(file + ": the header names a column twice (" + String.join(", ", header)
                    + ")");
        }
        return column;
    }

    /** A CSV command given an IDX or gzip file: said as such, not as cells of binary. */
    private static void requireText(Path file) {
        if (dev.minibatch.data.IdxFile.looksBinary(file)) {
            throw new ConfigException(file + ": a gzip or IDX file, not a CSV; this run was trained on CSV rows (an"
                    + " image run takes IDX files)");
        }
    }

    private static double[][] columns(Path file, List<String> features, String what) {
        requireText(file);
        NumericCsv csv = NumericCsv.read(file, ',', NumericCsv.Header.AUTO, -1, null);
        List<double[]> rows = csv.rows();
        if (csv.header() == null) {
            if (rows.get(0).length != features.size()) {
                throw new ConfigException(file + ": line 1: expected " + features.size() + " cells (" + what + ": "
                        + String.join(", ", features) + "), found " + rows.get(0).length
                        + "; or give a header line naming the columns");
            }
            return rows.toArray(new double[0][]);
        }
        int[] column = match(file, csv.header(), features, what);
        double[][] out = new double[rows.size()][features.size()];
        for (int i = 0; i < out.length; i++) {
            for (int f = 0; f < column.length; f++) {
                out[i][f] = rows.get(i)[column[f]];
            }
        }
        return out;
    }
}
