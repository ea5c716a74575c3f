package dev.minibatch.config;

/**
 * The initial parameters of the linear model.
 *
 * @param init how they are drawn.
 * @param initSeed the seed of the NumPy stream that draws them.
 */
public record ModelConfig(Init init, long initSeed) {
}
