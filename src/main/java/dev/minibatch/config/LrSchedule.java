package dev.minibatch.config;

import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A learning-rate schedule with DL4J's {@code ISchedule} definitions, computed by hand so that the scratch
 * trainer needs no DL4J class; {@code i} is the iteration (update, from 0) or the epoch (from 0), as {@code unit}
 * says, and lr₀ is {@code training.learning_rate}:
 * <ul>
 *   <li>step: lr₀ · decay_rate^⌊i / step⌋ ({@code StepSchedule});</li>
 *   <li>exponential: lr₀ · gamma^i ({@code ExponentialSchedule});</li>
 *   <li>inverse: lr₀ / (1 + gamma·i)^power ({@code InverseSchedule});</li>
 *   <li>poly: lr₀ · (1 + i / max_iter)^power while i &lt; max_iter, then 0 ({@code PolySchedule}, exactly as
 *       DL4J 1.0.0-M2.1 computes it: note the plus sign, so a decaying schedule needs a negative power);</li>
 *   <li>map: the value at the largest key ≤ i ({@code MapSchedule}; key 0 is required).</li>
 * </ul>
 *
 * @param type the schedule.
 * @param unit what i counts.
 * @param gamma exponential and inverse: the base or rate.
 * @param decayRate step: the factor per step.
 * @param step step: the iterations or epochs per step.
 * @param power inverse and poly: the exponent.
 * @param maxIter poly: where the rate becomes 0.
 * @param values map: learning rate by iteration or epoch.
 */
public record LrSchedule(Type type, Unit unit, double gamma, double decayRate, double step, double power, int maxIter,
                         SortedMap<Integer, Double> values) {
    /** A constant learning rate. */
    public static final LrSchedule NONE = new LrSchedule(Type.NONE, Unit.ITERATION, 0.99, 0.5, 10, 1.0, 1000,
            new TreeMap<>());

    /** The schedule's kind. */
    public enum Type {
        /** Constant. */
        NONE,
        /** DL4J's StepSchedule. */
        STEP,
        /** DL4J's ExponentialSchedule. */
        EXPONENTIAL,
        /** DL4J's InverseSchedule. */
        INVERSE,
        /** DL4J's PolySchedule. */
        POLY,
        /** DL4J's MapSchedule. */
        MAP
    }

    /** What the schedule counts, as DL4J's {@code ScheduleType}. */
    public enum Unit {
        /** Updates, from 0. */
        ITERATION,
        /** Epochs, from 0. */
        EPOCH
    }

    /** @return whether the rate changes. */
    public boolean on() {
        return type != Type.NONE;
    }

    /**
     * Returns the learning rate at a point of training.
     *
     * @param lr0 the configured learning rate.
     * @param iteration the update about to be made, from 0.
     * @param epoch the epoch, from 0.
     * @return the rate, as DL4J's schedule computes it.
     */
    public double valueAt(double lr0, int iteration, int epoch) {
        int i = unit == Unit.ITERATION ? iteration : epoch;
        return switch (type) {
            case NONE -> lr0;
            case STEP -> lr0 * Math.pow(decayRate, Math.floor(i / step));
            case EXPONENTIAL -> lr0 * Math.pow(gamma, i);
            case INVERSE -> lr0 / Math.pow(1 + gamma * i, power);
            case POLY -> i >= maxIter ? 0.0 : lr0 * Math.pow(1 + i / (double) maxIter, power);
            case MAP -> {
                Integer key = values.containsKey(i) ? Integer.valueOf(i) : values.headMap(i).lastKey();
                yield values.get(key);
            }
        };
    }

    /**
     * Reads the map schedule's values from a config mapping of non-negative integers to rates.
     *
     * @param map the mapping as read.
     * @return the sorted values.
     * @throws IllegalArgumentException if a key or value is not allowed, or key 0 is missing.
     */
    static SortedMap<Integer, Double> values(Map<String, Double> map) {
        SortedMap<Integer, Double> out = new TreeMap<>();
        for (Map.Entry<String, Double> e : map.entrySet()) {
            int k;
            try {
                k = Integer.parseInt(e.getKey().trim());
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("keys must be iterations or epochs (integers ≥ 0), got '"
                        + Setting.clip(e.getKey()) + "'");
            }
            if (k < 0 || !Double.isFinite(e.getValue()) || e.getValue() < 0) {
                throw new IllegalArgumentException("must map integers ≥ 0 to rates ≥ 0, got " + k + ": "
                        + e.getValue());
            }
            out.put(k, e.getValue());
        }
        if (!out.isEmpty() && !out.containsKey(0)) {
            throw new IllegalArgumentException("must give the rate at 0 (DL4J's MapSchedule starts there), got keys "
                    + Arrays.toString(out.keySet().toArray()));
        }
        return out;
    }
}
