package dev.minibatch.spark;

import dev.minibatch.batch.BatchPlan;
import dev.minibatch.config.ConfigException;
import dev.minibatch.config.DistributedConfig;
import dev.minibatch.config.TrainingConfig;
import dev.minibatch.train.Checkpointer;
import dev.minibatch.train.EpochListener;
import dev.minibatch.train.EpochLoop;
import dev.minibatch.train.LoopState;
import dev.minibatch.data.NdArrays;
import dev.minibatch.train.NdDataset;
import dev.minibatch.train.Parameters;
import dev.minibatch.train.Trainer;
import dev.minibatch.train.TrainingResult;
import dev.minibatch.train.framework.FrameworkTrainer;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * DL4J on Spark in the framework trainer's role: the framework trainer's network, trained by
 * {@link SparkDl4jMultiLayer} with a {@link ParameterAveragingTrainingMaster} ({@code Direct} data, no
 * repartitioning, updater state averaged). Each epoch's batches — the batch plan's, gathered as DL4J
 * {@link DataSet}s of {@code batch_size_per_worker} rows — are fitted in rounds of workers × averaging_frequency
 * batches, one {@code fit(JavaRDD)} per round over a list {@code parallelize}d into one slice per worker, exactly
 * the rounds {@code dev.minibatch.train.scratch.ParameterAveraging} simulates; the network's epoch count is set to
 * the training epoch before each round (DL4J would count rounds).
 */
final class SparkTrainer implements Trainer {
    private static final String OPENS = String.join(" ", java.util.List.of("java.lang", "java.lang.invoke",
            "java.lang.reflect", "java.io", "java.net", "java.nio", "java.util", "java.util.concurrent",
            "java.util.concurrent.atomic", "sun.nio.ch", "sun.nio.cs", "sun.security.action", "sun.util.calendar")
            .stream().map(p -> "--add-opens=java.base/" + p + "=ALL-UNNAMED").toList());
    private final String master;
    private final DistributedConfig d;
    private final boolean showUi;

    SparkTrainer(String master, DistributedConfig d, boolean showUi) {
        this.master = master;
        this.d = d;
        this.showUi = showUi;
    }

    @Override
    public String name() {
        return FrameworkTrainer.NAME;
    }

    @Override
    public String engine() {
        return "DL4J SparkDl4jMultiLayer, ParameterAveragingTrainingMaster on " + master + ", " + d.workers()
                + " workers, averaging every " + d.averagingFrequency() + " batches";
    }

    @Override
    public TrainingResult train(NdDataset nd, BatchPlan plan, Parameters initial, TrainingConfig settings,
                                EpochListener listener, Checkpointer checkpoints) {
        nd.requirePrecision(settings.precision());
        DataType type = NdArrays.dataType(settings.precision());
        MultiLayerNetwork net = FrameworkTrainer.network(initial.nFeatures(), initial.nTargets(), settings);
        FrameworkTrainer.setParameters(net, initial, type);
        Parameters start = FrameworkTrainer.current(net);
        SparkConf conf = new SparkConf().setMaster(master).setAppName("minibatch")
                .set("spark.ui.enabled", String.valueOf(showUi))
                .set("spark.ui.showConsoleProgress", "false")
                // executors on a cluster need the Java 17 openings the driver's launcher gives it
                .set("spark.executor.extraJavaOptions", OPENS);
        if (!master.startsWith("local")) {
            // a cluster's executors need minibatch, DL4J and ND4J: ship the jar this class came from (spark-submit
            // sets spark.jars itself)
            var source = SparkTrainer.class.getProtectionDomain().getCodeSource();
            if (source != null && source.getLocation().getPath().endsWith(".jar")) {
                conf.setIfMissing("spark.jars", source.getLocation().toString());
            }
        }
        JavaSparkContext sc;
        try {
            sc = new JavaSparkContext(conf);
        } catch (RuntimeException e) {
            throw new ConfigException("--spark " + master + ": cannot start Spark (" + firstLine(e) + ")");
        }
        try {
            if (showUi) {
                sc.sc().uiWebUrl().foreach(url -> {
                    System.out.println("Spark UI: " + url);
                    return null;
                });
            }
            boolean shared = d.trainingMaster() == DistributedConfig.TrainingMaster.SHARED_GRADIENTS;
            SparkDl4jMultiLayer spark = new SparkDl4jMultiLayer(sc, net, shared ? sharedGradients(settings)
                    : parameterAveraging(settings));
            BatchPlan.Epochs epochs = plan.epochs();
            int perRound = d.workers() * d.averagingFrequency();
            long[] steps = {0};
            double[] noLosses = new double[plan.batchesPerEpoch()];
            return EpochLoop.run(name(), engine(), nd, settings, start, new EpochLoop.Learner() {
                @Override
                public double epoch(int epoch) {
                    int[] order = epochs.next();
                    List<DataSet> batches = new ArrayList<>();
                    for (int b = 0; b < plan.batchesPerEpoch(); b++) {
                        int len = plan.batchLength(b);
                        INDArray x = Nd4j.create(type, len, nd.xTrain().columns());
                        INDArray y = Nd4j.create(type, len, nd.yTrain().columns());
                        nd.xTrain().gather(order, plan.batchStart(b), len, x);
                        nd.yTrain().gather(order, plan.batchStart(b), len, y);
                        batches.add(new DataSet(x, y));
                    }
                    if (shared) {                       // one asynchronous fit over the whole epoch
                        spark.getNetwork().getLayerWiseConfigurations().setEpochCount(epoch - 1);
                        spark.fit(sc.parallelize(batches, d.workers()));
                        steps[0] += batches.size();
                        return spark.getScore();
                    }
                    double scores = 0.0;
                    int rounds = 0;
                    for (int first = 0; first < batches.size(); first += perRound) {
                        List<DataSet> round = batches.subList(first, Math.min(batches.size(), first + perRound));
                        spark.getNetwork().getLayerWiseConfigurations().setEpochCount(epoch - 1);
                        spark.fit(sc.parallelize(new ArrayList<>(round), Math.min(d.workers(), round.size())));
                        scores += spark.getScore();
                        rounds++;
                        steps[0] += round.size();
                    }
                    return scores / rounds;
                }

                @Override
                public Parameters parameters() {
                    return FrameworkTrainer.current(spark.getNetwork());
                }

                @Override
                public INDArray predict(INDArray x) {
                    return spark.getNetwork().output(x);
                }

                @Override
                public long steps() {
                    return steps[0];
                }

                @Override
                public double[] lastEpochBatchLosses() {
                    return noLosses.clone();      // Spark reports one score per round, not per batch
                }

                @Override
                public void save(Path dir) {
                    throw new UnsupportedOperationException("checkpoints are not supported on Spark");
                }

                @Override
                public void restore(LoopState state) {
                    throw new UnsupportedOperationException("checkpoints are not supported on Spark");
                }
            }, listener, checkpoints);
        } finally {
            sc.stop();
        }
    }

    private org.deeplearning4j.spark.api.TrainingMaster<?, ?> parameterAveraging(TrainingConfig settings) {
        return new ParameterAveragingTrainingMaster.Builder(d.workers(), d.batchSize(settings))
                .batchSizePerWorker(d.batchSize(settings))
                .averagingFrequency(d.averagingFrequency())
                .workerPrefetchNumBatches(d.prefetch())
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                .repartionData(Repartition.Never)
                .saveUpdater(true)
                .collectTrainingStats(false)
                .build();
    }

    /**
     * DL4J's SharedTrainingMaster on this machine: Aeron on loopback. DL4J 1.0.0-M2 configures Aeron with a
     * publication-unblock timeout below the client-liveness timeout, which Aeron refuses; a longer one is set.
     */
    private org.deeplearning4j.spark.api.TrainingMaster<?, ?> sharedGradients(TrainingConfig settings) {
        if (System.getProperty("aeron.publication.unblock.timeout") == null) {
            System.setProperty("aeron.publication.unblock.timeout", "60000000000");
        }
        org.nd4j.parameterserver.distributed.conf.VoidConfiguration vc =
                org.nd4j.parameterserver.distributed.conf.VoidConfiguration.builder().unicastPort(40123)
                        .networkMask("127.0.0.0/8").controllerAddress("127.0.0.1").build();
        return new org.deeplearning4j.spark.parameterserver.training.SharedTrainingMaster.Builder(vc,
                d.batchSize(settings)).batchSizePerWorker(d.batchSize(settings)).workersPerNode(d.workers())
                .workerPrefetchNumBatches(d.prefetch()).collectTrainingStats(false).build();
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
