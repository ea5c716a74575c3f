package dev.minibatch.cli;

import dev.minibatch.config.ConfigException;
import dev.minibatch.config.ConfigOverride;
import dev.minibatch.config.Setting;
import dev.minibatch.run.TrainerChoice;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The options of every command that trains ({@code train}, {@code sweep}), declared once and mixed in: which
 * trainers, the output folder, the overrides of config keys, and how much to print. Flags override the file and
 * are checked exactly as the file is.
 */
final class RunOptions {
    @Option(names = "--out", paramLabel = "DIR",
            description = "Output folder (default: runs/<config name> for train, runs/<config name>-sweep for sweep;"
                    + " a numbered sibling if it holds an earlier run).")
    Path out;

    @Option(names = "--force", description = "Replace the output folder if it holds an earlier run (default: write"
            + " a new numbered folder beside it, e.g. runs/seed-2).")
    boolean force;

    @Option(names = "--live", arity = "0..1", fallbackValue = "0", paramLabel = "PORT",
            description = "Serve a live page of the run on http://127.0.0.1:PORT/ (loopback only; PORT 1-65535, or"
                    + " 0 or none for a free one), printed when training starts: the loss curves, the agreement so"
                    + " far, the epoch, the time left and the fitted line, as they happen.")
    Integer live;

    @Option(names = "--threads", paramLabel = "N",
            description = "CPU threads for ND4J's own ops and for OpenBLAS (default: one each for the products of"
                    + " networks this size, more for large products; OMP_NUM_THREADS or OPENBLAS_NUM_THREADS in the"
                    + " environment are kept). The bits do not change.")
    Integer threads;

    @Option(names = "--log-csv", paramLabel = "FILE",
            description = "Also write every epoch's numbers to FILE as CSV while training (Keras' CSVLogger: trainer,"
                    + " epoch, loss, val_loss, …, epoch_seconds).")
    Path logCsv;

    @Option(names = "--trainer", paramLabel = "WHICH", defaultValue = "both",
            description = "both, framework or scratch (default: ${DEFAULT-VALUE}).")
    TrainerChoice trainer;

    @Option(names = "--backend", paramLabel = "WHICH",
            description = "Overrides backend: auto (CUDA if it can run, else CPU), cpu, or cuda (exit 2 if it"
                    + " cannot run).")
    String backend;

    @Option(names = "--kernels", paramLabel = "WHICH",
            description = "Overrides kernels, the scratch trainer's: auto, host, nd4j, or cuda (minibatch's CUDA"
                    + " kernels; exit 2 if the GPU cannot be used).")
    String kernels;

    @Option(names = "--dtype", paramLabel = "TYPE", description = "Overrides training.dtype: double or float.")
    String dtype;

    @Option(names = "--epochs", paramLabel = "N", description = "Overrides training.epochs.")
    String epochs;

    @Option(names = "--batch-size", paramLabel = "N", description = "Overrides training.batch_size.")
    String batchSize;

    @Option(names = "--learning-rate", paramLabel = "LR", description = "Overrides training.learning_rate.")
    String learningRate;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Overrides any config key, e.g. --set data.noise=5 (repeatable).")
    List<String> sets = new ArrayList<>();

    @ArgGroup(exclusive = true)
    Verbosity verbosity = new Verbosity();

    boolean quiet() {
        return verbosity.quiet;
    }

    boolean verbose() {
        return verbosity.verbose;
    }

    /**
     * Sets the CPU threads for a run's shapes ({@link dev.minibatch.backend.CpuThreads}): {@code --threads}, the
     * environment's, or the default for its largest product.
     *
     * @param cfg the run's configuration (its layers).
     * @param batch the largest batch it trains, in rows.
     * @param features the inputs.
     * @param targets the outputs.
     * @return the counts applied.
     */
    dev.minibatch.backend.CpuThreads applyThreads(dev.minibatch.config.RunConfig cfg, int batch, int features,
                                                  int targets) {
        return dev.minibatch.backend.CpuThreads.decide(threads, dev.minibatch.backend.CpuThreads.largestProduct(batch,
                features, dev.minibatch.config.LayerSpec.widths(cfg.training().hiddenLayers(),
                        dev.minibatch.config.LayerShape.flat(features)), targets)).apply();
    }

    /**
     * Checks the flags that are not config keys, before anything starts: {@code --live}'s port, {@code --threads}.
     *
     * @throws ConfigException if {@code --live} is not 0 (a free port) or a port from 1 to 65535, or
     *     {@code --threads} is below 1.
     */
    void check() {
        if (live != null && (live < 0 || live > 65535)) {
            throw new ConfigException("--live: must be a port from 1 to 65535, or 0 for a free one, got " + live);
        }
        if (threads != null && (threads < 1 || threads > 4096)) {
            throw new ConfigException("--threads: must be a number of threads from 1 to 4096, got " + threads);
        }
    }

    /**
     * The config overrides the flags give, in the order they apply (a named flag after {@code --set}).
     *
     * @return the overrides.
     * @throws ConfigException if a {@code --set} is not KEY=VALUE.
     */
    List<ConfigOverride> overrides() {
        List<ConfigOverride> list = new ArrayList<>();
        for (String s : sets) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException("--set: expected KEY=VALUE, e.g. --set training.epochs=10, got '"
                        + Setting.clip(s) + "'");
            }
            // Spaces around the value go, a tab stays: --set data.delimiter=$'\t' is a tab delimiter.
            String value = s.substring(eq + 1).replaceAll("^ +| +$", "");
            list.add(new ConfigOverride(s.substring(0, eq).trim(), value, "--set " + Setting.clip(s)));
        }
        add(list, "backend", backend, "--backend");
        add(list, "kernels", kernels, "--kernels");
        add(list, "training.dtype", dtype, "--dtype");
        add(list, "training.epochs", epochs, "--epochs");
        add(list, "training.batch_size", batchSize, "--batch-size");
        add(list, "training.learning_rate", learningRate, "--learning-rate");
        return list;
    }

    private static void add(List<ConfigOverride> list, String key, String value, String flag) {
        if (value != null) {
            list.add(new ConfigOverride(key, value, flag));
        }
    }
}
