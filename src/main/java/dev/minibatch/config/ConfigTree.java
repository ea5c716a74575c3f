package dev.minibatch.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a {@link RunConfig} back into the nested key/value tree of its YAML file, with the same keys and
 * lower-case enum values. results.json and checkpoints store this tree, and {@link ConfigLoader} reads it back
 * unchanged. Each key is written by its declaration in {@link Settings}; a key the run does not read (a CSV's
 * settings for generated data, a schedule's parameters without the schedule, the Spark settings on one machine) is
 * left out, so the tree shows what the run used.
 */
public final class ConfigTree {
    private ConfigTree() {
    }

    /**
     * Returns the configuration as nested maps in the order of {@link Settings#ALL}.
     *
     * @param c the configuration.
     * @return a tree of maps, lists, strings, numbers and booleans.
     */
    public static Map<String, Object> of(RunConfig c) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (Setting<?> s : Settings.ALL) {
            Object value = s.write(c);
            if (value == null) {
                continue;
            }
            put(root, s.key(), value);
        }
        return root;
    }

    /**
     * Puts a value at a dotted key, creating the sections on the way; {@code null} removes the key (its default).
     *
     * @param root the tree.
     * @param key the dotted key.
     * @param value the value.
     */
    static void put(Map<String, Object> root, String key, Object value) {
        String[] parts = key.split("\\.");
        Map<String, Object> section = root;
        for (int i = 0; i < parts.length - 1; i++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> next = (Map<String, Object>) section.computeIfAbsent(parts[i],
                    k -> new LinkedHashMap<String, Object>());
            section = next;
        }
        if (value == null) {
            section.remove(parts[parts.length - 1]);
        } else {
            section.put(parts[parts.length - 1], value);
        }
    }

    /**
     * Returns a key's default in the tree's form, for comparing trees where a key one leaves out is its default (a
     * run does not write what it does not read; a run of an older version wrote it at its default).
     *
     * @param key the dotted key.
     * @return the default (lower-case enum names, text map keys), or {@code null} for no such key or no default.
     */
    public static Object defaultValue(String key) {
        for (Setting<?> s : Settings.ALL) {
            if (s.key().equals(key) && s.defaultValue() != null) {
                return Setting.treeValue(s.defaultValue());
            }
        }
        return null;
    }

    /**
     * Returns a key's default as a flattened tree shows it (its text).
     *
     * @param key the dotted key.
     * @return the text, or {@code null} for no such key or no default.
     */
    public static String defaultText(String key) {
        Object v = defaultValue(key);
        return v == null ? null : String.valueOf(v);
    }
}
