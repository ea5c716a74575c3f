package dev.minibatch.data;

import dev.minibatch.config.ConfigException;
import dev.minibatch.config.Setting;
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
        List<double[]> rows = new ArrayList<>();
        List<String> names = scan(file, delimiter, header, width, widthMeaning, new Sink() {
            @Override
            public void header(List<String> h) {
            }

            @Override
            public void row(double[] row) {
                rows.add(row);
            }
        });
        return new NumericCsv(names, rows);
    }

    /** Receives a file's header and rows, one at a time, as {@link #scan} reads them. */
    public interface Sink {
        /**
         * The header, before the first row (not called for a file without one).
         *
         * @param names the column names.
         */
        void header(List<String> names);

        /**
         * Which column holds text (a class label) rather than a number, asked once before the first data row.
         *
         * @param names the header's names, or {@code null} without one.
         * @param width the row width.
         * @return the column's index, or −1 for none (every cell a number).
         */
        default int textColumn(List<String> names, int width) {
            return -1;
        }

        /**
         * The text column's cell of the row that {@link #row} receives next (its place in that row is NaN).
         *
         * @param line the file's line number.
         * @param cell the cell, trimmed.
         */
        default void text(long line, String cell) {
        }

        /**
         * A data row.
         *
         * @param row its values, all finite.
         * @throws ConfigException to stop reading with a message.
         */
        void row(double[] row);
    }

    /**
     * Reads a file row by row, keeping none of it: what {@link #read} does, for files larger than the heap.
     *
     * @param file the CSV file.
     * @param delimiter the cell delimiter.
     * @param header whether the first line is a header.
     * @param width the number of cells every row must have, or −1 to take the header's (or the first row's).
     * @param widthMeaning what the width stands for, for the message.
     * @param sink receives the header and the rows.
     * @return the header, or {@code null} when the file has none.
     * @throws ConfigException for every problem {@link #read} reports, with the same message.
     */
    public static List<String> scan(Path file, char delimiter, Header header, int width, String widthMeaning,
                                    Sink sink) {
        requireFile(file, "");
        try {
            if (Files.size(file) == 0) {
                throw new ConfigException(file + ": the file is empty; expected "
                        + (header == Header.YES ? "a header line and " : "") + "rows of numbers");
            }
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read (" + e.getMessage() + ")");
        }
        List<String> names = null;
        long rows = 0;
        int textCol = -2;                                          // asked at the first data row
        String widthSource = widthMeaning;
        try (CSVRecordReader reader = new CSVRecordReader(0, delimiter)) {
            reader.initialize(new FileSplit(file.toFile()));
            boolean first = true;
            long line = 0;
            while (reader.hasNext()) {
                Record record;
                try {
                    record = reader.nextRecord();
                } catch (RuntimeException e) {
                    // DataVec reads one line per record: a quote left open (or a line break inside quotes, which
                    // it does not support) fails on the line after the last one read.
                    throw new ConfigException(file + ": line " + (line + 1) + ": " + quoteProblem(e));
                }
                List<Writable> cells = record.getRecord();
                line = record.getMetaData() instanceof RecordMetaDataLine m ? m.getLineNumber() + 1 : line + 1;
                if (first && !cells.isEmpty() && cells.get(0).toString().startsWith("\uFEFF")) {
                    cells = new ArrayList<>(cells); // a UTF-8 byte-order mark is not part of the first cell
                    cells.set(0, new org.datavec.api.writable.Text(cells.get(0).toString().substring(1)));
                }
                if (cells.size() == 1 && cells.get(0).toString().isBlank()) {
                    continue;
                }
                if (first && (header == Header.YES || header == Header.AUTO && noNumbers(cells))) {
                    first = false;
                    names = new ArrayList<>();
                    for (Writable w : cells) {
                        names.add(w.toString().strip());
                    }
                    if (width < 0) {
                        width = names.size();
                        widthSource = "as the header has";
                    }
                    sink.header(names);
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
                if (textCol == -2) {
                    textCol = sink.textColumn(names, width);
                }
                if (textCol >= 0) {
                    sink.text(line, cells.get(textCol).toString().strip());
                }
                sink.row(parse(file, line, cells, names, textCol));
                rows++;
            }
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new ConfigException(file + ": cannot read (" + e.getMessage() + ")");
        }
        if (rows == 0) {
            throw new ConfigException(file + ": no data rows" + (names != null ? " after the header" : ""));
        }
        return names;
    }

    /**
     * Refuses a path that is not a readable file, saying what it is instead: missing, a folder, a device or pipe
     * (which would be read forever or as nothing), or unreadable.
     *
     * @param file the path.
     * @param key the setting or flag it came from, e.g. {@code " (data.path)"}; may be empty.
     * @throws ConfigException naming the file.
     */
    public static void requireFile(Path file, String key) {
        if (Files.isDirectory(file)) {
            throw new ConfigException(file + ": is a folder, not a CSV file" + key);
        }
        if (!Files.exists(file)) {
            throw new ConfigException(file + ": no such file" + key);
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": is not a regular file (a device or a pipe); expected a CSV file" + key);
        }
        if (!Files.isReadable(file)) {
            throw new ConfigException(file + ": cannot be read (permission denied)" + key);
        }
    }

    private static double[] parse(Path file, long line, List<Writable> cells, List<String> names, int textCol) {
        double[] row = new double[cells.size()];
        for (int c = 0; c < row.length; c++) {
            if (c == textCol) {
                row[c] = Double.NaN;
                continue;
            }
            String text = cells.get(c).toString().strip();
            String col = names != null ? "column '" + names.get(c) + "' (" + (c + 1) + ")" : "column " + (c + 1);
            double v = number(text);
            if (Double.isNaN(v) && !isNonFiniteWord(text)) {
                throw new ConfigException(file + ": line " + line + ", " + col + ": '" + Setting.clip(text)
                        + "' is not a number (decimal notation such as 1.5, -2 or 3e-4)");
            }
            row[c] = v;
            if (!Double.isFinite(row[c])) {
                throw new ConfigException(file + ": line " + line + ", " + col + ": '" + Setting.clip(text)
                        + "' is not a finite number (missing or infinite values are not supported)");
            }
        }
        return row;
    }

    private static boolean noNumbers(List<Writable> cells) {
        for (Writable w : cells) {
            if (!Double.isNaN(number(w.toString().strip()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses a cell written in plain decimal notation (digits, one optional sign, point and exponent), as NumPy
     * and pandas write numbers. Java's own literal forms that {@link Double#parseDouble} also takes ({@code 1.0d},
     * {@code 2f}, {@code 0x1p3}, surrounding control characters) are refused.
     *
     * @param text the trimmed cell.
     * @return the value, or NaN when the text is not such a number (also for the words NaN and Infinity).
     */
    static double number(String text) {
        return Setting.isDecimal(text) ? Double.parseDouble(text) : Double.NaN;
    }

    private static boolean isNonFiniteWord(String text) {
        String t = text.toLowerCase(java.util.Locale.ROOT).replaceFirst("^[+-]", "");
        return t.equals("nan") || t.equals("inf") || t.equals("infinity");
    }

    private static String quoteProblem(RuntimeException e) {
        Throwable c = e.getCause() != null ? e.getCause() : e;
        String m = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
        return m.toLowerCase(java.util.Locale.ROOT).contains("quote")
                ? "a quoted cell is not closed on this line (a line break inside quotes is not supported)"
                : "cannot parse (" + Setting.clip(m) + ")";
    }
}
