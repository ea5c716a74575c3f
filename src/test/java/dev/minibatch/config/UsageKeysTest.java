package dev.minibatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/USAGE.md's key tables (section "Configs", the tables headed {@code | key | default |}) list exactly the keys {@link Settings#ALL} declares: a key added,
 * renamed or removed in the code without the documentation fails here. A cell may abbreviate its later keys
 * ({@code `data.n_redundant`, `.n_repeated`}: the same section as the first).
 */
class UsageKeysTest {
    private static final Pattern KEY = Pattern.compile("`([a-z0-9_.]+)`");

    static Set<String> documented() throws IOException {
        String usage = Files.readString(Path.of("docs", "USAGE.md"));
        int from = usage.indexOf("\n## Configs");
        int to = usage.indexOf("\n## ", from + 1);
        Set<String> keys = new LinkedHashSet<>();
        boolean keyTable = false;                  // the rows of a table headed "| key | default | ..."
        for (String line : usage.substring(from, to < 0 ? usage.length() : to).split("\n")) {
            if (line.startsWith("| key |")) {
                keyTable = true;
            } else if (!line.startsWith("|")) {
                keyTable = false;
            }
            if (!keyTable || !line.startsWith("| `")) {
                continue;
            }
            String cell = line.substring(1, line.indexOf('|', 1));
            Matcher m = KEY.matcher(cell);
            String section = null;
            while (m.find()) {
                String k = m.group(1);
                if (k.startsWith(".")) {
                    k = section + k;
                } else {
                    section = k.contains(".") ? k.substring(0, k.lastIndexOf('.')) : "";
                }
                keys.add(k);
            }
        }
        return keys;
    }

    @Test
    void theUsageTablesListEveryDeclaredKeyAndNoOther() throws IOException {
        Set<String> declared = new TreeSet<>();
        Settings.ALL.forEach(s -> declared.add(s.key()));
        Set<String> docs = new TreeSet<>(documented());
        Set<String> undocumented = new TreeSet<>(declared);
        undocumented.removeAll(docs);
        Set<String> unknown = new TreeSet<>(docs);
        unknown.removeAll(declared);
        assertEquals(Set.of(), undocumented, "declared in Settings, missing from docs/USAGE.md's key tables");
        assertEquals(Set.of(), unknown, "in docs/USAGE.md's key tables, not declared in Settings");
    }
}
