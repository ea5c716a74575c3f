package dev.minibatch.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.minibatch.config.ConfigException;
import dev.minibatch.config.ConfigTree;
import dev.minibatch.config.RunConfig;
import dev.minibatch.io.OutputFolder;
import dev.minibatch.train.Checkpointer;
import dev.minibatch.train.EpochRecord;
import dev.minibatch.train.LoopState;
import dev.minibatch.io.TestHooks;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A run's checkpoints on disk. While a run is in progress they live beside its folder, in
 * {@code .NAME.checkpoints/} (the run folder itself is written whole at the end, so a checkpoint cannot go in it
 * before); a finished run carries them in {@code NAME/checkpoints/}. Each checkpoint is one folder,
 * {@code TRAINER-epoch-NNNNNNNNN/}, holding the trainer's own files (DL4J's {@code framework.zip}, the scratch
 * trainer's {@code scratch.json}), {@code state.json} ({@link TrainerState}) and the run's {@code config.yaml}. It
 * is written under a temporary name and renamed into place, so a checkpoint is whole or absent, whenever the
 * process is killed; the last {@code training.checkpoint_keep} of each trainer are kept.
 *
 * <p>The shuffle stream's state is part of each trainer's files: NumPy's {@code get_state()} for
 * {@code shuffle: numpy}; the seeded shuffle, whose {@code SplittableRandom} state cannot be read, is drawn again
 * for the epochs done ({@code BatchPlan.Epochs#restore}).
 */
public final class Checkpoints implements Checkpointer {
    /** The config file in every checkpoint. */
    public static final String CONFIG = "config.yaml";
    private static final String STATE = "state.json";
    private static final String WRITING = ".writing-";
    private static final Pattern NAME = Pattern.compile("([a-z]+)-epoch-(\\d{9})");
    /** Reads and writes state.json by the records' fields alone (not by methods such as {@code isLinear()}). */
    private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .visibility(com.fasterxml.jackson.annotation.PropertyAccessor.ALL,
                    com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE)
            .visibility(com.fasterxml.jackson.annotation.PropertyAccessor.FIELD,
                    com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private final Path folder;
    private final RunConfig config;
    private final java.util.function.Supplier<String> fingerprint;
    private final int stepsPerEpoch;
    private String dataSha256;

    /**
     * Checkpoints of a run.
     *
     * @param folder the folder they go in ({@link #folderFor}).
     * @param config the run's configuration.
     * @param fingerprint gives the run's data fingerprint ({@link dev.minibatch.data.RunData#fingerprint}), asked
     *     only when a checkpoint is read or written: hashing the data is not every run's cost.
     */
    public Checkpoints(Path folder, RunConfig config, java.util.function.Supplier<String> fingerprint) {
        this(folder, config, fingerprint, 0);
    }

    /**
     * Checkpoints of a run whose batch plan is known, so that a checkpoint's step count is checked against it.
     *
     * @param folder the folder they go in ({@link #folderFor}).
     * @param config the run's configuration.
     * @param fingerprint gives the run's data fingerprint, asked only when a checkpoint is read or written.
     * @param stepsPerEpoch the batch plan's update steps per epoch, or 0 where it is not known.
     */
    public Checkpoints(Path folder, RunConfig config, java.util.function.Supplier<String> fingerprint,
                       int stepsPerEpoch) {
        this.folder = folder;
        this.config = config;
        this.fingerprint = fingerprint;
        this.stepsPerEpoch = stepsPerEpoch;
    }

    /**
     * The in-progress checkpoint folder of a run folder.
     *
     * @param target the run folder.
     * @return {@code .NAME.checkpoints} beside it.
     */
    public static Path folderFor(Path target) {
        Path t = target.toAbsolutePath().normalize();
        return t.resolveSibling("." + t.getFileName() + ".checkpoints");
    }

    private String sha256() {
        if (dataSha256 == null) {
            dataSha256 = fingerprint.get();
        }
        return dataSha256;
    }

    @Override
    public int every() {
        return config.checkpoint().every();
    }

    @Override
    public Optional<LoopState> latest(String trainer) {
        Optional<Path> dir = newest(folder, trainer);
        if (dir.isEmpty()) {
            return Optional.empty();
        }
        Path file = dir.get().resolve(STATE);
        TrainerState s;
        try {
            com.fasterxml.jackson.databind.JsonNode tree = JSON.readTree(file.toFile());
            int format = tree == null ? 0 : tree.path("format").asInt(0);
            if (format != TrainerState.FORMAT && format > 0) {
                throw new ConfigException("--resume: the checkpoint " + dir.get().getFileName() + " was written by"
                        + " another version of minibatch (checkpoint format " + format + "; this one reads "
                        + TrainerState.FORMAT + "): resume it with that version, or train the run again");
            }
            if (tree == null || tree.isObject() && tree.isEmpty()) {    // (a reader would fail on its first key)
                throw new ConfigException("--resume: the checkpoint " + dir.get().getFileName() + ": its " + STATE
                        + " is not a " + trainer + " checkpoint's state of this version");
            }
            String missing = missingInHistory(tree);
            if (missing != null) {
                throw new ConfigException("--resume: the checkpoint " + dir.get().getFileName() + ": its " + STATE
                        + " " + missing + "; the file was edited or is damaged" + earlier(dir.get()));
            }
            s = JSON.treeToValue(tree, TrainerState.class);
        } catch (IOException e) {
            throw new ConfigException("--resume: the checkpoint " + dir.get().getFileName() + ": its " + STATE + " "
                    + whatIsWrong(e) + earlier(dir.get()));
        }
        if (s == null || s.format() != TrainerState.FORMAT || !trainer.equals(s.trainer())) {
            throw new ConfigException("--resume: the checkpoint " + dir.get().getFileName() + ": its " + STATE
                    + " is not a " + trainer + " checkpoint's state of this version");
        }
        String contradiction = contradiction(dir.get(), s);
        if (contradiction != null) {
            throw new ConfigException("--resume: the checkpoint " + dir.get().getFileName() + ": its " + STATE + " "
                    + contradiction + "; the file was edited or is damaged" + earlier(dir.get()));
        }
        if (!sha256().equals(s.dataSha256())) {
            throw new ConfigException("--resume: the data differs from the data the checkpoint " + dir.get()
                    .getFileName() + " was trained on (" + (config.data().isCsv() ? "the CSV " + config.data()
                    .path() + " changed since" : "the generated data differs") + "); it cannot be continued");
        }
        if (s.epoch() > config.training().epochs() && s.stoppedAfter() == 0) {
            throw new ConfigException("--resume: the " + trainer + " checkpoint is at epoch " + s.epoch()
                    + ", past training.epochs " + config.training().epochs() + "; set training.epochs to at"
                    + " least " + s.epoch());
        }
        return Optional.of(s.loopState(dir.get()));
    }

    /** A history entry without one of the numbers every epoch records (a reader would take 0 for it), or null. */
    private static String missingInHistory(com.fasterxml.jackson.databind.JsonNode tree) {
        com.fasterxml.jackson.databind.JsonNode h = tree == null ? null : tree.get("history");
        if (h == null || !h.isArray()) {
            return null;                                       // the record's own reading says what is wrong
        }
        for (int i = 0; i < h.size(); i++) {
            for (String key : new String[] {"epoch", "trainLoss", "batchLossMean", "testMse", "stepSeconds"}) {
                if (h.get(i).isObject() && !h.get(i).has(key)) {
                    return "has history entry " + (i + 1) + " without its '" + key + "'";
                }
            }
        }
        return null;
    }

    /**
     * What a state.json says that its folder's name, its own history, the batch plan or the trainer's checkpoint
     * before it contradicts, or {@code null} when it is consistent: the epoch is the folder's, the history has one
     * entry per epoch in order, early stopping's counts lie within the epochs done, and the steps are the plan's
     * steps per epoch times the epochs (or, where the plan is not known, a whole number per epoch, the same as the
     * checkpoint before it).
     */
    private String contradiction(Path dir, TrainerState s) {
        int named = epochOf(dir);
        if (s.epoch() != named) {
            return "says epoch " + s.epoch() + " in the folder of epoch " + named;
        }
        List<EpochRecord> history = s.history() == null ? List.of() : s.history();
        if (history.size() != s.epoch()) {
            return "holds " + history.size() + " epochs of history for epoch " + s.epoch();
        }
        for (int i = 0; i < history.size(); i++) {
            EpochRecord r = history.get(i);
            if (r == null || r.epoch() != i + 1) {
                return "has history entry " + (i + 1) + " for epoch " + (r == null ? "none"
                        : String.valueOf(r.epoch()));
            }
            if (!Double.isFinite(r.trainLoss()) || !Double.isFinite(r.batchLossMean()) || !Double.isFinite(r.testMse())
                    || !(r.stepSeconds() >= 0)) {
                return "has history entry " + (i + 1) + " with a loss that is not finite (a run stops at the first"
                        + " one) or negative seconds";
            }
        }
        if (!(s.trainSeconds() >= 0) || !(s.stepSeconds() >= 0)) {
            return "says " + s.trainSeconds() + " seconds of training, not a time";
        }
        if (stepsPerEpoch > 0 && (s.lastEpochBatchLosses() == null
                || s.lastEpochBatchLosses().length != stepsPerEpoch)) {
            return "holds " + (s.lastEpochBatchLosses() == null ? "no" : String.valueOf(s.lastEpochBatchLosses()
                    .length)) + " batch losses of its last epoch, the batch plan " + stepsPerEpoch;
        }
        if (s.stoppedAfter() != 0 && s.stoppedAfter() != s.epoch()) {
            return "says early stopping ended epoch " + s.stoppedAfter() + " at epoch " + s.epoch();
        }
        if (s.bestEpoch() < 0 || s.bestEpoch() > s.epoch() || s.epochsWithoutImprovement() < 0
                || s.epochsWithoutImprovement() > s.epoch()) {
            return "has early stopping's best epoch " + s.bestEpoch() + " and wait " + s.epochsWithoutImprovement()
                    + " outside the " + s.epoch() + " epochs done";
        }
        if (stepsPerEpoch > 0 && s.steps() != (long) stepsPerEpoch * s.epoch()) {
            return "says " + s.steps() + " steps after " + s.epoch() + " epochs of " + stepsPerEpoch + " steps";
        }
        if (s.steps() <= 0 || s.steps() % s.epoch() != 0) {
            return "says " + s.steps() + " steps after " + s.epoch() + " epochs (a whole number per epoch)";
        }
        List<Path> all = list(dir.getParent(), s.trainer());
        int at = all.indexOf(dir);
        if (at > 0) {
            long[] before = progress(all.get(at - 1));
            if (before != null && before[0] > 0 && before[1] * s.epoch() != s.steps() * before[0]) {
                return "says " + s.steps() + " steps after " + s.epoch() + " epochs, the checkpoint before it "
                        + before[1] + " after " + before[0];
            }
        }
        return null;
    }

    @Override
    public void save(String trainer, LoopState state, ModelFiles model) {
        String name = String.format("%s-epoch-%09d", trainer, state.epoch());
        Path tmp = folder.resolve(WRITING + name);
        Path done = folder.resolve(name);
        try {
            Files.createDirectories(folder);
            OutputFolder.deleteTree(tmp);
            Files.createDirectory(tmp);
            model.write(tmp);
            TestHooks.pauseInCheckpoint();
            JSON.writeValue(tmp.resolve(STATE).toFile(), TrainerState.of(trainer, sha256(), state));
            new YAMLMapper().writeValue(tmp.resolve(CONFIG).toFile(), ConfigTree.of(config));
            OutputFolder.deleteTree(done);
            Files.move(tmp, done, StandardCopyOption.ATOMIC_MOVE);
            prune(trainer);
        } catch (IOException e) {
            throw new ConfigException("cannot write the checkpoint " + done + " (" + OutputFolder.reason(e)
                    + "); training stopped, the earlier checkpoints are kept");
        }
    }

    @Override
    public RuntimeException unreadable(LoopState state, IOException e) {
        return new ConfigException("--resume: the checkpoint " + state.dir().getFileName() + ": a file of it "
                + whatIsWrong(e) + earlier(state.dir()));
    }

    /** Keeps each trainer's newest checkpoints, as many as configured. */
    private void prune(String trainer) throws IOException {
        List<Path> all = list(folder, trainer);
        for (int i = 0; i < all.size() - config.checkpoint().keep(); i++) {
            OutputFolder.deleteTree(all.get(i));
        }
    }

    /**
     * Puts the checkpoints into a finished run's folder (as hard links where the file system allows).
     *
     * @param staging the run folder being written.
     * @throws IOException if they cannot be linked or copied.
     */
    public void publishInto(Path staging) throws IOException {
        if (Files.isDirectory(folder)) {
            linkTree(folder, staging.resolve("checkpoints"));
        }
    }

    /** Deletes the in-progress folder, once the run folder holds the checkpoints (or the run diverged). */
    public void discard() {
        try {
            OutputFolder.deleteTree(folder);
        } catch (IOException e) {
            // left for the next run into the same folder to report
        }
    }

    /**
     * Deletes an interrupted run's checkpoints (a new run with {@code --force} replaces that run).
     *
     * @param folder the in-progress folder.
     * @throws ConfigException (exit 2) if it cannot be deleted.
     */
    public static void discardFolder(Path folder) {
        try {
            OutputFolder.deleteTree(folder);
        } catch (IOException e) {
            throw new ConfigException("cannot delete the old checkpoints " + folder + " (" + OutputFolder.reason(e)
                    + ")");
        }
    }

    /**
     * The checkpoint-folder policy of a new (not resumed) run into a folder: an interrupted run's checkpoints beside it
     * refuse the run, which {@code --resume} would continue, unless {@code --force} discards them; an empty or broken
     * checkpoint folder is cleared.
     *
     * @param target the run folder.
     * @param shown how the run folder is named to the user.
     * @param force whether {@code --force} was given.
     * @return the checkpoint folder, ready for the run's own checkpoints.
     * @throws ConfigException (exit 2) if an interrupted run's checkpoints are there without {@code --force}.
     */
    public static Path forNewRun(Path target, Path shown, boolean force) {
        Path folder = folderFor(target);
        if (Files.exists(folder)) {
            if (!force && holdsAny(folder)) {
                throw new ConfigException(shown + ": an interrupted run left its checkpoints in " + folder
                        + "; continue it with '" + dev.minibatch.format.Launcher.command() + " train --resume "
                        + dev.minibatch.format.Launcher.quoted(shown) + "', or pass --force to"
                        + " discard them and start over");
            }
            discardFolder(folder);
        }
        return folder;
    }

    /**
     * Finds a run's checkpoints for {@code --resume}: an interrupted run's beside the folder, or a finished run's
     * inside it (linked beside it, where the resumed run continues them).
     *
     * @param target the run folder named by {@code --resume}.
     * @return the in-progress folder, holding at least one checkpoint.
     * @throws ConfigException (exit 2) if there is none.
     */
    public static Path locate(Path target) {
        Path beside = folderFor(target);
        Path inside = target.toAbsolutePath().normalize().resolve("checkpoints");
        try {
            clean(beside);
            if (newestOfAll(beside).isPresent()) {
                return beside;
            }
            if (newestOfAll(inside).isPresent()) {
                OutputFolder.deleteTree(beside);
                linkTree(inside, beside);
                return beside;
            }
        } catch (IOException e) {
            throw new ConfigException("--resume " + target + ": its checkpoints cannot be read ("
                    + OutputFolder.reason(e) + ")");
        }
        throw new ConfigException("--resume " + target + ": no checkpoint to resume from (looked in " + beside
                + " and " + inside + "); a run saves them with training.checkpoint_every");
    }

    /**
     * Whether a folder holds a whole checkpoint (a write a kill interrupted does not count).
     *
     * @param folder the in-progress folder.
     * @return whether there is one to resume from.
     */
    public static boolean holdsAny(Path folder) {
        return newestOfAll(folder).isPresent();
    }

    /**
     * The configuration a checkpoint folder was trained with: the newest checkpoint's config.yaml.
     *
     * @param folder the in-progress folder.
     * @return the file.
     */
    public static Path configOf(Path folder) {
        return newestOfAll(folder).orElseThrow().resolve(CONFIG);
    }

    /**
     * Says where a resumed run starts, one line, naming the run folder as the user did (the checkpoints' own folder
     * is hidden, and moves into the run folder when the resume ends).
     *
     * @param folder the in-progress folder.
     * @param trainers the trainers that will run.
     * @param runFolder the run folder, as shown to the user.
     * @return e.g. "resuming runs/seed from its checkpoints: framework at epoch 100, scratch at epoch 40".
     */
    public static String describe(Path folder, List<String> trainers, Path runFolder) {
        List<String> parts = new ArrayList<>();
        for (String t : trainers) {
            parts.add(newest(folder, t).map(p -> t + " at epoch " + epochOf(p)).orElse(t + " from epoch 1"));
        }
        return "resuming " + runFolder + " from its checkpoints: " + String.join(", ", parts);
    }

    /**
     * Whether a trainer's newest checkpoint ends its training: at the configured epochs, or stopped early.
     *
     * @param folder the checkpoint folder.
     * @param trainer the trainer's name.
     * @param epochs the configured epochs.
     * @return whether there is nothing left for it to train.
     */
    public static boolean finished(Path folder, String trainer, int epochs) {
        int[] at = where(folder, trainer);
        return at != null && (at[0] == epochs || at[1] > 0);   // fewer: refused later
    }

    /**
     * Says after which epoch early stopping ended a trainer's checkpointed run.
     *
     * @param folder the checkpoint folder.
     * @param trainer the trainer.
     * @return the epoch, or 0 when it did not stop early (or has no readable checkpoint).
     */
    public static int stoppedAfter(Path folder, String trainer) {
        int[] at = where(folder, trainer);
        return at == null ? 0 : at[1];
    }

    /**
     * Where a trainer's newest checkpoint stands, as a finished run's results.json would say it: the epochs done (the
     * history's length), the update steps, and the last epoch's training loss and test MSE (two runs of the same
     * length differ there).
     *
     * @param epochs the history's length.
     * @param steps the update steps.
     * @param trainLoss the last epoch's training loss.
     * @param testMse the last epoch's test MSE.
     */
    public record Last(long epochs, long steps, double trainLoss, double testMse) {
    }

    /**
     * Reads where a trainer's newest checkpoint stands, its state.json read once.
     *
     * @param folder the checkpoint folder.
     * @param trainer the trainer.
     * @return where it stands, or {@code null} when it has no readable checkpoint.
     */
    public static Last last(Path folder, String trainer) {
        return newest(folder, trainer).map(dir -> {
            try {
                com.fasterxml.jackson.databind.JsonNode s = JSON.readTree(dir.resolve(STATE).toFile());
                com.fasterxml.jackson.databind.JsonNode h = s == null ? null : s.path("history");
                if (h == null || h.isEmpty()) {
                    return null;
                }
                com.fasterxml.jackson.databind.JsonNode e = h.path(h.size() - 1);
                return new Last(h.size(), s.path("steps").asLong(), e.path("trainLoss").asDouble(Double.NaN),
                        e.path("testMse").asDouble(Double.NaN));
            } catch (IOException e) {
                return null;
            }
        }).orElse(null);
    }

    /** A checkpoint's {epochs, steps} as its state.json says them, or {@code null} when it cannot be read. */
    private static long[] progress(Path checkpoint) {
        try {
            com.fasterxml.jackson.databind.JsonNode s = JSON.readTree(checkpoint.resolve(STATE).toFile());
            return s == null ? null : new long[] {s.path("history").size(), s.path("steps").asLong()};
        } catch (IOException e) {
            return null;
        }
    }

    /** The newest checkpoint's epoch and early stop, or {@code null} (the resume itself reports a bad one). */
    private static int[] where(Path folder, String trainer) {
        Optional<Path> dir = newest(folder, trainer);
        if (dir.isEmpty()) {
            return null;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode s = JSON.readTree(dir.get().resolve(STATE).toFile());
            return s == null ? null : new int[] {s.path("epoch").asInt(), s.path("stoppedAfter").asInt()};
        } catch (IOException e) {
            return null;
        }
    }

    private static int epochOf(Path dir) {
        Matcher m = NAME.matcher(dir.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(2)) : -1;
    }

    /**
     * A trainer's newest checkpoint in a folder.
     *
     * @param folder the in-progress folder.
     * @param trainer the trainer's name.
     * @return its newest whole checkpoint, if any.
     */
    public static Optional<Path> newestOf(Path folder, String trainer) {
        return newest(folder, trainer);
    }

    private static Optional<Path> newest(Path folder, String trainer) {
        List<Path> all = list(folder, trainer);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    private static Optional<Path> newestOfAll(Path folder) {
        return list(folder, null).stream().max(java.util.Comparator.comparingInt(Checkpoints::epochOf));
    }

    /** A trainer's checkpoints (every trainer's for {@code null}), oldest first. */
    private static List<Path> list(Path folder, String trainer) {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> {
                Matcher m = NAME.matcher(p.getFileName().toString());
                return m.matches() && (trainer == null || m.group(1).equals(trainer)) && Files.isDirectory(p);
            }).sorted(java.util.Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Removes checkpoint writes a killed run left half done. */
    private static void clean(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> s = Files.list(folder)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(WRITING)).toList()) {
                OutputFolder.deleteTree(p);
            }
        }
    }

    /** Recreates a folder tree with hard links to its files (copies where links are not possible). */
    private static void linkTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.toList()) {
                if (p.getFileName().toString().startsWith(WRITING)) {
                    continue;
                }
                Path q = to.resolve(p.getFileName().toString());
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    linkTree(p, q);
                } else {
                    try {
                        Files.createLink(q, p);
                    } catch (UnsupportedOperationException | FileSystemException e) {
                        Files.copy(p, q);
                    }
                }
            }
        }
    }

    /** The way past a damaged checkpoint when an earlier one of the same trainer is kept: remove the damaged one. */
    private static String earlier(Path damaged) {
        String name = damaged.getFileName().toString();
        String trainer = name.substring(0, Math.max(0, name.indexOf("-epoch-")));
        List<Path> all = list(damaged.getParent(), trainer);
        Path shown = damaged;
        String folder = damaged.getParent().getFileName().toString();     // .RUN.checkpoints beside RUN
        if (folder.startsWith(".") && folder.endsWith(".checkpoints")) {
            Path inside = damaged.getParent().resolveSibling(folder.substring(1, folder.length()
                    - ".checkpoints".length())).resolve("checkpoints").resolve(name);
            shown = Files.isDirectory(inside) ? inside : damaged;        // a finished run's, linked out for --resume
        }
        return all.size() > 1 && all.indexOf(damaged) != 0 ? " (to resume from the checkpoint before it, remove "
                + shown + ")" : "";
    }

    /**
     * Says what is wrong with a file minibatch could not read back, in the file's terms rather than the reader's
     * (no Java class or field names): not valid JSON and where, a value of the wrong kind and under which key,
     * or the operating system's reason.
     */
    static String whatIsWrong(IOException e) {
        if (e instanceof dev.minibatch.train.DamagedFileException d) {
            return "is damaged (" + d.getMessage() + ")";
        }
        String what = dev.minibatch.io.JsonProblems.describe(e);
        return what.startsWith("cannot be read") ? what : what + "; the file is damaged";
    }
}
