package dev.minibatch.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes {@code model.hidden_layers}: a list of mappings, each a {@link LayerSpec} named by its {@code type}
 * ({@code dense} when it has none, so that {@code {units: 64, activation: relu}} is a dense layer).
 */
final class HiddenLayers {
    private static final Set<String> DENSE_KEYS = Set.of("type", "units", "activation", "alpha");
    /** The types a layer may have, as the config names them. */
    static final List<String> TYPES = List.of(LayerSpec.Dense.TYPE);

    private HiddenLayers() {
    }

    /**
     * Parses the list, checking each layer.
     *
     * @param node the YAML value.
     * @return the layers.
     * @throws IllegalArgumentException naming the layer and what is allowed.
     */
    static List<LayerSpec> parse(JsonNode node) {
        if (!node.isArray()) {
            throw new IllegalArgumentException("must be a list of layers like [{units: 64, activation: relu}], got "
                    + Setting.shown(node));
        }
        if (node.size() > LayerSpec.MAX_LAYERS) {
            throw new IllegalArgumentException("at most " + LayerSpec.MAX_LAYERS + " layers, got " + node.size());
        }
        List<LayerSpec> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            out.add(layer(node.get(i), "layer " + (i + 1)));
        }
        return List.copyOf(out);
    }

    private static LayerSpec layer(JsonNode n, String which) {
        if (!n.isObject()) {
            throw new IllegalArgumentException(which + ": must be a mapping like {units: 64, activation: relu}, got "
                    + Setting.shown(n));
        }
        JsonNode t = n.get("type");
        String type = t == null ? LayerSpec.Dense.TYPE : t.isTextual() ? t.asText().strip().toLowerCase(Locale.ROOT)
                : "";
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException(which + ": type must be one of " + String.join("|", TYPES) + ", got "
                    + Setting.shown(t));
        }
        return dense(n, which);
    }

    private static void onlyKeys(JsonNode n, String which, Set<String> keys, String allowed) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!keys.contains(k)) {
                throw new IllegalArgumentException(which + ": unknown key '" + Setting.clip(k) + "' (allowed: "
                        + allowed + ")");
            }
        }
    }

    private static LayerSpec.Dense dense(JsonNode n, String which) {
        onlyKeys(n, which, DENSE_KEYS, "type, units, activation, alpha");
        JsonNode u = Setting.numeric(n.get("units"));
        if (u == null || !u.isIntegralNumber() || !u.canConvertToInt() || u.asInt() < 1
                || u.asInt() > LayerSpec.MAX_UNITS) {
            throw new IllegalArgumentException(which + ": units must be a whole number from 1 to "
                    + LayerSpec.MAX_UNITS + ", got " + (u == null ? "nothing" : Setting.shown(u)));
        }
        JsonNode a = n.get("activation");
        Activation act;
        try {
            act = a == null || !a.isTextual() ? null
                    : Activation.valueOf(a.asText().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            act = null;
        }
        if (act == null) {
            throw new IllegalArgumentException(which + ": activation must be one of "
                    + Setting.allowedNames(Activation.class) + ", got " + (a == null ? "nothing" : Setting.shown(a)));
        }
        if (!act.elementWise()) {
            throw new IllegalArgumentException(which + ": activation softmax is an output layer's (training.loss"
                    + " categorical_crossentropy); a hidden layer takes one of " + java.util.Arrays.stream(
                    Activation.values()).filter(Activation::elementWise).map(x -> x.name().toLowerCase(Locale.ROOT))
                    .collect(java.util.stream.Collectors.joining("|")));
        }
        JsonNode al = Setting.numeric(n.get("alpha"));
        double alpha = act.defaultAlpha();
        if (al != null) {
            if (!act.hasAlpha()) {
                throw new IllegalArgumentException(which + ": alpha applies to leakyrelu and elu, not "
                        + act.name().toLowerCase(Locale.ROOT));
            }
            if (!al.isNumber() || !Double.isFinite(al.asDouble()) || al.asDouble() < 0) {
                throw new IllegalArgumentException(which + ": alpha must be a finite number ≥ 0, got "
                        + Setting.shown(al));
            }
            alpha = al.asDouble();
        }
        return new LayerSpec.Dense(u.asInt(), act, alpha);
    }

    /**
     * Writes the layers as the config spells them (the inverse of {@link #parse}).
     *
     * @param layers the layers.
     * @return a list of mappings.
     */
    static List<Map<String, Object>> write(List<LayerSpec> layers) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (LayerSpec spec : layers) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            LayerSpec.Dense l = (LayerSpec.Dense) spec;             // the only type; others add their keys here
            m.put("units", l.units());
            m.put("activation", l.activation().name().toLowerCase(Locale.ROOT));
            if (l.activation().hasAlpha()) {
                m.put("alpha", l.alpha());
            }
            out.add(m);
        }
        return out;
    }
}
