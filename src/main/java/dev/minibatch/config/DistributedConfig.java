package dev.minibatch.config;

/**
 * How a run trains on Apache Spark ({@code train --spark MASTER}): DL4J's {@code SparkDl4jMultiLayer} with a
 * training master, and the scratch trainer simulating it by hand.
 *
 * @param master the Spark master URL ({@code --spark}); empty for a run on one machine.
 * @param workers the workers (Spark partitions) each averaging round trains on.
 * @param batchSizePerWorker the rows of each worker's mini-batch; 0 takes {@code training.batch_size}.
 * @param averagingFrequency the mini-batches each worker fits between two averagings of the parameters.
 * @param prefetch the mini-batches a worker prefetches (DL4J's {@code workerPrefetchNumBatches}); no effect on
 *     the numbers.
 * @param trainingMaster the training master.
 */
public record DistributedConfig(String master, int workers, int batchSizePerWorker, int averagingFrequency, int prefetch,
                                TrainingMaster trainingMaster) {
    /** The defaults: two workers, parameter averaging after every 5 mini-batches (DL4J's default). */
    public static final DistributedConfig DEFAULT = new DistributedConfig("", 2, 0, 5, 0,
            TrainingMaster.PARAMETER_AVERAGING);

    /** @return whether the run trains on Spark. */
    public boolean on() {
        return !master.isEmpty();
    }

    /** DL4J's training masters. */
    public enum TrainingMaster {
        /** {@code ParameterAveragingTrainingMaster}: synchronous averaging of parameters and updater state. */
        PARAMETER_AVERAGING,
        /**
         * {@code SharedTrainingMaster}: threshold-encoded gradients shared asynchronously over Aeron, on
         * {@code local[N]} masters; no simulation can agree with it (docs/SPARK.md).
         */
        SHARED_GRADIENTS
    }

    /**
     * The per-worker batch size in effect.
     *
     * @param training the training settings.
     * @return {@link #batchSizePerWorker}, or {@code training.batch_size} when it is 0.
     */
    public int batchSize(TrainingConfig training) {
        return batchSizePerWorker > 0 ? batchSizePerWorker : training.batchSize();
    }
}
