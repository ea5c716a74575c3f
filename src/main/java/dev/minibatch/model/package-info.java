/**
 * Provides the saved models of a run — the framework network as a DL4J {@code ModelSerializer} zip, the scratch
 * parameters as NumPy {@code .npy} files — and prediction from them for new rows read through DataVec.
 */
package dev.minibatch.model;
