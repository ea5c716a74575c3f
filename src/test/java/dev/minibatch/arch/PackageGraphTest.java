package dev.minibatch.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of {@code src/main/java} depend on each other without a cycle: every reference to another
 * {@code dev.minibatch} package (an import, or a fully qualified name outside comments) points one way, so each
 * package can be read, tested and moved with only what lies below it (docs/DEVELOPING.md, the layers).
 */
class PackageGraphTest {
    private static final Pattern REF = Pattern.compile("\\bdev\\.minibatch((?:\\.[a-z][a-z0-9]*)+)\\.[A-Z]");

    /** Package → the packages it refers to. */
    static Map<String, Set<String>> graph() throws IOException {
        Map<String, Set<String>> g = new TreeMap<>();
        Path root = Path.of("src", "main", "java");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = root.relativize(f.getParent()).toString().replace('/', '.');
                String code = codeOnly(Files.readString(f));
                Set<String> to = g.computeIfAbsent(pkg, k -> new TreeSet<>());
                Matcher m = REF.matcher(code);
                while (m.find()) {
                    String target = "dev.minibatch" + m.group(1);
                    if (!target.equals(pkg)) {
                        to.add(target);
                    }
                }
            }
        }
        return g;
    }

    /**
     * The source without its comments, string literals and text blocks (a loop, not a regular expression: Java's
     * regex recursion overflows the stack on a long literal).
     */
    static String codeOnly(String src) {
        StringBuilder out = new StringBuilder(src.length());
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                while (i < n && src.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                int end = src.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                out.append(' ');
            } else if (src.startsWith("\"\"\"", i)) {
                int end = src.indexOf("\"\"\"", i + 3);
                i = end < 0 ? n : end + 3;
                out.append("\"\"");
            } else if (c == '"' || c == '\'') {
                i++;
                while (i < n && src.charAt(i) != c) {
                    i += src.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
                out.append("\"\"");
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    @Test
    void thePackagesFormNoCycle() throws IOException {
        Map<String, Set<String>> g = graph();
        assertTrue(g.size() > 10, "the scan found the packages: " + g.keySet());
        List<List<String>> cycles = stronglyConnected(g).stream().filter(c -> c.size() > 1).toList();
        assertEquals(List.of(), cycles, "packages that refer to each other, directly or through others");
    }

    /**
     * Folded into their top-level packages ({@code train.scratch} into {@code train}), the packages still form no
     * cycle: a subpackage is no way around the layers (the scratch trainer once called {@code checkpoint}, which
     * reads {@code train}).
     */
    @Test
    void theTopLevelPackagesFormNoCycleEither() throws IOException {
        Map<String, Set<String>> folded = new TreeMap<>();
        graph().forEach((from, tos) -> {
            Set<String> to = folded.computeIfAbsent(top(from), k -> new TreeSet<>());
            tos.stream().map(PackageGraphTest::top).filter(t -> !t.equals(top(from))).forEach(to::add);
        });
        List<List<String>> cycles = stronglyConnected(folded).stream().filter(c -> c.size() > 1).toList();
        assertEquals(List.of(), cycles, "top-level packages that refer to each other, directly or through others");
    }

    private static String top(String pkg) {
        String[] parts = pkg.split("\\.");
        return parts.length <= 3 ? pkg : parts[0] + "." + parts[1] + "." + parts[2];
    }

    @Test
    void configReadsNoDataAndDataReadsNoTraining() throws IOException {
        Map<String, Set<String>> g = graph();
        assertTrue(g.get("dev.minibatch.config").stream().noneMatch(p -> p.startsWith("dev.minibatch.data")),
                "config → " + g.get("dev.minibatch.config"));
        assertTrue(g.get("dev.minibatch.data").stream().noneMatch(p -> p.startsWith("dev.minibatch.train")),
                "data → " + g.get("dev.minibatch.data"));
    }

    /** Tarjan's algorithm, iterative enough for a few dozen packages. */
    private static List<List<String>> stronglyConnected(Map<String, Set<String>> g) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> out = new ArrayList<>();
        int[] counter = {0};
        for (String v : g.keySet()) {
            if (!index.containsKey(v)) {
                visit(v, g, index, low, stack, onStack, out, counter);
            }
        }
        return out;
    }

    private static void visit(String v, Map<String, Set<String>> g, Map<String, Integer> index,
                              Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                              List<List<String>> out, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        onStack.add(v);
        for (String w : g.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                visit(w, g, index, low, stack, onStack, out, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> c = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                c.add(w);
            } while (!w.equals(v));
            out.add(c);
        }
    }
}
