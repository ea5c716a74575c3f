/**
 * Provides what the report says about the ND4J backend that ran: its name, device, BLAS, threads and versions.
 */
package dev.minibatch.backend;
