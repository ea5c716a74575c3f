package dev.minibatch.results;

import java.util.List;
import java.util.Map;

/**
 * The content of diverged.json: a run that diverged, with every trainer's epochs up to the divergence.
 *
 * @param name the config's name.
 * @param message the divergence message.
 * @param trainer the trainer that diverged.
 * @param divergedInEpoch the epoch in which its numbers left the finite range, from 1.
 * @param config the resolved configuration, as the YAML's tree.
 * @param history every trainer that ran, in order, with its finite epochs (none when it diverged in its first), each
 *     in results.json's form of an epoch ({@link RunResults.Epoch}).
 */
public record DivergedResults(String name, String message, String trainer, int divergedInEpoch,
                              Map<String, Object> config, Map<String, List<RunResults.Epoch>> history) {
}
