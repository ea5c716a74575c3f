package dev.minibatch.checkpoint;

import dev.minibatch.config.ConfigException;
import dev.minibatch.config.ConfigTree;
import dev.minibatch.config.RunConfig;
import dev.minibatch.config.Setting;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The settings a resumed run shares with its checkpoint: everything but what does not change what the epochs
 * already done computed (more epochs, the checkpoint cadence, the tolerance, the name, where the data is cached,
 * the CPU kernel set). A config file or a flag that differs elsewhere is refused, naming the first key.
 */
public final class SameSettings {
    /** Settings a resumed run may change: they do not change what the epochs already done computed. */
    private static final Set<String> RESUMABLE = Set.of("name", "training.epochs", "training.checkpoint_every",
            "training.checkpoint_keep", "training.agreement_tolerance", "data.cache", "data.cache_dir", "kernels");

    private SameSettings() {
    }

    /**
     * Refuses to continue a checkpoint with another configuration, naming the first setting that differs.
     *
     * @param saved the configuration the checkpoint was trained with.
     * @param now the configuration of the resumed run.
     * @param source the config file or flag the resumed run's configuration came from.
     * @throws ConfigException (exit 2) naming the first differing key.
     */
    public static void requireSame(RunConfig saved, RunConfig now, String source) {
        Map<String, Object> a = flat(ConfigTree.of(saved));
        Map<String, Object> b = flat(ConfigTree.of(now));
        Set<String> keys = new java.util.LinkedHashSet<>(a.keySet());
        keys.addAll(b.keySet());
        for (String k : keys) {
            Object was = a.containsKey(k) ? a.get(k) : ConfigTree.defaultValue(k);   // left out: its default
            Object is = b.containsKey(k) ? b.get(k) : ConfigTree.defaultValue(k);
            if (!RESUMABLE.contains(k) && !java.util.Objects.equals(was, is)) {
                throw new ConfigException(source + ": " + k + " is " + shown(is) + ", but the checkpoint was"
                        + " trained with " + shown(was) + "; a run resumes with the settings it started with"
                        + " (only " + String.join(", ", new java.util.TreeSet<>(RESUMABLE)) + " may change)");
            }
        }
    }

    private static String shown(Object v) {
        if (v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
            return "'" + d.longValue() + "'";                 // a whole number as the config writes it
        }
        return v == null ? "unset" : "'" + v + "'";
    }

    /**
     * Refuses a resume flag that changes a setting the checkpoint fixed, naming the flag's key, before the flags are
     * applied to the checkpoint's configuration (which could otherwise fail on a consequence, e.g. a rule's
     * hyper-parameter left without its rule).
     *
     * @param saved the configuration the checkpoint was trained with.
     * @param overrides the resumed run's flags.
     * @throws ConfigException (exit 2) naming the first flag that changes a fixed setting.
     */
    public static void requireSameFlags(RunConfig saved, List<dev.minibatch.config.ConfigOverride> overrides) {
        Map<String, Object> a = flat(ConfigTree.of(saved));
        for (dev.minibatch.config.ConfigOverride o : overrides) {
            if (RESUMABLE.contains(o.key()) || !a.containsKey(o.key())) {
                continue;                                      // resumable, or a key the loader checks itself
            }
            Object was = a.get(o.key());
            if (!sameValue(was, o.value())) {
                throw new ConfigException(o.flag() + ": " + o.key() + " is '" + Setting.clip(o.value())
                        + "', but the checkpoint was trained with " + shown(was) + "; a run resumes with the settings"
                        + " it started with (only " + String.join(", ", new java.util.TreeSet<>(RESUMABLE))
                        + " may change)");
            }
        }
    }

    private static boolean sameValue(Object was, String text) {
        String t = text.strip();
        if (was instanceof Number n) {
            try {
                return n.doubleValue() == Double.parseDouble(t);
            } catch (NumberFormatException e) {
                return false;
            }
        }
        if (was instanceof List<?> || was instanceof Map<?, ?>) {
            return true;                                       // a list or mapping: requireSame compares it parsed
        }
        return String.valueOf(was).equalsIgnoreCase(t);
    }

    private static Map<String, Object> flat(Map<String, Object> tree) {
        Map<String, Object> out = new LinkedHashMap<>();
        flat("", tree, out);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void flat(String prefix, Map<String, Object> tree, Map<String, Object> out) {
        for (Map.Entry<String, Object> e : tree.entrySet()) {
            String key = prefix + e.getKey();
            if (e.getValue() instanceof Map<?, ?> m && !key.equals("training.lr_schedule.values")) {
                flat(key + ".", (Map<String, Object>) m, out);
            } else {
                out.put(key, e.getValue() instanceof Number n ? (Object) n.doubleValue() : e.getValue());
            }
        }
    }
}
