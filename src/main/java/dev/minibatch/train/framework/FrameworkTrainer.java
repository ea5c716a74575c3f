package dev.minibatch.train.framework;

import dev.minibatch.batch.BatchPlan;
import dev.minibatch.config.LrSchedule;
import dev.minibatch.config.TrainingConfig;
import dev.minibatch.train.EpochListener;
import dev.minibatch.train.Checkpointer;
import dev.minibatch.train.EpochLoop;
import dev.minibatch.train.LoopState;
import org.deeplearning4j.util.ModelSerializer;
import java.io.IOException;
import java.nio.file.Path;
import dev.minibatch.train.NdDataset;
import dev.minibatch.data.NdArrays;
import dev.minibatch.train.Parameters;
import dev.minibatch.train.Trainer;
import dev.minibatch.train.TrainingResult;
import dev.minibatch.train.loss.LossFunction;
import dev.minibatch.train.activation.ActivationFunction;
import dev.minibatch.config.LayerSpec;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import dev.minibatch.train.rule.UpdateRule;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.InverseSchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.PolySchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;
import org.nd4j.linalg.lossfunctions.ILossFunction;


/**
 * Trains with DL4J: a {@link MultiLayerNetwork} of the configured hidden {@link DenseLayer}s (none for the linear
 * model) and a dense {@link OutputLayer} with the configured output activation (identity by default), trained by
 * the configured DL4J updater ({@link UpdateRule#dl4j}), and
 * {@link MultiLayerNetwork#fit(org.nd4j.linalg.dataset.api.iterator.DataSetIterator)} once per epoch over a
 * {@link PlanIterator}. The loss is the configured one's DL4J form ({@link LossFunction#dl4j}): DL4J's own
 * {@code LossMSE} for {@code mse}, minibatch's {@code LossHalfMse} for {@code half_mse}.
 *
 * <p>DL4J's step, read in its sources: dL/dŷ from the loss, ∇W = Xᵀ·dL/dŷ and ∇b = Σ dL/dŷ, then the updater
 * divides by the batch size m (minibatch averaging), {@code Sgd} multiplies by the learning rate, and the
 * parameters are decremented. The batch losses are DL4J's scores, taken before each update.
 */
public final class FrameworkTrainer implements Trainer {
    /** The trainer's name in results. */
    public static final String NAME = "framework";
    /** The file in a checkpoint with DL4J's network and updater state ({@link ModelSerializer}'s format). */
    static final String STATE_FILE = "framework.zip";
    /** The file in a checkpoint with the shuffle stream's state (NumPy's get_state()). */
    static final String SHUFFLE_FILE = "shuffle.json";
    private static final com.fasterxml.jackson.databind.ObjectMapper SHUFFLE =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /**
     * The shuffle stream's state in a checkpoint.
     *
     * @param state the NumPy stream's state, or {@code null} for a shuffle that is replayed instead.
     */
    record Shuffle(dev.minibatch.random.NumpyRandomState.State state) {
    }

    /** Constructs the trainer; it has no settings of its own. */
    public FrameworkTrainer() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String engine() {
        return "DL4J MultiLayerNetwork.fit(DataSetIterator)";
    }

    /**
     * Builds the network: the hidden dense layers, then the output layer with its activation, the configured updater, in the
     * configured data type.
     *
     * @param nIn the number of features.
     * @param nOut the number of targets.
     * @param settings the training settings.
     * @return an initialised network (its parameters are then overwritten with the run's initial ones).
     */
    public static MultiLayerNetwork network(int nIn, int nOut, TrainingConfig settings) {
        return network(nIn, nOut, settings, LossFunction.of(settings.loss()).dl4j(nOut,
                NdArrays.dataType(settings.precision())));
    }

    /**
     * Builds the network as it is saved: the same layer, with a loss function of DL4J's own, so that plain DL4J
     * loads the file with nothing of minibatch on the classpath ({@link LossFunction#portable}).
     *
     * @param nIn the number of features.
     * @param nOut the number of targets.
     * @param settings the training settings.
     * @return an initialised network.
     */
    public static MultiLayerNetwork portableNetwork(int nIn, int nOut, TrainingConfig settings) {
        return network(nIn, nOut, settings, LossFunction.of(settings.loss()).portable(nOut,
                NdArrays.dataType(settings.precision())));
    }

    private static MultiLayerNetwork network(int nIn, int nOut, TrainingConfig settings,
                                             ILossFunction lossFunction) {
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .dataType(NdArrays.dataType(settings.precision()))
                .weightInit(WeightInit.ZERO)
                .updater(updater(settings))
                // weights only (DL4J's l1Bias/l2Bias stay 0); L1 before L2, the order the scratch trainer follows
                .l1(settings.l1())
                .l2(settings.l2())
                .list();
        dev.minibatch.config.LayerShape shape = dev.minibatch.config.LayerShape.flat(nIn);
        for (LayerSpec h : settings.hiddenLayers()) {
            layers.layer(Dl4jLayers.of(h, shape));
            shape = h.output(shape);
        }
        int in = (int) shape.size();
        MultiLayerConfiguration conf = layers.layer(new OutputLayer.Builder(lossFunction)
                        .activation(ActivationFunction.of(settings.outputActivation(),
                                settings.outputActivation().defaultAlpha()).dl4j())
                        .nIn(in)
                        .nOut(nOut)
                        .build())
                .build();
        if (settings.lrSchedule().on()) {
            // DL4J 1.0.0-M2.1's AdaGrad.clone() drops the schedule, and the builder clones the updater into each
            // layer: without this, AdaGrad silently trains at the constant rate. Harmless for the other updaters.
            for (int i = 0; i < conf.getConfs().size(); i++) {
                ((BaseLayer) conf.getConf(i).getLayer()).getIUpdater().setLrAndSchedule(settings.learningRate(),
                        schedule(settings));
            }
        }
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** The configured update rule as DL4J's own {@link IUpdater}, with its hyper-parameters and schedule. */
    static IUpdater updater(TrainingConfig settings) {
        return UpdateRule.of(settings.optimizer(), NdArrays.dataType(settings.precision())).dl4j(
                settings.learningRate(), settings.lrSchedule().on() ? schedule(settings) : null);
    }

    /** The configured learning-rate schedule as DL4J's own {@link ISchedule}. */
    private static ISchedule schedule(TrainingConfig settings) {
        LrSchedule s = settings.lrSchedule();
        ScheduleType type = s.unit() == LrSchedule.Unit.ITERATION ? ScheduleType.ITERATION : ScheduleType.EPOCH;
        double lr0 = settings.learningRate();
        return switch (s.type()) {
            case STEP -> new StepSchedule(type, lr0, s.decayRate(), s.step());
            case EXPONENTIAL -> new ExponentialSchedule(type, lr0, s.gamma());
            case INVERSE -> new InverseSchedule(type, lr0, s.gamma(), s.power());
            case POLY -> new PolySchedule(type, lr0, s.power(), s.maxIter());
            case MAP -> new MapSchedule(type, new java.util.HashMap<>(s.values()));
            case NONE -> throw new IllegalArgumentException("no schedule");
        };
    }

    @Override
    public TrainingResult train(NdDataset nd, BatchPlan plan, Parameters initial, TrainingConfig settings,
                                EpochListener listener, Checkpointer checkpoints) {
        nd.requirePrecision(settings.precision());
        DataType type = NdArrays.dataType(settings.precision());

        MultiLayerNetwork[] net = {network(initial.nFeatures(), initial.nTargets(), settings)};
        setParameters(net[0], initial, type);
        Parameters start = current(net[0]);

        PlanIterator iterator = new PlanIterator(nd.xTrain(), nd.yTrain(), plan);
        BatchLosses batchLosses = new BatchLosses(iterator, plan.batchesPerEpoch());
        net[0].setListeners(batchLosses);

        return EpochLoop.run(NAME, engine(), nd, settings, start, new EpochLoop.Learner() {
            @Override
            public double epoch(int epoch) {
                if (epoch > 1) {
                    iterator.reset();
                }
                batchLosses.startEpoch();
                net[0].fit(iterator);
                return batchLosses.mean();
            }

            @Override
            public Parameters parameters() {
                return current(net[0]);
            }

            @Override
            public INDArray predict(INDArray x) {
                return net[0].output(x);
            }

            @Override
            public long steps() {
                return batchLosses.steps();
            }

            @Override
            public double[] lastEpochBatchLosses() {
                return batchLosses.lastEpoch();
            }

            @Override
            public void save(Path dir) throws IOException {
                // DL4J's own checkpoint: configuration, parameters, updater state, iteration and epoch counts
                ModelSerializer.writeModel(net[0], dir.resolve(STATE_FILE).toFile(), true);
                SHUFFLE.writeValue(dir.resolve(SHUFFLE_FILE).toFile(), new Shuffle(iterator.shuffleState()));
            }

            @Override
            public void restore(LoopState state) throws IOException {
                net[0] = ModelSerializer.restoreMultiLayerNetwork(state.dir().resolve(STATE_FILE).toFile(), true);
                net[0].setListeners(batchLosses);
                batchLosses.restore(state.steps(), state.lastEpochBatchLosses());
                java.io.File shuffle = state.dir().resolve(SHUFFLE_FILE).toFile();
                iterator.restore(shuffle.isFile() ? SHUFFLE.readValue(shuffle, Shuffle.class).state() : null,
                        state.epoch());
            }
        }, listener, checkpoints);
    }

    /**
     * Sets every layer's W and b.
     *
     * @param net a network from {@link #network}.
     * @param p the parameters, of the network's shape.
     * @param type the network's data type.
     */
    public static void setParameters(MultiLayerNetwork net, Parameters p, DataType type) {
        java.util.List<Parameters.Layer> layers = p.layers();
        for (int i = 0; i < layers.size(); i++) {
            net.setParam(i + "_W", NdArrays.matrix(layers.get(i).weights(), type));
            net.setParam(i + "_b", NdArrays.row(layers.get(i).bias(), type));
        }
    }

    /**
     * Every layer's W and b.
     *
     * @param net a network from {@link #network}.
     * @return its parameters, as doubles.
     */
    public static Parameters current(MultiLayerNetwork net) {
        java.util.List<Parameters.Layer> layers = new java.util.ArrayList<>();
        for (int i = 0; i < net.getnLayers(); i++) {
            Parameters p = Parameters.of(net.getParam(i + "_W"), net.getParam(i + "_b"));
            layers.add(new Parameters.Layer(p.weights(), p.bias()));
        }
        return Parameters.ofLayers(layers);
    }

    /** Collects DL4J's per-batch score (taken before the update) weighted by the batch's rows. */
    private static final class BatchLosses extends BaseTrainingListener {
        private final PlanIterator iterator;
        private double weighted;
        private long rows;
        private long steps;
        private final double[] epochLosses;
        private int batchInEpoch;

        BatchLosses(PlanIterator iterator, int batchesPerEpoch) {
            this.iterator = iterator;
            this.epochLosses = new double[batchesPerEpoch];
        }

        void startEpoch() {
            weighted = 0.0;
            rows = 0;
            batchInEpoch = 0;
        }

        double[] lastEpoch() {
            return epochLosses.clone();
        }

        void restore(long stepsDone, double[] lastEpochLosses) {
            steps = stepsDone;
            System.arraycopy(lastEpochLosses, 0, epochLosses, 0, epochLosses.length);
        }

        double mean() {
            return weighted / rows;
        }

        long steps() {
            return steps;
        }

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            int len = iterator.lastBatchLength();
            double score = model.score();
            epochLosses[batchInEpoch++] = score;
            weighted += score * len;
            rows += len;
            steps++;
        }
    }
}
