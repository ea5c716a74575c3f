package dev.minibatch.run;

import dev.minibatch.config.DataConfig;
import dev.minibatch.config.RunConfig;
import dev.minibatch.config.Setting;

import java.util.Locale;

/**
 * Thrown when a run does not fit in memory: the JVM heap or ND4J's native memory ran out. The message says how
 * large the run was and what to set; commands exit with {@code ExitCodes.OUT_OF_MEMORY}, not "disagree" or
 * "internal error".
 */
public final class RunTooLargeException extends RuntimeException {
    /**
     * Constructs the exception.
     *
     * @param config the run's configuration, whose size the message states.
     * @param cause the error the JVM or ND4J raised.
     */
    public RunTooLargeException(RunConfig config, OutOfMemoryError cause) {
        super(message(config, cause), cause, false, false);
    }

    private static String message(RunConfig config, OutOfMemoryError cause) {
        DataConfig d = config.data();
        String size = d.isCsv() ? "the data of " + d.path() : d.isImages() ? "the images of " + d.path()
                : String.format(Locale.ROOT, "%,d rows × (%,d features + %,d targets) = %s as doubles",
                        d.nSamples(), d.nFeatures(), d.nTargets(),
                        mib((double) d.nSamples() * (d.nFeatures() + d.nTargets()) * Double.BYTES));
        long heap = Runtime.getRuntime().maxMemory();
        String what = cause.getMessage() == null ? "" : " (" + Setting.firstLine(cause.getMessage(), "") + ")";
        double params = parameters(config);
        if (params * Double.BYTES > (double) d.nSamples() * (d.nFeatures() + d.nTargets()) * Double.BYTES) {
            // the network, not the data, is what does not fit: each parameter is held several times over
            return "out of memory" + what + String.format(Locale.ROOT, ": the network (model.hidden_layers) has"
                    + " %,.0f parameters, %s each copy as doubles, and a run holds several (both trainers'"
                    + " parameters, gradients and update-rule state), with a JVM heap of %s; use fewer or smaller"
                    + " hidden layers, or set MINIBATCH_HEAP (e.g. MINIBATCH_HEAP=16g) to a larger heap", params,
                    mib(params * Double.BYTES), mib(heap));
        }
        return "out of memory" + what + ": the run holds " + size + ", plus ND4J's copy in the training"
                + " precision, with a JVM heap of " + mib(heap) + "; set MINIBATCH_HEAP (e.g. MINIBATCH_HEAP=16g)"
                + " to a larger heap," + (d.cache() == DataConfig.Cache.NEVER ? " set data.cache: always"
                + " to train from the disk cache instead," : "") + " or use fewer rows";
    }

    /** The model's parameter count: Σ (n_in + 1)·n_out over its layers (a CSV's features counted as one). */
    private static double parameters(RunConfig config) {
        return dev.minibatch.config.LayerSpec.parameters(config.training().hiddenLayers(),
                dev.minibatch.config.LayerShape.flat(config.data().isCsv() ? 1 : config.data().nFeatures()),
                config.data().isCsv() ? 1 : config.data().nTargets());
    }

    private static String mib(double bytes) {
        return bytes >= 1024.0 * 1024 * 1024 ? String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024))
                : String.format(Locale.ROOT, "%.0f MiB", bytes / (1024.0 * 1024));
    }
}
