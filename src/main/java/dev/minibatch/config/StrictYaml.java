package dev.minibatch.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Reads YAML with the scalars of YAML 1.2's core schema, not the YAML 1.1 rules of the underlying parser, so that
 * a config means what it plainly says: {@code 010} is ten (not eight), {@code true}/{@code false} are the only
 * booleans ({@code yes} stays a string), and YAML 1.1's other number forms ({@code 0x10}, {@code 0o10},
 * {@code 1_000}, {@code .inf}) are refused with the key that holds them. A file is one document (a second one is
 * refused, not silently ignored), and aliases ({@code *name}) are refused, since the parser would read an alias
 * as its anchor's name.
 */
final class StrictYaml {
    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final Pattern INT = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

    private StrictYaml() {
    }

    /** A problem found while reading: the message, and the line (or -1). */
    static final class Problem extends Exception {
        final int line;

        Problem(String message, int line) {
            super(message, null, false, false);
            this.line = line;
        }
    }

    /**
     * Reads one YAML document.
     *
     * @param text the YAML text.
     * @param keyPrefix the key the text is the value of (for an override), or "" for a whole file.
     * @return the tree, or {@code null} for an empty document.
     * @throws Problem if the text uses a refused form.
     * @throws JsonProcessingException if it is not YAML at all.
     */
    static JsonNode read(String text, String keyPrefix) throws Problem, IOException {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return null;
            }
            JsonNode root = value(p, t, keyPrefix);
            if (p.nextToken() != null) {
                throw new Problem("a second YAML document starts here; a config is one document (remove the"
                        + " '---' line and what follows, or merge the two)",
                        p.currentLocation().getLineNr());
            }
            return root;
        }
    }

    private static JsonNode value(JsonParser p, JsonToken t, String key) throws Problem, IOException {
        if (p instanceof YAMLParser y && y.getTypeId() != null) {   // !foo, !!float: a config holds plain values
            String tag = y.getTypeId().startsWith("tag:yaml.org,2002:") ? "!!" + y.getTypeId().substring(18)
                    : y.getTypeId().startsWith("!") ? y.getTypeId() : "!" + y.getTypeId();
            throw new Problem(where(key) + "the YAML tag " + Setting.clip(tag) + " is not supported;"
                    + " write the value without it", p.currentLocation().getLineNr());
        }
        switch (t) {
            case START_OBJECT -> {
                ObjectNode o = JsonNodeFactory.instance.objectNode();
                for (JsonToken f = p.nextToken(); f != JsonToken.END_OBJECT; f = p.nextToken()) {
                    String name = p.currentName();
                    o.set(name, value(p, p.nextToken(), key.isEmpty() ? name : key + "." + name));
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = JsonNodeFactory.instance.arrayNode();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    a.add(value(p, e, key + "[" + a.size() + "]"));
                }
                return a;
            }
            case VALUE_STRING -> {
                if (p instanceof YAMLParser y && y.isCurrentAlias()) {
                    throw new Problem(where(key) + "the alias *" + p.getText() + " is not supported; write the"
                            + " value itself", p.currentLocation().getLineNr());
                }
                return TextNode.valueOf(p.getText()); // quoted, or plain but no number by any rule
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return number(p, key);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                String text = p.getText();
                return text.equals("true") || text.equals("false") ? BooleanNode.valueOf(text.equals("true"))
                        : TextNode.valueOf(text); // YAML 1.1's yes/no/on/off: a string, refused by the setting
            }
            case VALUE_NULL -> {
                return NullNode.getInstance();
            }
            default -> throw new Problem(where(key) + "unexpected YAML (" + t + ")", p.currentLocation()
                    .getLineNr());
        }
    }

    /**
     * A scalar the parser read as a number (plain, by YAML 1.1's rules): kept only in YAML 1.2's core notation.
     */
    private static JsonNode number(JsonParser p, String key) throws Problem, IOException {
        String text = p.getText();
        if (INT.matcher(text).matches()) {
            return integer(text);
        }
        if (FLOAT.matcher(text).matches()) {
            return DoubleNode.valueOf(Double.parseDouble(text));
        }
        throw new Problem(where(key) + "'" + Setting.clip(text) + "' is a YAML 1.1 number form (hexadecimal,"
                + " octal, '_' separators, base 60 or .inf/.nan); write the number in plain decimal",
                p.currentLocation().getLineNr());
    }

    /**
     * Reads a whole number in decimal notation exactly: a long where it fits, otherwise a big integer, so that a
     * message shows the number as written (never "1.0E20" for 100000000000000000000).
     *
     * @param text the digits, with an optional sign.
     * @return the number.
     */
    static JsonNode integer(String text) {
        java.math.BigInteger b = new java.math.BigInteger(text.startsWith("+") ? text.substring(1) : text);
        return b.bitLength() < 64 ? LongNode.valueOf(b.longValue())
                : com.fasterxml.jackson.databind.node.BigIntegerNode.valueOf(b);
    }

    /**
     * Tells whether a text is a whole number in decimal notation.
     *
     * @param text the text.
     * @return whether it is.
     */
    static boolean isInteger(String text) {
        return INT.matcher(text).matches();
    }

    /**
     * Tells whether a text is a number in plain decimal notation (YAML 1.2's core schema, as NumPy writes).
     *
     * @param text the text.
     * @return whether it is.
     */
    static boolean isDecimal(String text) {
        return INT.matcher(text).matches() || FLOAT.matcher(text).matches();
    }

    private static String where(String key) {
        return key.isEmpty() ? "" : key + ": ";
    }
}
