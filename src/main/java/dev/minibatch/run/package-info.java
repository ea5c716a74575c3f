/**
 * Provides the end-to-end run: configuration to data, initial parameters and batch plan, then the trainers and
 * their agreement, collected in one {@link dev.minibatch.run.RunOutcome}.
 */
package dev.minibatch.run;
