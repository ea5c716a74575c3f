package dev.minibatch.model;

import dev.minibatch.config.ConfigException;
import dev.minibatch.data.NumericCsv;

import java.nio.file.Path;

/**
 * Reads the rows to predict: a CSV of feature columns, comma-separated, whose first line is taken as a header when
 * none of its cells is a number. Problems are {@link ConfigException}s naming the file, line and column.
 */
public final class CsvRows {
    private CsvRows() {
    }

    /**
     * Reads the rows.
     *
     * @param file the CSV file.
     * @param columns the number of columns every row must have (the model's features).
     * @return the rows, as doubles.
     * @throws ConfigException if the file is missing or empty, or a row is malformed.
     */
    public static double[][] read(Path file, int columns) {
        return NumericCsv.read(file, ',', NumericCsv.Header.AUTO, columns, "the model's features").rows()
                .toArray(new double[0][]);
    }
}
