/**
 * Provides the agreement check between two trainers' runs: the largest parameter difference after every epoch
 * against a tolerance, and the verdict.
 */
package dev.minibatch.compare;
