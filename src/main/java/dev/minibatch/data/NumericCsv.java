package dev.minibatch.data;

import dev.minibatch.config.ConfigException;
import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaDataLine;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.FileSplit;
import org.datavec.api.writable.Writable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The numeric content of a CSV file, read through DataVec's {@link CSVRecordReader}: an optional header and rows of
 * finite numbers, all of one width. Every problem is a {@link ConfigException} naming the file, the line and the
 * column, and what is expected. Training data ({@link CsvTable}) and rows to predict both go through here.
 *
 * @param header the column names, or {@code null} when the file has none.
 * @param rows the data rows.
 */
public record NumericCsv(List<String> header, List<double[]> rows) {

    /** Whether the first line is a header. */
    public enum Header {
        /** It is. */
        YES,
        /** It is not. */
        NO,
        /** It is when none of its cells is a number. */
        AUTO
    }

    /**
     * Reads a file.
     *
     * @param file the CSV file.
     * @param delimiter the cell delimiter.
     * @param header whether the first line is a header.
     * @param width the number of cells every row must have, or −1 to take the header's (or the first row's).
     * @param widthMeaning what the width stands for, for the message, e.g. "the model's features".
     * @return the header and rows; at least one row.
     * @throws ConfigException for a missing or empty file, a header without rows, a ragged row, or a cell that is
     *     not a finite number.
     */
    public static NumericCsv read(Path file, char delimiter, Header header, int width, String widthMeaning) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": no such file");
        }
        try {
            if (Files.size(file) == 0) {
                throw new ConfigException(file + ": the file is empty; expected "
                        + (header == Header.YES ? "a header line and " : "") + "rows of numbers");
            }
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read (" + e.getMessage() + ")");
        }
        List<String> names = null;
        List<double[]> rows = new ArrayList<>();
        String widthSource = widthMeaning;
        try (CSVRecordReader reader = new CSVRecordReader(0, delimiter)) {
            reader.initialize(new FileSplit(file.toFile()));
            boolean first = true;
            while (reader.hasNext()) {
                Record record = reader.nextRecord();
                List<Writable> cells = record.getRecord();
                long line = record.getMetaData() instanceof RecordMetaDataLine m ? m.getLineNumber() + 1 : -1;
                if (cells.size() == 1 && cells.get(0).toString().isBlank()) {
                    continue;
                }
                if (first && (header == Header.YES || header == Header.AUTO && noNumbers(cells))) {
                    first = false;
                    names = new ArrayList<>();
                    for (Writable w : cells) {
                        names.add(w.toString().trim());
                    }
                    if (width < 0) {
                        width = names.size();
                        widthSource = "as the header has";
                    }
                    continue;
                }
                first = false;
                if (width < 0) {
                    width = cells.size();
                    widthSource = "as the first line has";
                }
                if (cells.size() != width) {
                    throw new ConfigException(file + ": line " + line + ": expected " + width + " cells (" + widthSource
                            + "), found " + cells.size());
                }
                rows.add(parse(file, line, cells, names));
            }
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new ConfigException(file + ": cannot read (" + e.getMessage() + ")");
        }
        if (rows.isEmpty()) {
            throw new ConfigException(file + ": no data rows" + (names != null ? " after the header" : ""));
        }
        return new NumericCsv(names, rows);
    }

    private static double[] parse(Path file, long line, List<Writable> cells, List<String> names) {
        double[] row = new double[cells.size()];
        for (int c = 0; c < row.length; c++) {
            String text = cells.get(c).toString().trim();
            String col = names != null ? "column '" + names.get(c) + "' (" + (c + 1) + ")" : "column " + (c + 1);
            try {
                row[c] = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new ConfigException(file + ": line " + line + ", " + col + ": '" + text + "' is not a number");
            }
            if (!Double.isFinite(row[c])) {
                throw new ConfigException(file + ": line " + line + ", " + col + ": '" + text
                        + "' is not a finite number (missing or infinite values are not supported)");
            }
        }
        return row;
    }

    private static boolean noNumbers(List<Writable> cells) {
        for (Writable w : cells) {
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
