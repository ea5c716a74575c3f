package dev.minibatch.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minibatch.config.ConfigException;
import dev.minibatch.config.ConfigLoader;
import dev.minibatch.config.ConfigOverride;
import dev.minibatch.config.RunConfig;
import dev.minibatch.results.ResultsFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A run to continue, resolved from its folder: the configuration it goes on with, the checkpoints it starts from,
 * and whether anything is left to train. The configuration is the checkpoint's as it was trained, with the command
 * line's overrides (or a config file, which must match it): only what may change on a resume may differ (more
 * epochs).
 *
 * @param config the configuration the run continues with.
 * @param from the checkpoint folder it starts from.
 * @param linked whether the checkpoints were linked out of a finished run's folder for this resume only; they are
 *     removed again if the resume is refused or has nothing to do ({@link #release()}).
 * @param nothingToDo why there is nothing to train — every trainer asked for finished its epochs and the folder's
 *     results are its last checkpoint (the same epochs, steps, and last epoch's training loss and test MSE) — or
 *     {@code null} when there is training left or the folder is behind its checkpoints (a run interrupted while its
 *     folder was written), which the resume then writes from them.
 */
public record Resume(RunConfig config, Path from, boolean linked, String nothingToDo) {

    /**
     * Resolves the resume of a run folder.
     *
     * @param runFolder the run's folder (what {@code --resume} names).
     * @param configFile a config file that must match the checkpoint's, or {@code null} to take the checkpoint's.
     * @param overrides the command line's overrides.
     * @param trainers the names of the trainers to resume.
     * @return the resume.
     * @throws ConfigException if there is no checkpoint, or the settings differ from the checkpoint's where they
     *     may not.
     */
    public static Resume of(Path runFolder, Path configFile, List<ConfigOverride> overrides, List<String> trainers) {
        boolean linked = !Checkpoints.holdsAny(Checkpoints.folderFor(runFolder));
        Path from = Checkpoints.locate(runFolder);
        try {
            // the checkpoint's settings as they were trained, against the resumed run's after every override: a
            // --set may change only what may change on a resume (more epochs), like a config file
            RunConfig saved = ConfigLoader.load(Checkpoints.configOf(from), List.of());
            SameSettings.requireSameFlags(saved, overrides);
            RunConfig cfg = ConfigLoader.load(configFile == null ? Checkpoints.configOf(from) : configFile,
                    overrides);
            SameSettings.requireSame(saved, cfg, configFile == null ? "--resume " + runFolder : configFile.toString());
            return new Resume(cfg, from, linked, nothingToDo(runFolder, from, cfg, trainers));
        } catch (RuntimeException refused) {
            if (linked) {                      // a finished run's checkpoints, linked out for this resume only
                Checkpoints.discardFolder(from);
            }
            throw refused;
        }
    }

    /** Removes checkpoints that were linked out of a finished run for this resume; the run folder keeps its own. */
    public void release() {
        if (linked) {
            Checkpoints.discardFolder(from);
        }
    }

    /**
     * Ends a resume that has nothing to do: the checkpoints beside the folder go when the folder holds the same
     * ones (linked out for this resume, or left by a run killed after its folder was swapped in whole, before it
     * removed them); checkpoints the folder lacks are kept.
     *
     * @param runFolder the run's folder.
     */
    public void settle(Path runFolder) {
        if (linked || Checkpoints.holdsAny(runFolder.toAbsolutePath().normalize().resolve("checkpoints"))) {
            Checkpoints.discardFolder(from);
        }
    }

    private static String nothingToDo(Path runFolder, Path from, RunConfig cfg, List<String> trainers) {
        int epochs = cfg.training().epochs();
        if (!trainers.stream().allMatch(t -> Checkpoints.finished(from, t, epochs))) {
            return null;
        }
        try {
            JsonNode r = new ObjectMapper().readTree(runFolder.resolve(ResultsFile.FILE).toFile());
            for (String t : trainers) {
                // the folder's results must be the checkpoints' last epoch: a run interrupted while its folder was
                // being written (or a resume with more epochs) left checkpoints ahead of the folder, to write it from
                Checkpoints.Last at = Checkpoints.last(from, t);
                JsonNode written = r.path("trainers").path(t);
                JsonNode history = written.path("history");
                JsonNode last = history.path(history.size() - 1);
                if (at == null || history.size() != at.epochs() || written.path("steps").asLong(-1) != at.steps()
                        || last.path("train_loss").asDouble(Double.NaN) != at.trainLoss()
                        || last.path("test_mse").asDouble(Double.NaN) != at.testMse()) {
                    return null;                       // another run of the same length, or not this one at all
                }
            }
        } catch (IOException e) {
            return null;
        }
        List<String> stopped = new java.util.ArrayList<>();
        for (String t : trainers) {                            // each state.json read once more, here
            int after = Checkpoints.stoppedAfter(from, t);
            if (after > 0) {
                stopped.add(t + " after epoch " + after);
            }
        }
        if (stopped.size() == trainers.size()) {               // more epochs would not train: the loop has ended
            return runFolder + ": finished: early stopping ended it (" + String.join(", ", stopped) + "); nothing"
                    + " to resume; the run is unchanged";
        }
        return runFolder + ": finished (" + epochs + " epochs" + (stopped.isEmpty() ? "" : "; early stopping ended "
                + String.join(", ", stopped)) + "): nothing to resume; the run is unchanged (--epochs N with N above "
                + epochs + " trains on)";
    }

    /**
     * Refuses to resume a scratch checkpoint on the other side of the GPU: CPU kernels agree with DL4J at 0 and the
     * CUDA kernels to the GPU tolerance, so a run half on each would be held to neither. Checked before anything
     * trains.
     *
     * @param checkpoints the in-progress folder.
     * @param now the kernels this resume would take.
     * @throws ConfigException (exit 2) naming both.
     */
    public static void requireSameSideOfTheGpu(Path checkpoints, dev.minibatch.config.Kernels now) {
        String was = Checkpoints.newestOf(checkpoints, dev.minibatch.train.scratch.ScratchTrainer.NAME)
                .flatMap(dev.minibatch.train.scratch.ScratchTrainer::kernelsOf).orElse(null);
        String cuda = dev.minibatch.config.Kernels.CUDA.name();
        if (was != null && was.equals(cuda) != (now == dev.minibatch.config.Kernels.CUDA)) {
            throw new ConfigException("--resume: the scratch trainer's checkpoint was trained on "
                    + (was.equals(cuda) ? "minibatch's CUDA kernels" : "the " + was.toLowerCase(
                    java.util.Locale.ROOT) + " kernels") + " and would continue on "
                    + (now == dev.minibatch.config.Kernels.CUDA ? "the CUDA kernels" : "the "
                    + now.name().toLowerCase(java.util.Locale.ROOT) + " kernels")
                    + "; a run stays on one side of the GPU (resume it with kernels: " + (was.equals(cuda)
                    ? "cuda where a GPU is usable" : "host or nd4j") + ")");
        }
    }
}
