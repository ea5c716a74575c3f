package dev.minibatch.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One configured layer of the network, as {@code model.hidden_layers} lists it: the one description every part of
 * minibatch builds a layer from (the framework trainer's DL4J layer, each kernel set's kernel class, the initial
 * parameters, the reports' layer table). Each type says its shape arithmetic and its parameter count here, once.
 * The output layer is not one of them: it is a dense layer whose units are the targets and whose activation is
 * {@code model.output_activation}.
 *
 * <p>Adding a type is one record here, its case in the parser ({@code HiddenLayers}) and in each consumer that
 * switches on the type (docs/DEVELOPING.md lists them).
 */
public sealed interface LayerSpec permits LayerSpec.Dense {
    /** The most units a dense layer may have. */
    int MAX_UNITS = 100_000;
    /** The most hidden layers a network may have. */
    int MAX_LAYERS = 64;

    /** @return the type's name in the config ({@code dense}). */
    String type();

    /**
     * The shape of the layer's output for one example.
     *
     * @param input the shape reaching the layer.
     * @return the shape leaving it.
     * @throws IllegalArgumentException if the layer cannot take that input.
     */
    LayerShape output(LayerShape input);

    /**
     * The layer's trainable parameters.
     *
     * @param input the shape reaching the layer.
     * @return the count of its weights and biases.
     */
    long parameters(LayerShape input);

    /** @return the activation applied to the layer's output (identity for a layer without one). */
    Activation activation();

    /** @return the activation's α (leakyrelu, elu), or its default for one without. */
    double alpha();

    /**
     * The layer in a few words, as the reports name it: {@code 64 relu} for a dense layer.
     *
     * @return the description.
     */
    default String describe() {
        String a = activation().name().toLowerCase(Locale.ROOT);
        return activation().hasAlpha() ? a + " (α " + alpha() + ")" : a;
    }

    /**
     * A dense (fully connected) layer: z = a·W + b, then the activation (Keras' {@code Dense(units, activation)},
     * DL4J's {@code DenseLayer}). Its input is flattened.
     *
     * @param units the layer's outputs, from 1 to {@link #MAX_UNITS}.
     * @param activation its activation function, element-wise.
     * @param alpha the activation's α (leakyrelu, elu), or its default for one without.
     */
    record Dense(int units, Activation activation, double alpha) implements LayerSpec {
        /** The config name of the type. */
        public static final String TYPE = "dense";

        /**
         * A layer with the activation's default α.
         *
         * @param units the layer's outputs.
         * @param activation its activation function.
         */
        public Dense(int units, Activation activation) {
            this(units, activation, activation.defaultAlpha());
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public LayerShape output(LayerShape input) {
            return LayerShape.flat(units);
        }

        @Override
        public long parameters(LayerShape input) {
            return (input.size() + 1) * units;
        }

        @Override
        public String describe() {
            return units + " " + activation.name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The shapes between the layers of a network: the input, then each hidden layer's output, then the output
     * layer's.
     *
     * @param layers the hidden layers, input to output.
     * @param input the shape of one example.
     * @param targets the output layer's units.
     * @return {@code layers.size() + 2} shapes.
     * @throws IllegalArgumentException naming the layer whose input does not fit.
     */
    static List<LayerShape> shapes(List<LayerSpec> layers, LayerShape input, int targets) {
        List<LayerShape> out = new ArrayList<>();
        out.add(input);
        LayerShape s = input;
        for (LayerSpec l : layers) {
            s = l.output(s);
            out.add(s);
        }
        out.add(LayerShape.flat(targets));
        return out;
    }

    /**
     * The network's parameter count: every hidden layer's, then the output layer's (its input flattened, plus a bias
     * per target).
     *
     * @param layers the hidden layers, input to output.
     * @param input the shape of one example.
     * @param targets the output layer's units.
     * @return the count.
     */
    static long parameters(List<LayerSpec> layers, LayerShape input, int targets) {
        long n = 0;
        LayerShape s = input;
        for (LayerSpec l : layers) {
            n += l.parameters(s);
            s = l.output(s);
        }
        return n + (s.size() + 1) * targets;
    }

    /**
     * The flat widths of each hidden layer's output, input to output: what sizes the products of a step (the threads'
     * decision, the memory estimates).
     *
     * @param layers the hidden layers.
     * @param input the shape of one example.
     * @return one width per layer.
     */
    static List<Integer> widths(List<LayerSpec> layers, LayerShape input) {
        List<Integer> out = new ArrayList<>();
        LayerShape s = input;
        for (LayerSpec l : layers) {
            s = l.output(s);
            out.add((int) Math.min(Integer.MAX_VALUE, s.size()));
        }
        return out;
    }

    /**
     * The dense layer a spec must be where only dense layers are built yet.
     *
     * @param layer the spec.
     * @return it, as a dense layer.
     * @throws IllegalArgumentException naming the type.
     */
    static Dense dense(LayerSpec layer) {
        if (layer instanceof Dense d) {
            return d;
        }
        throw new IllegalArgumentException("layer type " + layer.type().toLowerCase(Locale.ROOT)
                + " is not built here");
    }
}
