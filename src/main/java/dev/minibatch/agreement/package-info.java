/**
 * Provides how far a run is from what it should equal: the agreement of two trainers' runs (the largest parameter
 * difference after every epoch against a tolerance, and the verdict: {@link dev.minibatch.agreement.Agreement}),
 * the closed-form least-squares optimum and the logistic optimum a linear model converges to, and whether a run's
 * loss converged. (The {@code compare} command, which sets runs side by side, is the CLI's and the report's.)
 */
package dev.minibatch.agreement;
