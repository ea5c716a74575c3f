/**
 * Provides the scratch trainer: the tutorial's mini-batch loop written by hand, with no DL4J classes, over one
 * {@link dev.minibatch.train.scratch.KernelSet} — HOST kernels (CPU backend: the OpenBLAS calls libnd4j makes, called
 * directly, and the element-wise steps as loops over host memory), ND4J operations (any backend), both giving DL4J's
 * bits, or minibatch's CUDA kernels (a GPU, to a stated tolerance).
 */
package dev.minibatch.train.scratch;
