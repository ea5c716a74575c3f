package dev.minibatch.train.framework;

import dev.minibatch.config.LayerShape;
import dev.minibatch.config.LayerSpec;
import dev.minibatch.train.activation.ActivationFunction;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;

/** The one place a configured layer becomes its DL4J layer; the output layer is {@link FrameworkTrainer}'s. */
final class Dl4jLayers {
    private Dl4jLayers() {
    }

    /**
     * The DL4J layer of a configured one.
     *
     * @param spec the configured layer.
     * @param input the shape reaching it.
     * @return DL4J's layer, with its inputs set.
     */
    static Layer of(LayerSpec spec, LayerShape input) {
        LayerSpec.Dense d = LayerSpec.dense(spec);
        return new DenseLayer.Builder().nIn(input.size()).nOut(d.units())
                .activation(ActivationFunction.of(d).dl4j()).build();
    }
}
