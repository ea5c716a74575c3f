package dev.minibatch.cli;

import dev.minibatch.config.ConfigException;
import dev.minibatch.config.DistributedConfig;
import dev.minibatch.config.LrSchedule;
import dev.minibatch.config.Optimizer;
import dev.minibatch.config.RunConfig;
import dev.minibatch.data.RunData;
import dev.minibatch.run.DistributedBackend;
import dev.minibatch.run.TrainerChoice;
import dev.minibatch.train.Trainer;
import dev.minibatch.config.Kernels;
import dev.minibatch.train.scratch.ScratchTrainer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code train --spark MASTER}: the checks before anything starts, and the two trainers — DL4J on Spark in the
 * framework trainer's role, and the scratch trainer simulating its parameter averaging.
 */
final class SparkRun {
    private static final Pattern MASTER = Pattern.compile(
            "local(\\[(\\d+|\\*)])?|spark://[A-Za-z0-9._-]+:\\d{1,5}(,[A-Za-z0-9._-]+:\\d{1,5})*|yarn");

    private SparkRun() {
    }

    /**
     * Checks the master URL and the settings a Spark run cannot take, and sets the per-worker batch size.
     *
     * @param cfg the configuration (its distributed.master set).
     * @param resume whether --resume was given.
     * @param choice which trainers will run.
     * @return the configuration with training.batch_size = distributed.batch_size_per_worker.
     * @throws ConfigException (exit 2) naming the flag or key.
     */
    static RunConfig check(RunConfig cfg, boolean resume, TrainerChoice choice) {
        if (cfg.kernels() == dev.minibatch.config.Kernels.CUDA) {
            throw new ConfigException("--spark: the scratch trainer's simulation of parameter averaging runs on the"
                    + " HOST or ND4J kernels, not cuda (kernels: auto, host or nd4j)");
        }
        String master = cfg.distributed().master();
        if (!MASTER.matcher(master).matches()) {
            throw new ConfigException("--spark (distributed.master): '" + dev.minibatch.config.Setting.clip(master)
                    + "' is not a Spark"
                    + " master URL (local, local[N], local[*], spark://host:port or yarn)");
        }
        if (master.startsWith("spark://")) {
            for (String hostPort : master.substring("spark://".length()).split(",")) {
                reachable(master, hostPort);
            }
        }
        if (master.equals("yarn") && System.getenv("HADOOP_CONF_DIR") == null && System.getenv("YARN_CONF_DIR") == null) {
            throw new ConfigException("--spark yarn: set HADOOP_CONF_DIR (or YARN_CONF_DIR) to the cluster's"
                    + " configuration folder");
        }
        DistributedConfig d = cfg.distributed();
        if (d.trainingMaster() == DistributedConfig.TrainingMaster.SHARED_GRADIENTS && !master.startsWith("local")) {
            throw new ConfigException("distributed.training_master: shared_gradients runs on local[N] masters only"
                    + " (its Aeron transport needs the cluster's network settings, not wired here); use"
                    + " parameter_averaging on a cluster");
        }
        if (d.trainingMaster() == DistributedConfig.TrainingMaster.SHARED_GRADIENTS
                && choice == TrainerChoice.SCRATCH) {
            throw new ConfigException("--trainer scratch: the scratch trainer simulates parameter averaging only;"
                    + " shared_gradients trains with DL4J alone (--trainer framework)");
        }
        if (resume || cfg.checkpoint().on()) {
            throw new ConfigException("--spark: checkpoints and --resume are not supported on Spark yet (unset"
                    + " training.checkpoint_every)");
        }
        if (cfg.training().optimizer().kind() == Optimizer.Kind.ADAGRAD
                && cfg.training().lrSchedule().type() != LrSchedule.Type.NONE) {
            throw new ConfigException("--spark: adagrad with a learning-rate schedule is refused: DL4J 1.0.0-M2.1's"
                    + " AdaGrad.clone() drops the schedule, and every Spark worker clones the configuration");
        }
        if (choice != TrainerChoice.SCRATCH && DistributedBackend.find().isEmpty()) {
            throw new ConfigException("--spark: this build has no Spark; build and run it with scripts/minibatch-spark"
                    + " (or ./mvnw -Pspark package), or run the scratch trainer's simulation alone with --trainer"
                    + " scratch");
        }
        return cfg.with(dev.minibatch.config.Settings.BATCH_SIZE, d.batchSize(cfg.training()));
    }

    /** A standalone master that does not answer: one line now, not Spark's minute of retries. */
    private static void reachable(String master, String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        String host = hostPort.substring(0, colon);
        int port = Integer.parseInt(hostPort.substring(colon + 1));
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(host, port), 5000);
        } catch (java.io.IOException e) {
            throw new ConfigException("--spark " + master + ": cannot reach the Spark master at " + hostPort + " ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + "); is it running?"
                    + " (scripts/spark-cluster starts one on this machine)");
        }
    }

    /**
     * Checks the data against the workers.
     *
     * @param cfg the configuration.
     * @param data the loaded data.
     * @throws ConfigException (exit 2) if there are more workers than training rows.
     */
    static void checkData(RunConfig cfg, RunData data) {
        if (cfg.distributed().workers() > data.nTrain()) {
            throw new ConfigException("distributed.workers: " + cfg.distributed().workers() + " workers for "
                    + data.nTrain() + " training rows; each worker needs at least one row");
        }
    }

    /**
     * The trainers of a Spark run.
     *
     * @param cfg the configuration.
     * @param choice which of the two to run.
     * @param showUi whether to start Spark's web UI.
     * @param kernels the simulation's kernels (HOST or ND4J).
     * @return the trainers: Spark first, the simulation second.
     * @throws ConfigException (exit 2) if this build has no Spark.
     */
    static List<Trainer> trainers(RunConfig cfg, TrainerChoice choice, boolean showUi, Kernels kernels) {
        List<Trainer> out = new ArrayList<>();
        if (choice != TrainerChoice.SCRATCH) {
            out.add(DistributedBackend.find().orElseThrow().trainer(cfg.distributed().master(), cfg.distributed(),
                    showUi));
        }
        // shared gradients are asynchronous: nothing to simulate, so DL4J trains alone (docs/SPARK.md)
        if (choice != TrainerChoice.FRAMEWORK
                && cfg.distributed().trainingMaster() == DistributedConfig.TrainingMaster.PARAMETER_AVERAGING) {
            out.add(new ScratchTrainer(kernels, cfg.distributed()));
        }
        return out;
    }
}
