/**
 * Data larger than the heap: a CSV file, or make_regression's stream, converted once into a binary file on disk,
 * split and standardised in streaming passes that give the in-memory path's numbers, and written as the training
 * precision's memory-mapped files that the trainers gather batches from ({@code data.cache}).
 */
package dev.minibatch.cache;
