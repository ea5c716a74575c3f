package dev.minibatch.model;

import dev.minibatch.config.ConfigException;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.FileSplit;
import org.datavec.api.writable.Writable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the numeric rows of a CSV file through DataVec's {@link CSVRecordReader}, for prediction. A first line
 * whose cells are all non-numeric is taken as a header. Every problem is a {@link ConfigException} naming the
 * file, the line and the column.
 */
public final class CsvRows {
    private CsvRows() {
    }

    /**
     * Reads the rows.
     *
     * @param file the CSV file.
     * @param columns the number of columns every row must have.
     * @return the rows, as doubles.
     * @throws ConfigException if the file is missing or empty, or a row is malformed.
     */
    public static double[][] read(Path file, int columns) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": no such file");
        }
        List<double[]> rows = new ArrayList<>();
        try (CSVRecordReader reader = new CSVRecordReader(0, ',')) {
            reader.initialize(new FileSplit(file.toFile()));
            int line = 0;
            while (reader.hasNext()) {
                List<Writable> record = reader.next();
                line++;
                if (record.size() == 1 && record.get(0).toString().isBlank()) {
                    continue;
                }
                if (line == 1 && isHeader(record)) {
                    continue;
                }
                if (record.size() != columns) {
                    throw new ConfigException(file + ": line " + line + ": expected " + columns
                            + " column(s) (the model's features), found " + record.size());
                }
                double[] row = new double[columns];
                for (int c = 0; c < columns; c++) {
                    String cell = record.get(c).toString().trim();
                    try {
                        row[c] = Double.parseDouble(cell);
                    } catch (NumberFormatException e) {
                        throw new ConfigException(file + ": line " + line + ", column " + (c + 1) + ": '" + cell
                                + "' is not a number");
                    }
                    if (!Double.isFinite(row[c])) {
                        throw new ConfigException(file + ": line " + line + ", column " + (c + 1) + ": '" + cell
                                + "' is not a finite number");
                    }
                }
                rows.add(row);
            }
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new ConfigException(file + ": cannot read (" + e.getMessage() + ")");
        }
        if (rows.isEmpty()) {
            throw new ConfigException(file + ": no data rows");
        }
        return rows.toArray(new double[0][]);
    }

    private static boolean isHeader(List<Writable> record) {
        for (Writable w : record) {
            try {
                Double.parseDouble(w.toString().trim());
                return false;
            } catch (NumberFormatException e) {
                // a name, not a number
            }
        }
        return true;
    }
}
