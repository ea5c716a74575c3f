package dev.minibatch.cli;

import dev.minibatch.config.LayerShape;
import dev.minibatch.config.LayerSpec;
import dev.minibatch.config.RunConfig;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The JIT a run gets. {@code scripts/minibatch} starts the JVM with the quick JIT ({@code -XX:TieredStopAtLevel=1}
 * and {@code -Dminibatch.jit=quick}): C1 only, which saves about a second of compilation on the tutorial's run
 * (docs/PERFORMANCE.md), but leaves long runs two to three times slower per step than C2's code. So a command that
 * trains estimates its run from the config first, before anything is loaded, and a run estimated at more than
 * {@value #QUICK_LIMIT_SECONDS} s goes on in a child JVM with the full JIT (tiered C1 + C2): a few tenths of a
 * second spent where it is small against the run. A JVM started otherwise (tests, a library, the user's own
 * {@code MINIBATCH_JAVA_OPTS} JIT flags) is never relaunched.
 */
final class JitMode {
    /** The longest run, estimated on the quick JIT, that stays on it. */
    static final double QUICK_LIMIT_SECONDS = 5;
    private static final String PROPERTY = "minibatch.jit";
    private static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

    private JitMode() {
    }

    /**
     * Relaunches the command with the full JIT when it runs on the quick one and its run is long.
     *
     * @param config the run's configuration.
     * @param batchSizes the batch sizes it trains (one for train; a sweep's list, {@code 0} for the whole split).
     * @param verbose whether to say so on stderr when it relaunches.
     * @param spec the running command.
     * @return the child's exit code, or {@code null} when the command goes on in this JVM.
     */
    static Integer relaunchIfLong(RunConfig config, List<Integer> batchSizes, boolean verbose,
                                  CommandLine.Model.CommandSpec spec) {
        if (!"quick".equals(System.getProperty(PROPERTY))) {
            return null;
        }
        double estimate = estimatedQuickSeconds(config, batchSizes);
        if (estimate <= QUICK_LIMIT_SECONDS) {
            return null;
        }
        if (verbose) {
            spec.commandLine().getErr().printf(java.util.Locale.ROOT, "minibatch: the run is estimated at %.0f s on"
                    + " the quick JIT (C1 only): relaunching with the full JIT (C1 + C2)%n", estimate);
            spec.commandLine().getErr().flush();
        }
        return Relaunch.run(spec, options -> {
            options.removeIf(o -> o.equals(C1_ONLY) || o.startsWith("-D" + PROPERTY + "="));
            options.add("-D" + PROPERTY + "=full");
            return options;
        }, Map.of());
    }

    /**
     * Estimates a run's seconds on the quick JIT, both trainers: about 0.6 ms per update step (DL4J's fixed cost
     * per step dominates small batches) plus 10 ns per multiply-add of the forward and backward passes. A CSV's
     * rows are estimated from its size (10 bytes per value, two values per row: an overestimate of the steps, so
     * a big file is never kept on the quick JIT).
     *
     * @param config the configuration.
     * @param batchSizes the batch sizes; {@code 0} stands for the whole training split.
     * @return the estimate in seconds.
     */
    static double estimatedQuickSeconds(RunConfig config, List<Integer> batchSizes) {
        var d = config.data();
        double rows;
        int features = d.nFeatures();
        if (d.isImages()) {
            rows = 70_000;         // MNIST's and Fashion-MNIST's 60,000 + 10,000 images, or the limits'
            if (d.images().trainLimit() > 0) {
                rows = d.images().trainLimit() + (d.images().testLimit() > 0 ? d.images().testLimit() : 10_000);
            }
            features = 784;
        } else if (d.isCsv()) {
            long bytes;
            try {
                bytes = Files.size(Path.of(d.path()));
            } catch (IOException e) {
                bytes = 0;   // the reader names the problem
            }
            rows = bytes / 20.0;
            features = 1;
        } else {
            rows = d.nSamples();
        }
        double nTrain = Math.max(1, rows * (1 - config.split().testSize()) * (1 - config.split().validationSize()));
        double params = LayerSpec.parameters(config.training().hiddenLayers(), LayerShape.flat(features),
                Math.max(1, d.nTargets()));
        int epochs = config.training().epochs();
        double seconds = 0;
        for (int b : batchSizes) {
            double steps = epochs * Math.ceil(nTrain / (b <= 0 ? nTrain : Math.min(b, nTrain)));
            seconds += steps * 0.6e-3 + epochs * nTrain * params * 3 * 10e-9;
        }
        return seconds;
    }
}
