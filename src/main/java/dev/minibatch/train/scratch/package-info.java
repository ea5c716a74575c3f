/**
 * Provides the scratch trainer: the tutorial's mini-batch loop written by hand on ND4J, with no DL4J classes, in
 * two kernel sets that give DL4J's bits — ND4J operations (any backend) and HOST kernels (CPU backend: the
 * OpenBLAS calls libnd4j makes, called directly, and the element-wise steps as loops over host memory).
 */
package dev.minibatch.train.scratch;
