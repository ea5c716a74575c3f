package dev.minibatch.run;

import dev.minibatch.backend.BackendInfo;
import dev.minibatch.agreement.Agreement;
import dev.minibatch.config.RunConfig;
import dev.minibatch.data.RunData;
import dev.minibatch.train.TrainingResult;

import java.util.Map;

/**
 * Everything one run produced, in memory: what {@link TrainingRun#execute} returns. (Its file form is
 * {@link dev.minibatch.results.RunResults}, results.json's tree; each trainer's part is a {@link TrainingResult}.)
 *
 * @param config the configuration it ran.
 * @param backend the ND4J backend it ran on.
 * @param data the data it trained and tested on.
 * @param trainers each trainer's result, by name, in run order.
 * @param agreement the agreement of the two trainers, or {@code null} when only one ran.
 */
public record RunOutcome(RunConfig config, BackendInfo backend, RunData data, Map<String, TrainingResult> trainers,
                         Agreement agreement) {
}
