package dev.minibatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/USAGE.md's key table is generated from the declarations in {@link Settings}: the text between its two
 * markers must equal {@link Settings#markdownTable()}, so a key added, renamed, removed or re-described in the code
 * without the documentation fails here. To write the table after changing a declaration:
 * {@code ./mvnw -o -q test -Dtest=UsageKeysTest -Dminibatch.writeUsage=true}.
 */
class UsageKeysTest {
    static final String BEGIN = "<!-- key table: generated from Settings.java by UsageKeysTest -->\n";
    static final String END = "<!-- end of the key table -->\n";

    @Test
    void theUsageKeyTableIsTheDeclarations() throws IOException {
        Path usage = Path.of("docs", "USAGE.md");
        String text = Files.readString(usage);
        int from = text.indexOf(BEGIN);
        int to = text.indexOf(END);
        assertTrue(from >= 0 && to > from, "docs/USAGE.md lacks the key table's markers");
        String table = Settings.markdownTable();
        String documented = text.substring(from + BEGIN.length(), to);
        if (Boolean.getBoolean("minibatch.writeUsage") && !documented.equals(table)) {
            Files.writeString(usage, text.substring(0, from + BEGIN.length()) + table + text.substring(to));
            documented = table;
        }
        assertEquals(table, documented, "docs/USAGE.md's key table differs from Settings.java; write it with"
                + " ./mvnw -o -q test -Dtest=UsageKeysTest -Dminibatch.writeUsage=true");
    }

    @Test
    void everyRowNamesOneDeclaredKey() {
        String[] rows = Settings.markdownTable().split("\n");
        assertEquals(Settings.ALL.size() + 2, rows.length);
        for (int i = 0; i < Settings.ALL.size(); i++) {
            Setting<?> s = Settings.ALL.get(i);
            assertTrue(rows[i + 2].startsWith("| `" + s.key() + "` | "), rows[i + 2]);
            assertEquals(4, rows[i + 2].split("(?<!\\\\)\\|", -1).length - 1, "three cells: " + rows[i + 2]);
        }
    }
}
