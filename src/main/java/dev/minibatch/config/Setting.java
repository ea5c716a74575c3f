package dev.minibatch.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoublePredicate;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One declared setting: everything minibatch knows about one configuration key, in one place. It says how a YAML
 * value is read and checked ({@link #parser()}), where a loaded {@link RunConfig} keeps the value ({@link #of}),
 * how it is written back into the config tree of results.json and checkpoints ({@link #write}), when a run does not
 * read it ({@link #unusedIn}: such a key is left out of the tree, and a value other than the default is refused),
 * and what docs/USAGE.md says of it ({@link #description()}, {@link #documentedDefault()}).
 *
 * <p>Adding a key is one declaration in {@link Settings} plus one record component (and its argument where
 * {@link ConfigLoader} builds the record); {@code SettingsTest} fails when a declaration has no place in the
 * config or no test config sets it, and {@code UsageKeysTest} when docs/USAGE.md's table differs from the
 * declarations (docs/DEVELOPING.md, <i>Config declared once</i>).
 *
 * @param key the dotted key, e.g. {@code training.epochs}.
 * @param defaultValue the value used when the key is absent; {@code null} means the key is required.
 * @param description what docs/USAGE.md's key table says of it: what is allowed and what it does (Markdown).
 * @param parser converts a YAML node; throws {@link IllegalArgumentException} whose message says what is allowed.
 * @param value where a loaded configuration keeps the value; {@code null} only while being declared.
 * @param unused why a run does not read the key ({@code null} when it does); {@code null}: it always does.
 * @param writer turns the value into the config tree's form; a {@code null} result leaves the key out of the tree
 *     (an empty list or path: the default, which a file leaves out too).
 * @param shownDefault the default as the documentation shows it, or {@code null} for the value itself.
 * @param <T> the Java type of the value.
 */
public record Setting<T>(String key, T defaultValue, String description, Function<JsonNode, T> parser,
                         Function<RunConfig, T> value, Function<RunConfig, Unused> unused,
                         Function<T, Object> writer, String shownDefault) {

    /**
     * Why a run does not read a setting. A value other than the default is refused with this reason (it would be
     * ignored), unless a flag switched the deciding key and not this one (the file's value is then kept for when it is
     * switched back).
     *
     * @param why what the message names after "not used by", e.g. "data.source csv (it applies to make_circles)".
     * @param decidedBy the key whose value decides it.
     */
    public record Unused(String why, String decidedBy) {

        /**
         * Declares the reason.
         *
         * @param why the reason.
         * @param decidedBy the deciding setting.
         * @return the declaration.
         */
        public static Unused because(String why, Setting<?> decidedBy) {
            return new Unused(why, decidedBy.key());
        }
    }

    /**
     * Declares a setting that is read and checked by a parser, before its place in the configuration is known.
     *
     * @param key the dotted key.
     * @param defaultValue the default, or {@code null} for a required key.
     * @param description what the documentation says of it.
     * @param parser the parser.
     */
    public Setting(String key, T defaultValue, String description, Function<JsonNode, T> parser) {
        this(key, defaultValue, description, parser, null, null, Setting::treeValue, null);
    }

    /**
     * Says where a loaded configuration keeps the value.
     *
     * @param getter reads it from a configuration.
     * @return the setting with it.
     */
    public Setting<T> in(Function<RunConfig, T> getter) {
        return new Setting<>(key, defaultValue, description, parser, getter, unused, writer, shownDefault);
    }

    /**
     * Says when a run does not read the key.
     *
     * @param reason the reason for a configuration, or {@code null} when it reads the key.
     * @return the setting with it.
     */
    public Setting<T> unusedWhen(Function<RunConfig, Unused> reason) {
        return new Setting<>(key, defaultValue, description, parser, value, reason, writer, shownDefault);
    }

    /**
     * Says how the value is written into the config tree.
     *
     * @param toTree the conversion; it may return {@code null} to leave the key out (an empty optional path).
     * @return the setting with it.
     */
    public Setting<T> writtenAs(Function<T, Object> toTree) {
        return new Setting<>(key, defaultValue, description, parser, value, unused, toTree, shownDefault);
    }

    /**
     * Says how the documentation shows the default, where the value itself would not say it (e.g. "file name").
     *
     * @param shown the text, Markdown.
     * @return the setting with it.
     */
    public Setting<T> documentedDefault(String shown) {
        return new Setting<>(key, defaultValue, description, parser, value, unused, writer, shown);
    }

    /**
     * Returns the value a loaded configuration holds for this key.
     *
     * @param config the configuration.
     * @return the value.
     */
    public T of(RunConfig config) {
        return value.apply(config);
    }

    /**
     * Says why a configuration does not read this key.
     *
     * @param config the configuration.
     * @return the reason, or {@code null} when the run reads it.
     */
    public Unused unusedIn(RunConfig config) {
        return unused == null ? null : unused.apply(config);
    }

    /**
     * Returns the value as the config tree holds it: lower-case enum names, maps with text keys.
     *
     * @param config the configuration.
     * @return the tree's value, or {@code null} when the key is left out of this configuration's tree.
     */
    public Object write(RunConfig config) {
        return unusedIn(config) != null ? null : writer.apply(of(config));
    }

    /**
     * Returns the default as docs/USAGE.md's key table shows it.
     *
     * @return e.g. {@code `auto`}, {@code 0.25} or "—".
     */
    public String documentedDefault() {
        if (shownDefault != null) {
            return shownDefault;
        }
        Object v = treeValue(defaultValue);
        if (v instanceof String text) {
            return text.isEmpty() ? "—" : "`" + text + "`";
        }
        if (v instanceof java.util.Collection<?> c && !c.isEmpty() || v instanceof Map<?, ?> m && !m.isEmpty()) {
            throw new IllegalStateException(key + ": say how its default is shown");
        }
        return v instanceof java.util.Collection<?> ? "`[]`" : v instanceof Map<?, ?> ? "—" : String.valueOf(v);
    }

    /**
     * The config tree's form of a value: enums by their lower-case names, map keys as text, all else as it is.
     *
     * @param value the value.
     * @return its form in the tree.
     */
    static Object treeValue(Object value) {
        if (value instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), treeValue(v)));
            return out;
        }
        return value;
    }

    /**
     * Declares an integer setting with inclusive bounds.
     *
     * @param key the dotted key.
     * @param def the default.
     * @param min the smallest allowed value.
     * @param max the largest allowed value.
     * @param description the documentation sentence.
     * @return the setting.
     */
    public static Setting<Integer> integer(String key, Integer def, long min, long max, String description) {
        return new Setting<>(key, def, description, node -> (int) wholeNumber(node, min, max));
    }

    /**
     * Declares a NumPy seed: an integer from 0 to 2³² − 1.
     *
     * @param key the dotted key.
     * @param def the default.
     * @param description the documentation sentence.
     * @return the setting.
     */
    public static Setting<Long> seed(String key, Long def, String description) {
        return new Setting<>(key, def, description, node -> wholeNumber(node, 0, 0xffffffffL));
    }

    /**
     * Declares a real-valued setting.
     *
     * @param key the dotted key.
     * @param def the default.
     * @param allowed a phrase saying what is allowed, e.g. "a finite number > 0".
     * @param check the test a value must pass.
     * @param description the documentation sentence.
     * @return the setting.
     */
    public static Setting<Double> real(String key, Double def, String allowed, DoublePredicate check,
                                       String description) {
        return new Setting<>(key, def, description, node -> {
            double v = number(node, allowed);
            if (!check.test(v)) {
                throw new IllegalArgumentException("must be " + allowed + ", got " + shown(node));
            }
            return v;
        });
    }

    /**
     * Declares a setting whose value is one of an enum's constants, written in lower case.
     *
     * @param key the dotted key.
     * @param type the enum class.
     * @param def the default.
     * @param description the documentation sentence.
     * @param <E> the enum type.
     * @return the setting.
     */
    public static <E extends Enum<E>> Setting<E> choice(String key, Class<E> type, E def, String description) {
        return choice(key, type, def, description, java.util.Map.of());
    }

    /**
     * Declares a setting whose value is one of an enum's constants, or another library's name for one (Keras'
     * {@code mean_squared_error} for {@code mse}), read as that constant.
     *
     * @param key the dotted key.
     * @param type the enum class.
     * @param def the default.
     * @param description the USAGE text.
     * @param aliases other names, lower case, and the constants they stand for.
     * @param <E> the enum type.
     * @return the declaration.
     */
    public static <E extends Enum<E>> Setting<E> choice(String key, Class<E> type, E def, String description,
                                                        java.util.Map<String, E> aliases) {
        return new Setting<>(key, def, description, node -> {
            String allowed = allowedNames(type);
            if (!node.isTextual()) {
                throw new IllegalArgumentException("must be one of " + allowed + ", got " + shown(node));
            }
            E alias = aliases.get(node.asText().strip().toLowerCase(java.util.Locale.ROOT));
            return alias != null ? alias : lookup(type, node.asText()).orElseThrow(() -> new IllegalArgumentException(
                    "must be one of " + allowed + (aliases.isEmpty() ? "" : " (or " + String.join(", ",
                    new java.util.TreeSet<>(aliases.keySet())) + ")") + ", got " + shown(node)));
        });
    }

    /**
     * Parses a flag whose value is one of an enum's constants, written in lower case.
     *
     * @param type the enum class.
     * @param flag the flag, named in the error, e.g. {@code --backend}.
     * @param value the value given.
     * @param <E> the enum type.
     * @return the constant.
     * @throws dev.minibatch.config.ConfigException if the value names no constant.
     */
    public static <E extends Enum<E>> E flag(Class<E> type, String flag, String value) {
        return lookup(type, value).orElseThrow(() -> new ConfigException(flag + ": must be one of "
                + allowedNames(type) + ", got '" + clip(value) + "'"));
    }

    private static <E extends Enum<E>> java.util.Optional<E> lookup(Class<E> type, String text) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text.strip())) { // CPU, cpu and Cpu alike, as picocli's enum flags
                return java.util.Optional.of(e);
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * Declares a string setting matched against a regular expression.
     *
     * @param key the dotted key.
     * @param def the default.
     * @param regex the pattern a value must match.
     * @param allowed a phrase saying what is allowed.
     * @param description the documentation sentence.
     * @return the setting.
     */
    public static Setting<String> text(String key, String def, String regex, String allowed, String description) {
        return new Setting<>(key, def, description, node -> {
            if (!node.isTextual() || !node.asText().matches(regex)) {
                throw new IllegalArgumentException("must be " + allowed + ", got " + shown(node));
            }
            return node.asText();
        });
    }

    /**
     * Declares a true/false setting.
     *
     * @param key the dotted key.
     * @param def the default.
     * @param description the documentation sentence.
     * @return the setting.
     */
    public static Setting<Boolean> bool(String key, Boolean def, String description) {
        return new Setting<>(key, def, description, node -> {
            if (node.isBoolean()) {
                return node.asBoolean();
            }
            if (node.isTextual() && (node.asText().equals("true") || node.asText().equals("false"))) {
                return Boolean.parseBoolean(node.asText());
            }
            throw new IllegalArgumentException("must be true or false, got " + shown(node));
        });
    }

    /**
     * Declares a list of column references: names (strings) or 0-based indices (integers). A single value is
     * taken as a list of one.
     *
     * @param key the dotted key.
     * @param description the documentation sentence.
     * @return the setting; its default is the empty list.
     */
    public static Setting<java.util.List<String>> columns(String key, String description) {
        return new Setting<>(key, java.util.List.of(), description, node -> {
            java.util.List<String> out = new java.util.ArrayList<>();
            for (JsonNode n : node.isArray() ? node : java.util.List.of(node)) {
                if (!(n.isTextual() || n.isIntegralNumber()) || n.asText().isBlank()) {
                    throw new IllegalArgumentException("must be a list of column names or 0-based indices, got "
                            + shown(node));
                }
                out.add(n.asText());
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("must name at least one column, got []");
            }
            return java.util.List.copyOf(out);
        });
    }

    /**
     * A classifier's classes: {@code auto} (the labels' own, in scikit-learn's order) or a list of at least two
     * distinct names, in the order the model's outputs take; empty when not given.
     *
     * @param key the dotted key.
     * @param description the help text.
     * @return the setting.
     */
    public static Setting<java.util.List<String>> classes(String key, String description) {
        return new Setting<>(key, java.util.List.of(), description, node -> {
            if (node.isTextual() && node.asText().strip().equals("auto")) {
                return java.util.List.of("auto");
            }
            java.util.List<String> out = new java.util.ArrayList<>();
            for (JsonNode n : node.isArray() ? node : java.util.List.<JsonNode>of()) {
                if (!(n.isTextual() || n.isNumber()) || n.asText().isBlank()) {
                    throw new IllegalArgumentException("must be auto or a list of class labels, got " + shown(node));
                }
                out.add(n.asText().strip());
            }
            java.util.Set<String> distinct = new java.util.HashSet<>();
            for (String c : out) {                            // 1 and 1.0 are one class
                String value;
                try {
                    value = String.valueOf(Double.parseDouble(c));
                } catch (NumberFormatException e) {
                    value = c;
                }
                distinct.add(value);
            }
            if (out.size() < 2 || distinct.size() != out.size()) {
                throw new IllegalArgumentException("must be auto or a list of at least two distinct class labels, got "
                        + shown(node));
            }
            return java.util.List.copyOf(out);
        });
    }

    /**
     * Lists an enum's constants as they are written in configs.
     *
     * @param type the enum class.
     * @return e.g. "half_mse|mse".
     */
    public static String allowedNames(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining("|"));
    }

    private static double number(JsonNode node, String allowed) {
        JsonNode n = numeric(node);
        if (n.isNumber()) {
            return n.asDouble();
        }
        throw new IllegalArgumentException("must be " + allowed + ", got " + shown(node));
    }

    /**
     * The one rule for quoted numbers, in every key and in the layers' mappings alike: a quoted number in decimal
     * notation ({@code "0.01"}, {@code "3"}) is the number it plainly is; anything else is left as it was, for the
     * caller to refuse.
     *
     * @param node a config value.
     * @return the value as a number node where it is a number, quoted or not; otherwise {@code node}.
     */
    public static JsonNode numeric(JsonNode node) {
        if (node != null && node.isTextual() && StrictYaml.isDecimal(node.asText().trim())) {
            String t = node.asText().trim();
            return StrictYaml.isInteger(t) ? StrictYaml.integer(t)
                    : com.fasterxml.jackson.databind.node.DoubleNode.valueOf(Double.parseDouble(t));
        }
        return node;
    }

    /**
     * Shortens a text for a message, so that a 100 KB value is not echoed whole.
     *
     * @param text the text.
     * @return the text, or its first 60 characters with its length.
     */
    public static String clip(String text) {
        String shown = text.length() <= 60 ? text : text.substring(0, 60) + "… (" + text.length() + " characters)";
        StringBuilder b = new StringBuilder(shown.length());
        shown.codePoints().forEach(c -> {         // a NUL, a newline or an escape shown, never sent to the terminal
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format(java.util.Locale.ROOT, "\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    /**
     * Returns the first line of a library's message, clipped to 120 characters, for a one-line error.
     *
     * @param message the message, or {@code null}.
     * @param ifNone what to say when there is no message.
     * @return the line.
     */
    public static String firstLine(String message, String ifNone) {
        if (message == null || message.isBlank()) {
            return ifNone;
        }
        int nl = message.indexOf('\n');
        String line = (nl < 0 ? message : message.substring(0, nl)).trim();
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }

    /**
     * Tells whether a text is a number in plain decimal notation ({@code 1.5}, {@code -2}, {@code 3e-4}): the
     * numbers configs and CSV cells may hold. Java's own literal forms ({@code 1.0d}, {@code 0x1p3}) are not.
     *
     * @param text the trimmed text.
     * @return whether it is.
     */
    public static boolean isDecimal(String text) {
        return StrictYaml.isDecimal(text);
    }

    /**
     * Shows a config value in a message: text as written, other values as YAML/JSON would, clipped.
     *
     * @param node the value.
     * @return e.g. {@code 'fast'}, {@code [1,2]}.
     */
    public static String shown(JsonNode node) {
        return node.isTextual() ? "'" + clip(node.asText()) + "'" : clip(node.toString());
    }

    private static long wholeNumber(JsonNode node, long min, long max) {
        String allowed = max == Long.MAX_VALUE || max == Integer.MAX_VALUE
                ? "an integer ≥ " + min : "an integer from " + min + " to " + max;
        double v = number(node, allowed);
        if (v != Math.rint(v) || v < min || v > max) {
            throw new IllegalArgumentException("must be " + allowed + ", got " + shown(node));
        }
        return (long) v;
    }
}
