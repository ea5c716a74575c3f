/**
 * Provides the run folder: what a finished run leaves on disk (results.json, the saved models, the report and its
 * plots) and the {@code NAME-diverged} folder a divergence leaves beside it, written whole or not at all. It sits
 * above the report, the saved models and the results schema, and below the command line, which only decides where.
 */
package dev.minibatch.runfolder;
