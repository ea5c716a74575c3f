package dev.minibatch.run;

import dev.minibatch.backend.BackendDecision;
import dev.minibatch.backend.BackendInfo;
import dev.minibatch.batch.BatchPlan;
import dev.minibatch.agreement.Agreement;
import dev.minibatch.config.RunConfig;
import dev.minibatch.config.TrainingConfig;
import dev.minibatch.cache.DiskData;
import dev.minibatch.data.RunData;
import java.nio.file.Path;
import dev.minibatch.data.Datasets;
import dev.minibatch.train.Checkpointer;
import dev.minibatch.train.DivergenceException;
import dev.minibatch.train.EpochListener;
import dev.minibatch.train.EpochRecord;
import dev.minibatch.train.InitialParameters;
import dev.minibatch.train.NdDataset;
import dev.minibatch.train.Trainer;
import dev.minibatch.train.TrainingResult;
import dev.minibatch.train.framework.FrameworkTrainer;
import dev.minibatch.train.scratch.ScratchTrainer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a configuration end to end: generate and split the data, draw the initial parameters, build the batch
 * plan, train with the chosen trainers from the same start on the same plan, and check their agreement.
 */
public final class TrainingRun {
    private TrainingRun() {
    }

    /**
     * Builds the batch plan a configuration describes. With {@code shuffle: numpy} the plan continues the NumPy
     * stream that drew the initial parameters, as the tutorial's global generator does.
     *
     * @param training the training settings.
     * @param rows the number of training rows.
     * @param init the drawn initial parameters and the stream after them.
     * @return the plan.
     */
    public static BatchPlan plan(TrainingConfig training, int rows, InitialParameters init) {
        return switch (training.shuffle()) {
            case NUMPY -> BatchPlan.numpy(rows, training.batchSize(), init.streamAfter());
            case SEEDED -> BatchPlan.seeded(rows, training.batchSize(), training.shuffleSeed());
            case NONE -> BatchPlan.sequential(rows, training.batchSize());
        };
    }

    /**
     * What a run trains on, prepared before any trainer starts: the data, the initial parameters and the plan.
     *
     * @param config the configuration.
     * @param data the split (and possibly standardised) data.
     * @param init the initial parameters and the NumPy stream after them.
     * @param plan the batch plan.
     */
    public record Prepared(RunConfig config, RunData data, InitialParameters init, BatchPlan plan) {
    }

    /**
     * Refuses a network whose parameters DL4J cannot hold: its flat parameter vector (and the kernel sets') is
     * indexed by an int.
     *
     * @param config the run's configuration.
     * @param nFeatures the data's features.
     * @param nTargets the data's targets.
     * @throws dev.minibatch.config.ConfigException (exit code 2) naming the count and the limit.
     */
    static void requireIndexable(RunConfig config, int nFeatures, int nTargets) {
        long n = dev.minibatch.config.LayerSpec.parameters(config.training().hiddenLayers(),
                dev.minibatch.config.LayerShape.flat(nFeatures), nTargets);
        if (n > Integer.MAX_VALUE - 8) {
            throw new dev.minibatch.config.ConfigException(String.format(java.util.Locale.ROOT, "model.hidden_layers:"
                    + " the network has %,d parameters; at most %,d (DL4J's flat parameter vector is indexed by an"
                    + " int): use fewer or smaller layers", n, Integer.MAX_VALUE - 8));
        }
    }

    /**
     * Loads the data, draws the initial parameters and builds the plan. Every user error (a bad CSV, too few rows)
     * surfaces here, before training and before anything is written.
     *
     * @param config the validated configuration.
     * @return the prepared inputs.
     * @throws dev.minibatch.config.ConfigException if the data cannot be used.
     * @throws RunTooLargeException if the data does not fit in the heap.
     */
    public static Prepared prepare(RunConfig config) {
        return prepare(config, Path.of("runs", ".cache"));
    }

    /**
     * Loads the data — into memory, or through the disk cache when {@code data.cache} says so — draws the
     * initial parameters and builds the plan.
     *
     * @param config the validated configuration.
     * @param cacheHome the disk cache's folder when {@code data.cache_dir} does not name one.
     * @return the prepared inputs.
     * @throws dev.minibatch.config.ConfigException if the data cannot be used.
     * @throws RunTooLargeException if the data does not fit in the heap.
     */
    public static Prepared prepare(RunConfig config, Path cacheHome) {
        try {
            RunData data = DiskData.wanted(config) ? DiskData.load(config, config.data().cacheDir().isEmpty()
                    ? cacheHome : Path.of(config.data().cacheDir())) : Datasets.load(config);
            requireIndexable(config, data.nFeatures(), data.nTargets());
            InitialParameters init = InitialParameters.draw(config.model(), config.training().hiddenLayers(),
                    data.nFeatures(), data.nTargets());
            return new Prepared(config, data, init, plan(config.training(), data.nTrain(), init));
        } catch (OutOfMemoryError e) {
            throw new RunTooLargeException(config, e);
        }
    }

    /**
     * What to train, on what and how: the one input of {@link #execute(Request)}, built the same way by the command
     * line ({@code train}, {@code sweep}) and by a program that uses minibatch as a library.
     *
     * @param prepared the configuration's data, initial parameters and batch plan ({@link #prepare}).
     * @param trainers the trainers: the framework role first, the scratch trainer second (their agreement is checked
     *     when there are two), e.g. the Spark trainer and the scratch trainer simulating it.
     * @param listener told after every epoch of every trainer.
     * @param backend the backend decision made before ND4J loaded, recorded in the results.
     * @param checkpoints where checkpoints are saved and found; {@link Checkpointer#NONE} for none.
     */
    public record Request(Prepared prepared, List<Trainer> trainers, EpochListener listener, BackendDecision backend,
                          Checkpointer checkpoints) {
        /**
         * A configuration's run on the CPU backend, quietly, without checkpoints: where a program starts.
         *
         * @param config the validated configuration ({@link dev.minibatch.config.ConfigLoader#load}).
         * @param choice which trainers to run.
         * @return the request.
         * @throws dev.minibatch.config.ConfigException if the data cannot be used.
         */
        public static Request of(RunConfig config, TrainerChoice choice) {
            return of(prepare(config), choice, BackendDecision.cpu());
        }

        /**
         * Prepared inputs with the chosen trainers on a decided backend, quietly, without checkpoints.
         *
         * @param prepared the prepared inputs.
         * @param choice which trainers to run.
         * @param backend the backend decision (its kernels are the scratch trainer's).
         * @return the request.
         */
        public static Request of(Prepared prepared, TrainerChoice choice, BackendDecision backend) {
            return new Request(prepared, Trainers.of(choice, backend.kernels() == null ? null
                    : backend.kernels().kernels()), EpochListener.NONE, backend, Checkpointer.NONE);
        }

        /**
         * The same request, told after every epoch.
         *
         * @param l the listener.
         * @return the request.
         */
        public Request withListener(EpochListener l) {
            return new Request(prepared, trainers, l, backend, checkpoints);
        }

        /**
         * The same request, each trainer from its latest checkpoint if there is one, saving checkpoints as
         * configured.
         *
         * @param c where checkpoints are saved and found.
         * @return the request.
         */
        public Request withCheckpoints(Checkpointer c) {
            return new Request(prepared, trainers, listener, backend, c);
        }
    }

    /**
     * Trains the request's trainers from the same start on the same plan (each from its latest checkpoint when
     * checkpoints are on), and checks their agreement.
     *
     * @param r the request.
     * @return the results: each trainer's parameters, metrics and history, and their agreement; with checkpoints,
     *     equal to an uninterrupted run's (timings aside).
     * @throws dev.minibatch.train.DivergenceException if a trainer's loss stops being finite.
     * @throws RunTooLargeException if the heap or ND4J's native memory runs out.
     */
    public static RunOutcome execute(Request r) {
        try {
            return train(r.prepared(), r.trainers(), r.listener(), r.backend(), r.checkpoints());
        } catch (OutOfMemoryError e) {
            throw new RunTooLargeException(r.prepared().config(), e);
        }
    }

    private static RunOutcome train(Prepared p, List<Trainer> trainers, EpochListener listener,
                                   BackendDecision backend, Checkpointer checkpoints) {
        RunConfig config = p.config();
        // One ND4J copy of the data for both trainers (they only read it): half the native memory of two copies.
        NdDataset nd = p.data() instanceof DiskData disk ? disk.nd()
                : NdDataset.of(p.data().inMemory(), config.training().precision());
        Map<String, TrainingResult> results = new LinkedHashMap<>();
        // Every epoch's record, kept so that a divergence can show the curve up to the blow-up.
        Map<String, List<EpochRecord>> seen = new LinkedHashMap<>();
        EpochListener recording = (trainer, record, epochs) -> {
            seen.computeIfAbsent(trainer, k -> new ArrayList<>()).add(record);
            listener.epochDone(trainer, record, epochs);
        };
        for (Trainer trainer : trainers) {
            seen.putIfAbsent(trainer.name(), new ArrayList<>()); // a trainer that diverges in its first epoch ran too
            try {
                results.put(trainer.name(), trainer.train(nd, p.plan(), p.init().parameters(), config.training(),
                        recording, checkpoints));
            } catch (DivergenceException e) {
                throw e.withHistories(seen);
            }
        }
        Agreement agreement = null;
        if (results.size() == 2) {
            TrainingResult framework = results.get(FrameworkTrainer.NAME);
            double tolerance = config.training().agreementTolerance();
            boolean gpuKernels = trainers.stream().anyMatch(t -> t instanceof ScratchTrainer s
                    && s.kernels() == dev.minibatch.config.Kernels.CUDA);
            if (gpuKernels) {   // the GPU adds its sums in another order: docs/GPU.md
                tolerance = Math.max(tolerance, Agreement.gpuTolerance(config.training().precision(), framework));
            }
            agreement = Agreement.of(framework, results.get(ScratchTrainer.NAME), tolerance);
        }
        return new RunOutcome(config, BackendInfo.current(backend), p.data(), results, agreement);
    }
}
