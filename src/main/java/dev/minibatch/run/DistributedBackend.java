package dev.minibatch.run;

import dev.minibatch.config.DistributedConfig;
import dev.minibatch.train.Trainer;

import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Training on Apache Spark, provided by the {@code spark} build ({@code ./mvnw -Pspark package}, src/spark) and
 * found through {@link ServiceLoader}: the default jar carries no Spark.
 */
public interface DistributedBackend {
    /**
     * The DL4J trainer that runs on Spark, in the framework trainer's role.
     *
     * @param master the Spark master URL, e.g. {@code local[2]} or {@code spark://host:7077}.
     * @param distributed the workers, their batch size and the averaging frequency.
     * @param showUi whether to start Spark's web UI and print its address.
     * @return the trainer.
     */
    Trainer trainer(String master, DistributedConfig distributed, boolean showUi);

    /** @return the Spark version on the class path. */
    String sparkVersion();

    /** @return the Spark backend when this build has one. */
    static Optional<DistributedBackend> find() {
        return ServiceLoader.load(DistributedBackend.class).findFirst();
    }
}
