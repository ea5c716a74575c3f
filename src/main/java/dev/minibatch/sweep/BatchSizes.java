package dev.minibatch.sweep;

import dev.minibatch.config.ConfigException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Parses a batch-size list such as {@code 1,8,32,128,full}; {@code full} is the whole training split. */
public final class BatchSizes {
    /** The default list. */
    public static final String DEFAULT = "1,8,32,128,full";

    private BatchSizes() {
    }

    /**
     * Parses and checks a list against the number of training rows.
     *
     * @param text the list, comma-separated.
     * @param nTrain the training rows.
     * @return the batch sizes in the given order, {@code full} replaced by nTrain.
     * @throws ConfigException for an empty list, a non-number, 0, a negative size, a size above nTrain, or a
     *     duplicate (including {@code full} next to nTrain).
     */
    public static List<Integer> parse(String text, int nTrain) {
        String allowed = "a comma-separated list of batch sizes from 1 to " + nTrain + " (the training rows) or"
                + " 'full', each once, e.g. " + DEFAULT;
        if (text == null || text.isBlank()) {
            throw new ConfigException("--batch-sizes: empty; expected " + allowed);
        }
        Set<Integer> seen = new LinkedHashSet<>();
        for (String raw : text.split(",", -1)) {
            String t = raw.trim();
            int size;
            if (t.equals("full")) {
                size = nTrain;
            } else {
                try {
                    size = Integer.parseInt(t);
                } catch (NumberFormatException e) {
                    throw new ConfigException("--batch-sizes: '" + t + "' is not a batch size; expected " + allowed);
                }
                if (size < 1 || size > nTrain) {
                    throw new ConfigException("--batch-sizes: " + size + " is outside 1 to " + nTrain
                            + "; expected " + allowed);
                }
            }
            if (!seen.add(size)) {
                throw new ConfigException("--batch-sizes: " + t + " appears twice"
                        + (size == nTrain ? " (full is " + nTrain + ")" : "") + "; expected " + allowed);
            }
        }
        return new ArrayList<>(seen);
    }
}
