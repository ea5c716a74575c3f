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
import java.util.function.Supplier;
import dev.minibatch.cuda.CudaDevice;
import dev.minibatch.cuda.Device;
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
    /** The GPU of CUDA kernels, opened when a run starts; {@code null} for the other kernels. */
    private final Supplier<Device> gpu;

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
        if (kernels == Kernels.CUDA && distributed != null) {
            throw new IllegalArgumentException("CUDA kernels do not simulate parameter averaging");
        }
        this.kernels = kernels;
        this.distributed = distributed;
        this.gpu = kernels == Kernels.CUDA ? CudaDevice::shared : null;
    }

    /**
     * Constructs the trainer with CUDA kernels on a given device (the tests' host build of the same kernels).
     *
     * @param device the device.
     */
    public ScratchTrainer(Device device) {
        this.kernels = Kernels.CUDA;
        this.distributed = null;
        this.gpu = () -> device;
    }

    /** @return the kernels this trainer steps with. */
    public Kernels kernels() {
        return kernels;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String engine() {
        if (kernels == Kernels.CUDA) {
            return "CUDA kernels (minibatch's kernels.cu through the CUDA driver: 4 launches per step, the training"
                    + " rows resident on the GPU)";
        }
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
        if (kernels == Kernels.CUDA) {
            Device dev = gpu.get();
            try (CudaStep step = new CudaStep(dev, nd.xTrain(), nd.yTrain(), initial, settings, plan)) {
                double[] rates = new double[plan.batchesPerEpoch()];
                return loop(nd, plan, settings, listener, checkpoints, step, device(dev, step.memoryUsed()),
                        (epoch, order, steps, batchLosses) -> {
                            for (int batch = 0; batch < rates.length; batch++) {
                                rates[batch] = rate(settings, steps[0] + batch, epoch);
                            }
                            step.epoch(order, plan, rates, steps[0], batchLosses);
                            steps[0] += rates.length;
                            double weighted = 0.0;
                            for (int batch = 0; batch < rates.length; batch++) {
                                weighted += batchLosses[batch] * plan.batchLength(batch);
                            }
                            return weighted / plan.rows();
                        });
            }
        }
        ScratchStep step = new ScratchStep(nd.xTrain(), nd.yTrain(), initial, settings, kernels);
        return loop(nd, plan, settings, listener, checkpoints, step, null, (epoch, order, steps, batchLosses) -> {
            if (distributed != null) {
                return ParameterAveraging.epoch(step, plan, order, epoch, settings, distributed, steps, batchLosses);
            }
            double weighted = 0.0;
            for (int batch = 0; batch < plan.batchesPerEpoch(); batch++) {
                int len = plan.batchLength(batch);
                double loss = step.step(order, plan.batchStart(batch), len, rate(settings, steps[0], epoch), steps[0]);
                batchLosses[batch] = loss;
                weighted += loss * len;
                steps[0]++;
            }
            return weighted / plan.rows();
        });
    }

    /** The learning rate of an update: the schedule's value, as DL4J counts iterations and epochs (from 0). */
    private static double rate(TrainingConfig settings, long iteration, int epoch) {
        LrSchedule schedule = settings.lrSchedule();
        return schedule.on() ? schedule.valueAt(settings.learningRate(), (int) iteration, epoch - 1)
                : settings.learningRate();
    }

    private static String device(Device dev, long bytes) {
        return dev.description() + "; " + (bytes < 1 << 20 ? String.format(java.util.Locale.ROOT, "%.1f KiB",
                bytes / 1024.0) : String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0))
                + " of GPU memory for this run";
    }

    /** One epoch of updates with a kernel set: fills the batch losses, advances the step counts. */
    @FunctionalInterface
    private interface EpochSteps {
        /**
         * Runs the epoch.
         *
         * @param epoch the epoch, from 1.
         * @param order its row order.
         * @param steps the updates so far (and, with --spark, the master's iteration count), advanced.
         * @param batchLosses receives each batch's loss.
         * @return the batch-size-weighted mean of the batch losses.
         */
        double run(int epoch, int[] order, long[] steps, double[] batchLosses);
    }

    /** The epoch loop's part for either kind of step: the parameters, state, checkpoints and batch losses. */
    private TrainingResult loop(NdDataset nd, BatchPlan plan, TrainingConfig settings, EpochListener listener,
                                Checkpointer checkpoints, StepState step, String device, EpochSteps run) {
        BatchPlan.Epochs epochs = plan.epochs();
        double[] batchLosses = new double[plan.batchesPerEpoch()];
        long[] steps = {0, 0};          // updates; with --spark also the master's iteration count
        return EpochLoop.run(NAME, engine(), nd, settings, step.parameters(), new EpochLoop.Model() {
            @Override
            public double epoch(int epoch) {
                return run.run(epoch, epochs.next(), steps, batchLosses);
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
            public String device() {
                return device != null ? device : EpochLoop.Model.super.device();
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
