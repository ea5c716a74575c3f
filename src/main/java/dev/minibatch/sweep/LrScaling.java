package dev.minibatch.sweep;

/**
 * How the learning rate follows the batch size in a sweep, relative to the config's batch size b₀ and learning
 * rate lr₀: {@code none} keeps lr₀; {@code linear} uses lr₀·b/b₀ (Goyal et al.'s linear scaling rule);
 * {@code sqrt} uses lr₀·√(b/b₀) (the rule that keeps the update's variance constant).
 */
public enum LrScaling {
    /** The same learning rate for every batch size. */
    NONE,
    /** lr₀·b/b₀. */
    LINEAR,
    /** lr₀·√(b/b₀). */
    SQRT;

    /**
     * Returns the learning rate for a batch size.
     *
     * @param lr0 the config's learning rate.
     * @param b0 the config's batch size.
     * @param b the batch size.
     * @return the scaled rate.
     */
    public double rate(double lr0, int b0, int b) {
        return switch (this) {
            case NONE -> lr0;
            case LINEAR -> lr0 * b / b0;
            case SQRT -> lr0 * Math.sqrt((double) b / b0);
        };
    }
}
