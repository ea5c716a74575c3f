package dev.minibatch.config;

/**
 * The shape of one example as it flows between layers: channels × height × width, as DL4J's
 * {@code InputType.convolutional} counts them, or a flat vector of {@code channels} values (height and width 1), as
 * its {@code InputType.feedForward} does. A dense layer flattens whatever reaches it.
 *
 * @param channels the channels, or the length of a flat vector.
 * @param height the height in pixels; 1 for a flat vector.
 * @param width the width in pixels; 1 for a flat vector.
 * @param flat whether this is a flat vector (a dense layer's input or output, or tabular data).
 */
public record LayerShape(int channels, int height, int width, boolean flat) {
    /**
     * A flat vector.
     *
     * @param size its values.
     * @return the shape.
     */
    public static LayerShape flat(int size) {
        return new LayerShape(size, 1, 1, true);
    }

    /** @return the values of one example: channels · height · width. */
    public long size() {
        return (long) channels * height * width;
    }

    /** @return the shape as a person reads it: {@code 784} for a vector, {@code 1×28×28} for an image. */
    @Override
    public String toString() {
        return flat ? Integer.toString(channels) : channels + "×" + height + "×" + width;
    }
}
