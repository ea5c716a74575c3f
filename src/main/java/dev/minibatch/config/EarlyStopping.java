package dev.minibatch.config;

/**
 * Early stopping with Keras' {@code EarlyStopping} semantics: after each epoch the monitored loss counts as an
 * improvement when it is below the best so far by more than {@code minDelta} (an accuracy: above it); after {@code patience} epochs
 * without one, training stops. With {@code restoreBest} the run ends with the parameters of its best epoch
 * (whether it stopped early or ran all its epochs).
 *
 * @param monitor the loss watched; {@link Monitor#NONE} switches early stopping off.
 * @param patience epochs without improvement before stopping, ≥ 1.
 * @param minDelta the least decrease that counts as an improvement, ≥ 0.
 * @param restoreBest whether to end with the best epoch's parameters.
 */
public record EarlyStopping(Monitor monitor, int patience, double minDelta, boolean restoreBest) {
    /** No early stopping. */
    public static final EarlyStopping NONE = new EarlyStopping(Monitor.NONE, 1, 0.0, false);

    /** The loss early stopping watches. */
    public enum Monitor {
        /** Early stopping is off. */
        NONE,
        /** The validation split's loss (needs {@code split.validation_size} > 0). */
        VAL_LOSS,
        /** The full training loss. */
        TRAIN_LOSS,
        /** A classifier's validation accuracy (needs a validation split); higher is better, as Keras' mode max. */
        VAL_ACCURACY;

        /** @return whether a larger value is an improvement (an accuracy) rather than a smaller one (a loss). */
        public boolean maximize() {
            return this == VAL_ACCURACY;
        }

        /** @return whether the monitored value is the validation split's. */
        public boolean needsValidation() {
            return this == VAL_LOSS || this == VAL_ACCURACY;
        }

        /** @return its name as Keras and results.json write it, e.g. {@code val_loss}. */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** @return whether early stopping is on. */
    public boolean on() {
        return monitor != Monitor.NONE;
    }
}
