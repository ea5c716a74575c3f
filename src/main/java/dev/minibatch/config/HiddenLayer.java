package dev.minibatch.config;

/**
 * One hidden dense layer of the network, as {@code model.hidden_layers} lists them (Keras' {@code Dense(units,
 * activation)}, DL4J's {@code DenseLayer}).
 *
 * @param units the layer's outputs, at least 1.
 * @param activation its activation function.
 * @param alpha the activation's α (leakyrelu, elu), or NaN for one without.
 */
public record HiddenLayer(int units, Activation activation, double alpha) {
    /** The most units a layer may have. */
    public static final int MAX_UNITS = 100_000;
    /** The most hidden layers a network may have. */
    public static final int MAX_LAYERS = 64;

    /**
     * A layer with the activation's default α.
     *
     * @param units the layer's outputs.
     * @param activation its activation function.
     */
    public HiddenLayer(int units, Activation activation) {
        this(units, activation, activation.defaultAlpha());
    }
}
