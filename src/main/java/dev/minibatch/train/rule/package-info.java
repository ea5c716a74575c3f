/**
 * Provides the update rules: one class per DL4J updater, each holding every form of it — DL4J's {@code IUpdater},
 * the formula by hand, the libnd4j op, and its number and constants in the CUDA kernels — so that the framework
 * trainer and the scratch trainer's three kernel sets take the rule from one place.
 */
package dev.minibatch.train.rule;
