package dev.minibatch.train.scratch;

import dev.minibatch.batch.BatchPlan;
import dev.minibatch.config.DistributedConfig;
import dev.minibatch.config.Kernels;
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
 * row order cut into batches, one step of its {@link KernelSet} per batch, then the epoch's record. See
 * {@link CpuKernelSet} for the maths and for why its operations are DL4J's, in DL4J's order.
 */
public final class ScratchTrainer implements Trainer {
    /** The trainer's name in results. */
    public static final String NAME = "scratch";
    /** The file in a checkpoint with the scratch trainer's parameters and optimizer state. */
    static final String STATE_FILE = "scratch.json";
    /** scratch.json: numbers are numbers — a null or a quoted number there is damage, not 0 or a conversion. */
    private static final ObjectMapper STATE = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    /**
     * What a checkpoint keeps of the scratch trainer (doubles are written so that they read back exactly).
     *
     * @param weights W.
     * @param bias b.
     * @param optimizerState the update rule's state arrays.
     * @param shuffle the shuffle stream's state after the epochs done (NumPy's get_state()), or {@code null} for a
     *     shuffle that is replayed instead.
     * @param hidden a network's hidden layers, input to output ({@code null} or empty: the linear model).
     * @param kernels the kernel set that trained it (HOST, ND4J or CUDA; {@code null} in older checkpoints).
     */
    record SavedState(double[][] weights, double[] bias, double[][] optimizerState,
                      dev.minibatch.random.NumpyRandomState.State shuffle, java.util.List<Parameters.Layer> hidden,
                      String kernels) {
    }

    /**
     * The kernel set a scratch checkpoint was trained on, as its state file records it.
     *
     * @param checkpoint one checkpoint's folder of the scratch trainer.
     * @return the kernel set's name ({@code HOST}, {@code ND4J}, {@code CUDA}), or empty where the file does not say
     *     or cannot be read (the restore then names the file).
     */
    public static java.util.Optional<String> kernelsOf(Path checkpoint) {
        try {
            return java.util.Optional.ofNullable(STATE.readTree(checkpoint.resolve(STATE_FILE).toFile())
                    .path("kernels").asText(null));
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    private final Kernels kernels;
    private final DistributedConfig distributed;
    /** The GPU of CUDA kernels, opened when a run starts; {@code null} for the other kernels. */
    private final Supplier<Device> gpu;

    /** Constructs the trainer with the fastest kernels the running backend supports ({@link KernelSet#forBackend}). */
    public ScratchTrainer() {
        this(Kernels.AUTO);
    }

    /**
     * Constructs the trainer with the given kernels.
     *
     * @param kernels how each step is carried out; {@link Kernels#HOST} needs the CPU backend; {@link Kernels#AUTO}
     *     takes {@link KernelSet#forBackend()} (the GPU decision is the backend package's, made before).
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
        this(kernels == Kernels.AUTO ? KernelSet.forBackend() : kernels, distributed,
                kernels == Kernels.CUDA ? CudaDevice::shared : null);
    }

    /**
     * Constructs the trainer with CUDA kernels on a given device (the tests' host build of the same kernels).
     *
     * @param device the device.
     */
    public ScratchTrainer(Device device) {
        this(Kernels.CUDA, null, () -> device);
    }

    private ScratchTrainer(Kernels kernels, DistributedConfig distributed, Supplier<Device> gpu) {
        if (kernels == Kernels.CUDA && distributed != null) {
            throw new IllegalArgumentException("CUDA kernels do not simulate parameter averaging");
        }
        this.kernels = kernels;
        this.distributed = distributed;
        this.gpu = gpu;
    }

    /** @return the kernels this trainer steps with (never AUTO). */
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
            return "CUDA kernels (minibatch's kernels.cu through the CUDA driver: 4 launches per step and 4 more per"
                    + " hidden layer, the training rows resident on the GPU)";
        }
        if (distributed != null) {
            return "ND4J, " + kernels + " kernels, simulating parameter averaging over " + distributed.workers()
                    + " workers by hand";
        }
        return kernels == Kernels.HOST ? "ND4J arrays, HOST kernels (OpenBLAS gemm + host loops)"
                : "ND4J, ND4J kernels (op executor)";
    }

    @Override
    public TrainingResult train(NdDataset nd, BatchPlan plan, Parameters initial, TrainingConfig settings,
                                EpochListener listener, Checkpointer checkpoints) {
        nd.requirePrecision(settings.precision());
        try (KernelSet step = KernelSet.open(kernels, nd.xTrain(), nd.yTrain(), initial, settings, plan, gpu)) {
            double[] rates = new double[plan.batchesPerEpoch()];
            return loop(nd, plan, settings, listener, checkpoints, step, (epoch, order, steps, batchLosses) -> {
                if (distributed != null) {
                    return ParameterAveraging.epoch(step, plan, order, epoch, settings, distributed, steps,
                            batchLosses);
                }
                for (int batch = 0; batch < rates.length; batch++) {
                    rates[batch] = settings.learningRateAt(steps[0] + batch, epoch);
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

    /** The epoch loop's part for any kernel set: the parameters, state, checkpoints and batch losses. */
    private TrainingResult loop(NdDataset nd, BatchPlan plan, TrainingConfig settings, EpochListener listener,
                                Checkpointer checkpoints, KernelSet step, EpochSteps run) {
        BatchPlan.Epochs epochs = plan.epochs();
        double[] batchLosses = new double[plan.batchesPerEpoch()];
        long[] steps = {0, 0};          // updates; with --spark also the master's iteration count
        return EpochLoop.run(NAME, engine(), nd, settings, step.parameters(), new EpochLoop.Learner() {
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
                return step.device() != null ? step.device() : EpochLoop.Learner.super.device();
            }

            @Override
            public double kernelSeconds() {
                return step.kernelSeconds();
            }

            @Override
            public double[] lastEpochBatchLosses() {
                return batchLosses.clone();
            }

            @Override
            public void save(Path dir) throws IOException {
                Parameters p = step.parameters();
                STATE.writeValue(dir.resolve(STATE_FILE).toFile(),
                        new SavedState(p.weights(), p.bias(), step.optimizerState(), epochs.state(), p.hidden(),
                        kernels.name()));
            }

            @Override
            public void restore(LoopState state) throws IOException {
                SavedState saved = STATE.readValue(state.dir().resolve(STATE_FILE).toFile(), SavedState.class);
                String damaged = damaged(saved, step.parameters(), step.optimizerState());
                if (damaged != null) {
                    throw new dev.minibatch.train.DamagedFileException(STATE_FILE + " " + damaged);
                }
                step.restore(new Parameters(saved.weights(), saved.bias(),
                        saved.hidden() == null ? java.util.List.of() : saved.hidden()), saved.optimizerState(),
                        state.steps());
                steps[0] = state.steps();
                System.arraycopy(state.lastEpochBatchLosses(), 0, batchLosses, 0, batchLosses.length);
                epochs.restore(saved.shuffle(), state.epoch());   // the stream where the run stood
            }
        }, listener, checkpoints);
    }

    /**
     * What a checkpoint's scratch.json holds that the run cannot continue from, or {@code null}: a value missing,
     * layers or an optimizer state of another shape than the run's, or a value that is not finite (a run would
     * only diverge from it, and a divergence discards the checkpoints).
     */
    static String damaged(SavedState saved, Parameters now, double[][] optimizerNow) {
        if (saved == null || saved.weights() == null || saved.bias() == null) {
            return "has no " + (saved == null ? "values" : saved.weights() == null ? "'weights'" : "'bias'");
        }
        java.util.List<Parameters.Layer> hidden = saved.hidden() == null ? java.util.List.of() : saved.hidden();
        if (hidden.size() != now.hidden().size() || hidden.contains(null)) {
            return "holds " + hidden.size() + " hidden layers, the run's config " + now.hidden().size();
        }
        java.util.List<Parameters.Layer> was = new java.util.ArrayList<>(hidden);
        was.add(new Parameters.Layer(saved.weights(), saved.bias()));
        java.util.List<Parameters.Layer> is = now.layers();
        for (int l = 0; l < is.size(); l++) {
            String shape = shape(was.get(l).weights(), was.get(l).bias());
            if (!shape.equals(shape(is.get(l).weights(), is.get(l).bias()))) {
                return "holds layer " + (l + 1) + " as " + shape + ", the run's " + shape(is.get(l).weights(),
                        is.get(l).bias());
            }
            if (!finite(was.get(l).weights()) || !finite(new double[][] {was.get(l).bias()})) {
                return "holds a value of layer " + (l + 1) + " that is not finite";
            }
        }
        double[][] opt = saved.optimizerState();
        if (opt == null) {
            return "has no 'optimizerState'";
        }
        if (optimizerNow != null && !shape(opt, new double[0]).equals(shape(optimizerNow, new double[0]))
                || java.util.Arrays.stream(opt).anyMatch(java.util.Objects::isNull)) {
            return "holds an optimizer state of another shape than the run's optimizer keeps";
        }
        return finite(opt) ? null : "holds an optimizer state value that is not finite";
    }

    /** A layer's shape as a message shows it, "3 × 2 weights, 2 biases"; a ragged W shows its row lengths. */
    private static String shape(double[][] w, double[] b) {
        if (w == null || b == null) {
            return "missing";
        }
        java.util.Set<Integer> cols = new java.util.TreeSet<>();
        for (double[] row : w) {
            cols.add(row == null ? -1 : row.length);
        }
        return w.length + " × " + (cols.size() == 1 ? String.valueOf(cols.iterator().next()) : cols.toString())
                + " weights, " + b.length + " biases";
    }

    private static boolean finite(double[][] rows) {
        for (double[] r : rows) {
            if (r == null) {
                return false;
            }
            for (double v : r) {
                if (!Double.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }
}
