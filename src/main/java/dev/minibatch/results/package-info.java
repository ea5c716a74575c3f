/**
 * Provides the typed results schema: the records that results.json is written from and read back into by
 * {@code predict}, {@code compare} and the reports ({@link dev.minibatch.results.RunResults}), and the one JSON
 * mapper that writes and reads them with snake_case keys ({@link dev.minibatch.results.ResultsMapper}), and the
 * results.json file of a run folder, written whole and read back with its checks
 * ({@link dev.minibatch.results.ResultsFile}). The published JSON Schema is docs/results.schema.json.
 */
package dev.minibatch.results;
