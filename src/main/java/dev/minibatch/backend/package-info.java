/**
 * Provides the choice of the ND4J backend and of the scratch trainer's kernels ({@code backend: auto} and
 * {@code kernels: auto}: what can run here, and the reason recorded when the GPU cannot), the probe of the GPUs, and
 * what the report says about the backend that ran: its name, device, BLAS, threads and versions.
 */
package dev.minibatch.backend;
