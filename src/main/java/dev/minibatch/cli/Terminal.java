package dev.minibatch.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The terminal's width and lines that fit it: the commands' header and summary lines are broken at the separators
 * between their parts (", " and "; "), never inside a number or a word, with continuation lines indented.
 */
final class Terminal {
    /** The width assumed when the terminal's is not known: the classic 80 columns. */
    static final int DEFAULT_WIDTH = 80;

    private Terminal() {
    }

    /**
     * The width to fit: {@code COLUMNS} when the shell exports it (40 or more), otherwise 80.
     *
     * @return the number of columns.
     */
    static int width() {
        String c = System.getenv("COLUMNS");
        try {
            int w = c == null ? DEFAULT_WIDTH : Integer.parseInt(c.trim());
            return w >= 40 ? w : DEFAULT_WIDTH;
        } catch (NumberFormatException e) {
            return DEFAULT_WIDTH;
        }
    }

    /**
     * Breaks a line into lines of at most {@code width} characters at its ", " and "; " separators (the separator
     * ends the line), the continuation lines indented by two spaces; a part longer than a line is broken between
     * words. A single word longer than a line (a long path) is left whole.
     *
     * @param text one line.
     * @param width the columns.
     * @return the text, with line breaks where needed.
     */
    static String wrap(String text, int width) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if ((c == ',' || c == ';') && text.charAt(i + 1) == ' ') {
                parts.add(text.substring(start, i + 1));
                start = i + 2;
                i++;
            }
        }
        parts.add(text.substring(start));
        Lines lines = new Lines(width);
        for (String p : parts) {
            if (!lines.fits(p) && p.length() > width - 2) {
                for (String word : p.split(" ")) {       // a part too long for any line: word by word
                    lines.add(word);
                }
            } else {
                lines.add(p);
            }
        }
        return lines.toString();
    }

    /** Lines being filled: a piece goes on the current line if it fits, else it starts an indented one. */
    private static final class Lines {
        private final int width;
        private final StringBuilder out = new StringBuilder();
        private final StringBuilder line = new StringBuilder();

        Lines(int width) {
            this.width = width;
        }

        boolean fits(String piece) {
            return line.length() + (line.toString().isBlank() ? 0 : 1) + piece.length() <= width;
        }

        void add(String piece) {
            if (!line.toString().isBlank() && !fits(piece)) {
                out.append(line).append(System.lineSeparator());
                line.setLength(0);
                line.append("  ");
            } else if (!line.toString().isBlank()) {
                line.append(' ');
            }
            line.append(piece);
        }

        @Override
        public String toString() {
            return out.toString() + line;
        }
    }

    /**
     * {@link #wrap(String, int)} at the terminal's width.
     *
     * @param text one line.
     * @return the text, fitted.
     */
    static String fit(String text) {
        return wrap(text, width());
    }
}
