package dev.minibatch.spark;

import dev.minibatch.config.DistributedConfig;
import dev.minibatch.run.DistributedBackend;
import dev.minibatch.train.Trainer;

/** The Spark backend of the spark build, found by {@link DistributedBackend#find()}. */
public final class SparkBackend implements DistributedBackend {
    /** Constructs the backend (ServiceLoader needs a public no-argument constructor). */
    public SparkBackend() {
    }

    @Override
    public Trainer trainer(String master, DistributedConfig distributed, boolean showUi) {
        return new SparkTrainer(master, distributed, showUi);
    }

    @Override
    public String sparkVersion() {
        return org.apache.spark.package$.MODULE$.SPARK_VERSION();
    }
}
