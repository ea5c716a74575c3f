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

    private static double[][] columns(Path file, List<String> features, String what) {
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
        List<String> header = csv.header();
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
        double[][] out = new double[rows.size()][features.size()];
        for (int i = 0; i < out.length; i++) {
            for (int f = 0; f < column.length; f++) {
                out[i][f] = rows.get(i)[column[f]];
            }
        }
        return out;
    }
}
