package dev.minibatch.train.scratch;

import dev.minibatch.batch.BatchPlan;
import dev.minibatch.config.DistributedConfig;
import dev.minibatch.config.LrSchedule;
import dev.minibatch.config.TrainingConfig;
import dev.minibatch.train.EpochListener;
import dev.minibatch.train.Checkpointer;
import dev.minibatch.train.EpochLoop;
import dev.minibatch.train.LoopState;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.nd4j.linalg.api.ndarray.INDArray;
import dev.minibatch.train.NdDataset;
import dev.minibatch.train.Parameters;
import dev.minibatch.train.Trainer;
import dev.minibatch.train.TrainingResult;


/**
 * The tutorial's mini-batch gradient descent written by hand on ND4J, with no DL4J class: per epoch, the plan's
 * row order cut into batches, one {@link ScratchStep} per batch, then the epoch's record. See {@link ScratchStep}
 * for the maths and for why its operations are DL4J's, in DL4J's order.
 */
public final class ScratchTrainer implements Trainer {
    /** The trainer's name in results. */
    public static final String NAME = "scratch";
    /** The file in a checkpoint with the scratch trainer's parameters and optimizer state. */
    static final String STATE_FILE = "scratch.json";
    private static final ObjectMapper STATE = new ObjectMapper();

    /**
     * What a checkpoint keeps of the scratch trainer (doubles are written so that they read back exactly).
     *
     * @param weights W.
     * @param bias b.
     * @param optimizerState the update rule's state arrays.
     * @param shuffle the shuffle stream's state after the epochs done (NumPy's get_state()), or {@code null} for a
     *     shuffle that is replayed instead.
     */
    record SavedState(double[][] weights, double[] bias, double[][] optimizerState,
                      dev.minibatch.random.NumpyRandomState.State shuffle) {
    }

    private final Kernels kernels;
    private final DistributedConfig distributed;

    /** Constructs the trainer with the fastest kernels the running backend supports ({@link Kernels#forBackend}). */
    public ScratchTrainer() {
        this(Kernels.forBackend());
    }

    /**
     * Constructs the trainer with the given kernels.
     *
     * @param kernels how each step is carried out; {@link Kernels#HOST} needs the CPU backend.
     */
    public ScratchTrainer(Kernels kernels) {
        this(kernels, null);
    }

    /**
     * Constructs the trainer simulating, by hand, what DL4J's {@code ParameterAveragingTrainingMaster} does on Spark
     * ({@link ParameterAveraging}).
     *
     * @param kernels how each step is carried out.
     * @param distributed the workers, their batch size and the averaging frequency; {@code null} for one machine.
     */
    public ScratchTrainer(Kernels kernels, DistributedConfig distributed) {
        this.kernels = kernels;
        this.distributed = distributed;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String engine() {
        if (distributed != null) {
            return "ND4J, " + (kernels == Kernels.HOST ? "HOST" : "ND4J") + " kernels, simulating parameter averaging"
                    + " over " + distributed.workers() + " workers by hand";
        }
        return kernels == Kernels.HOST ? "ND4J arrays, HOST kernels (OpenBLAS gemm + host loops)"
                : "ND4J, ND4J kernels (op executor)";
    }

    @Override
    public TrainingResult train(NdDataset nd, BatchPlan plan, Parameters initial, TrainingConfig settings,
                                EpochListener listener, Checkpointer checkpoints) {
        nd.requirePrecision(settings.precision());
        ScratchStep step = new ScratchStep(nd.xTrain(), nd.yTrain(), initial, settings, kernels);
        Parameters start = step.parameters();
        BatchPlan.Epochs epochs = plan.epochs();
        double[] batchLosses = new double[plan.batchesPerEpoch()];
        long[] steps = {0, 0};          // updates; with --spark also the master's iteration count
        LrSchedule schedule = settings.lrSchedule();
        return EpochLoop.run(NAME, engine(), nd, settings, start, new EpochLoop.Model() {
            @Override
            public double epoch(int epoch) {
                if (distributed != null) {
                    return ParameterAveraging.epoch(step, plan, epochs.next(), epoch, settings, distributed, steps,
                            batchLosses);
                }
                int[] order = epochs.next();
                double weighted = 0.0;
                for (int batch = 0; batch < plan.batchesPerEpoch(); batch++) {
                    int len = plan.batchLength(batch);
                    // the schedule's rate for this update: DL4J counts iterations and epochs from 0
                    double rate = schedule.on() ? schedule.valueAt(settings.learningRate(), (int) steps[0],
                            epoch - 1) : settings.learningRate();
                    double loss = step.step(order, plan.batchStart(batch), len, rate, steps[0]);
                    batchLosses[batch] = loss;
                    weighted += loss * len;
                    steps[0]++;
                }
                return weighted / plan.rows();
            }

            @Override
            public Parameters parameters() {
                return step.parameters();
            }

            @Override
            public INDArray predict(INDArray x) {
                return step.predict(x);
            }

            @Override
            public long steps() {
                return steps[0];
            }

            @Override
            public double[] lastEpochBatchLosses() {
                return batchLosses.clone();
            }

            @Override
            public void save(Path dir) throws IOException {
                Parameters p = step.parameters();
                STATE.writeValue(dir.resolve(STATE_FILE).toFile(),
                        new SavedState(p.weights(), p.bias(), step.optimizerState(), epochs.state()));
            }

            @Override
            public void restore(LoopState state) throws IOException {
                SavedState saved = STATE.readValue(state.dir().resolve(STATE_FILE).toFile(), SavedState.class);
                step.restore(new Parameters(saved.weights(), saved.bias()), saved.optimizerState(), state.steps());
                steps[0] = state.steps();
                System.arraycopy(state.lastEpochBatchLosses(), 0, batchLosses, 0, batchLosses.length);
                epochs.restore(saved.shuffle(), state.epoch());   // the stream where the run stood
            }
        }, listener, checkpoints);
    }
}
