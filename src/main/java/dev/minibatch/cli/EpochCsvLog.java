package dev.minibatch.cli;

import dev.minibatch.config.ConfigException;
import dev.minibatch.io.OutputFolder;
import dev.minibatch.train.EpochListener;
import dev.minibatch.train.EpochRecord;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --log-csv FILE}: one row per trainer and epoch, written and flushed as each epoch ends, as Keras'
 * {@code CSVLogger} does: {@code trainer,epoch,} the columns of the {@code --verbose} lines
 * ({@link Summary#epochValues}), {@code epoch_seconds}. Epochs count from 1, as everywhere in minibatch (Keras'
 * CSVLogger counts from 0). Numbers are written in full (Java's shortest round-trip form), so the file holds what
 * results.json holds. Unlike the run folder, the log grows while the run trains, so that it can be followed.
 */
final class EpochCsvLog implements EpochListener, AutoCloseable {
    private final Path file;
    private BufferedWriter out;
    private final Map<String, Double> lastSeconds = new HashMap<>();

    private EpochCsvLog(Path file) {
        this.file = file;
    }

    /**
     * Checks where the log goes; the file is created (or emptied) only when the first epoch ends, so that a run
     * refused before training leaves an earlier log as it was.
     *
     * @param file the path given to {@code --log-csv}.
     * @param runFolder the run's output folder, which the log may not lie in (the folder is replaced whole).
     * @param inputs files the run reads (its config, its data), which the log may not be.
     * @return the log.
     * @throws ConfigException (exit 2) if the file cannot be written there.
     */
    static EpochCsvLog open(Path file, Path runFolder, List<Path> inputs) {
        Path abs = file.toAbsolutePath().normalize();
        if (file.toString().isEmpty()) {
            throw new ConfigException("--log-csv: an empty path; name a file, e.g. --log-csv epochs.csv");
        }
        if (real(abs).startsWith(real(runFolder.toAbsolutePath().normalize()))) {
            throw new ConfigException("--log-csv " + file + ": is inside the run folder, which is written whole at the"
                    + " end; name a file outside it");
        }
        if (Files.isDirectory(abs)) {
            throw new ConfigException("--log-csv " + file + ": is a folder; name a file");
        }
        for (Path in : inputs) {
            try {
                if (Files.exists(abs) && Files.exists(in) && Files.isSameFile(abs, in)) {
                    throw new ConfigException("--log-csv " + file + ": is " + in + ", which the run reads; writing"
                            + " the log there would destroy it; name another file");
                }
            } catch (IOException e) {
                // the comparison needs both files; the write reports any problem
            }
        }
        Path parent = abs.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new ConfigException("--log-csv " + file + ": its folder " + parent + " does not exist");
        }
        return new EpochCsvLog(file);
    }

    /**
     * The files a run reads, which a log may not overwrite.
     *
     * @param configFile the config file, or {@code null} (a resume from the checkpoint's own).
     * @param cfg the configuration (its CSV, if any).
     * @return the files.
     */
    static List<Path> inputs(Path configFile, dev.minibatch.config.RunConfig cfg) {
        List<Path> in = new java.util.ArrayList<>();
        if (configFile != null) {
            in.add(configFile);
        }
        if (cfg.data().isCsv()) {
            in.add(Path.of(cfg.data().path()));
        }
        return in;
    }

    /** The path with every symbolic link resolved as far as it exists (the rest appended). */
    private static Path real(Path p) {
        Path existing = p;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            return existing == null ? p : existing.toRealPath().resolve(existing.relativize(p));
        } catch (IOException e) {
            return p;
        }
    }

    @Override
    public void epochDone(String trainer, EpochRecord r, int epochs) {
        Map<String, Double> values = Summary.epochValues(r);
        double seconds = r.stepSeconds() - lastSeconds.getOrDefault(trainer, 0.0);
        lastSeconds.put(trainer, r.stepSeconds());
        try {
            if (out == null) {
                out = Files.newBufferedWriter(file.toAbsolutePath(), StandardCharsets.UTF_8);
                out.write("trainer,epoch," + String.join(",", values.keySet()) + ",epoch_seconds\n");
            }
            StringBuilder row = new StringBuilder(trainer).append(',').append(r.epoch());
            values.values().forEach(v -> row.append(',').append(v));
            row.append(',').append(String.format(Locale.ROOT, "%.6f", seconds)).append('\n');
            out.write(row.toString());
            out.flush();
        } catch (IOException e) {
            throw new ConfigException("--log-csv " + file + ": cannot write (" + OutputFolder.reason(e)
                    + "); training stopped");
        }
    }

    @Override
    public void close() {
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            // every row was flushed as it was written
        }
    }
}
