package dev.minibatch.config;

/**
 * A complete, validated run configuration.
 *
 * @param name the run's name; the default output folder is {@code runs/<name>}.
 * @param backend which ND4J backend to use.
 * @param kernels which kernels the scratch trainer uses.
 * @param data where the data comes from.
 * @param split how it is split.
 * @param preprocess how the features are prepared.
 * @param model how the parameters start.
 * @param training how they are trained.
 * @param checkpoint how often the run saves a checkpoint to resume from.
 * @param distributed how a run on Spark ({@code --spark}) splits the work.
 */
public record RunConfig(String name, BackendRequest backend, Kernels kernels, DataConfig data, SplitConfig split,
                        PreprocessConfig preprocess, ModelConfig model,
                        TrainingConfig training, CheckpointConfig checkpoint, DistributedConfig distributed) {

    /**
     * Returns a copy with one setting changed, read and checked as a config file's value is.
     *
     * @param setting the setting, e.g. {@link Settings#BATCH_SIZE}.
     * @param value its new value.
     * @param <T> the value's type.
     * @return the new configuration.
     * @throws ConfigException if the value is not allowed, alone or with the others.
     */
    public <T> RunConfig with(Setting<T> setting, T value) {
        return ConfigLoader.with(this, setting, value);
    }
}
