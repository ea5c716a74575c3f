package dev.minibatch.run;

import dev.minibatch.backend.BackendDecision;
import dev.minibatch.backend.BackendInfo;
import dev.minibatch.batch.BatchPlan;
import dev.minibatch.compare.Agreement;
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
        long n = 0;
        long in = nFeatures;
        for (dev.minibatch.config.HiddenLayer h : config.training().hiddenLayers()) {
            n += (in + 1) * h.units();
            in = h.units();
        }
        n += (in + 1) * nTargets;
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
     * Runs a configuration end to end on the CPU backend, quietly: the entry point for a program that uses
     * minibatch as a library.
     *
     * @param config the validated configuration ({@link dev.minibatch.config.ConfigLoader#load}).
     * @param choice which trainers to run.
     * @return the results: each trainer's parameters, metrics and history, and their agreement.
     * @throws dev.minibatch.train.DivergenceException if a trainer diverges.
     * @throws dev.minibatch.config.ConfigException if the data cannot be used.
     */
    public static RunResult execute(RunConfig config, TrainerChoice choice) {
        return execute(config, choice, EpochListener.NONE, BackendDecision.cpu());
    }

    /**
     * Runs a configuration end to end.
     *
     * @param config the validated configuration.
     * @param choice which trainers to run.
     * @param listener told after every epoch of every trainer.
     * @param backend the backend decision made before ND4J loaded, recorded in the results.
     * @return the results.
     * @throws dev.minibatch.train.DivergenceException if a trainer's loss stops being finite.
     */
    public static RunResult execute(RunConfig config, TrainerChoice choice, EpochListener listener,
                                    BackendDecision backend) {
        return execute(prepare(config), choice, listener, backend);
    }

    /**
     * Trains prepared inputs with the chosen trainers, from the same start on the same plan, and checks their
     * agreement.
     *
     * @param p the prepared inputs.
     * @param choice which trainers to run.
     * @param listener told after every epoch of every trainer.
     * @param backend the backend decision made before ND4J loaded, recorded in the results.
     * @return the results.
     * @throws dev.minibatch.train.DivergenceException if a trainer's loss stops being finite.
     * @throws RunTooLargeException if the heap or ND4J's native memory runs out.
     */
    public static RunResult execute(Prepared p, TrainerChoice choice, EpochListener listener,
                                    BackendDecision backend) {
        return execute(p, choice, listener, backend, Checkpointer.NONE);
    }

    /**
     * Trains prepared inputs, each trainer from its latest checkpoint if there is one, saving checkpoints as
     * configured.
     *
     * @param p the prepared inputs.
     * @param choice which trainers to run.
     * @param listener told after every epoch trained.
     * @param backend the backend decision made before ND4J loaded, recorded in the results.
     * @param checkpoints where checkpoints are saved and found.
     * @return the results, equal to an uninterrupted run's (timings aside).
     * @throws dev.minibatch.train.DivergenceException if a trainer's loss stops being finite.
     * @throws RunTooLargeException if the heap or ND4J's native memory runs out.
     */
    public static RunResult execute(Prepared p, TrainerChoice choice, EpochListener listener,
                                    BackendDecision backend, Checkpointer checkpoints) {
        return execute(p, Trainers.of(choice, backend.kernels() == null ? null : backend.kernels().kernels()), listener,
                backend, checkpoints);
    }

    /**
     * Trains prepared inputs with given trainers (e.g. the Spark trainer and the scratch trainer simulating it):
     * the framework-role trainer first, the scratch trainer second, whose agreement is checked.
     *
     * @param p the prepared inputs.
     * @param trainers the trainers, in that order.
     * @param listener told after every epoch trained.
     * @param backend the backend decision made before ND4J loaded.
     * @param checkpoints where checkpoints are saved and found.
     * @return the results.
     * @throws dev.minibatch.train.DivergenceException if a trainer's loss stops being finite.
     * @throws RunTooLargeException if the heap or ND4J's native memory runs out.
     */
    public static RunResult execute(Prepared p, List<Trainer> trainers, EpochListener listener,
                                    BackendDecision backend, Checkpointer checkpoints) {
        try {
            return train(p, trainers, listener, backend, checkpoints);
        } catch (OutOfMemoryError e) {
            throw new RunTooLargeException(p.config(), e);
        }
    }

    private static RunResult train(Prepared p, List<Trainer> trainers, EpochListener listener,
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
        return new RunResult(config, BackendInfo.current(backend), p.data(), results, agreement);
    }
}
