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
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": no such file (data.path)");
        }
        char delimiter = data.delimiter().equals("\\t") ? '\t' : data.delimiter().charAt(0);
        NumericCsv csv = NumericCsv.read(file, delimiter, data.header() ? NumericCsv.Header.YES
                : NumericCsv.Header.NO, -1, null);
        List<double[]> rows = csv.rows();
        List<String> header = csv.header();
        int width = rows.get(0).length;
        List<String> names = header;
        if (names == null) {
            names = new ArrayList<>();
            for (int c = 0; c < width; c++) {
                names.add("column_" + c);
            }
        }
        boolean[] isTarget = targets(file, data, names);
        List<String> featureNames = new ArrayList<>();
        List<String> targetNames = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            (isTarget[c] ? targetNames : featureNames).add(names.get(c));
        }
        if (featureNames.isEmpty()) {
            throw new ConfigException(file + ": data.targets: every column is a target; at least one feature"
                    + " column must remain");
        }
        double[][] x = new double[rows.size()][featureNames.size()];
        double[][] y = new double[rows.size()][targetNames.size()];
        for (int r = 0; r < rows.size(); r++) {
            int fi = 0;
            int ti = 0;
            for (int c = 0; c < width; c++) {
                if (isTarget[c]) {
                    y[r][ti++] = rows.get(r)[c];
                } else {
                    x[r][fi++] = rows.get(r)[c];
                }
            }
        }
        return new CsvTable(file, List.copyOf(featureNames), List.copyOf(targetNames), x, y);
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
