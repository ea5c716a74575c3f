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
    private final java.nio.channels.FileChannel channel;   // a regular file's, locked; null for a pipe or device
    private final boolean created;
    private BufferedWriter out;
    private final Map<String, Double> lastSeconds = new HashMap<>();

    private EpochCsvLog(Path file, java.nio.channels.FileChannel channel, boolean created) {
        this.file = file;
        this.channel = channel;
        this.created = created;
    }

    /**
     * Checks where the log goes and takes it: a regular file is locked for this run (a second run naming the same
     * log is refused, instead of the two truncating each other's rows) and emptied only when the first epoch ends,
     * so that a run refused before training leaves an earlier log as it was (and no empty file where there was
     * none). A file inside any minibatch output folder is refused (a folder is replaced whole, and its results.json
     * is another run's); a pipe is opened when the first epoch ends, and refused if nothing reads it.
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
        String folderName = parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString();
        if (parent != null && (Files.exists(parent.resolve(OutputFolder.MANIFEST))
                || Files.exists(parent.resolve(dev.minibatch.results.ResultsFile.FILE))
                || folderName.startsWith(".") && (folderName.endsWith(".checkpoints")
                || folderName.contains(".staging-")))) {                // a run's hidden folders move and go
            throw new ConfigException("--log-csv " + file + ": is inside " + parent + ", a minibatch output folder"
                    + " that its own run replaces whole; name a file outside it");
        }
        if (dev.minibatch.io.Pipes.isSpecial(abs)) {
            return new EpochCsvLog(file, null, false);                 // a pipe or device: opened when written
        }
        boolean existed = Files.exists(abs);
        java.nio.channels.FileChannel ch = null;
        try {
            ch = java.nio.channels.FileChannel.open(abs, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.WRITE);
            java.nio.channels.FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                lock = null;                                           // this very JVM's other run holds it
            }
            if (lock == null) {
                ch.close();
                throw new ConfigException("--log-csv " + file + ": another minibatch run is writing this log; wait"
                        + " for it to finish or name another file");
            }
            return new EpochCsvLog(file, ch, !existed);
        } catch (IOException e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // the refusal is the news
                }
            }
            throw new ConfigException("--log-csv " + file + ": cannot write (" + OutputFolder.reason(e) + ")");
        }
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
        if (cfg.data().isImages()) {
            for (String stem : dev.minibatch.data.ImageData.FILES) {
                in.add(Path.of(cfg.data().path(), stem));
                in.add(Path.of(cfg.data().path(), stem + ".gz"));
            }
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
                java.io.OutputStream stream;
                if (channel != null) {
                    channel.truncate(0);
                    stream = java.nio.channels.Channels.newOutputStream(channel);
                } else {
                    stream = dev.minibatch.io.Pipes.openForWriting(file.toAbsolutePath(), "--log-csv " + file);
                }
                out = new BufferedWriter(new java.io.OutputStreamWriter(stream, StandardCharsets.UTF_8));
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
        try {
            if (out != null) {
                out.close();                                 // closes the channel or pipe, and with it the lock
            } else if (channel != null) {
                if (created) {
                    Files.deleteIfExists(file.toAbsolutePath());  // no epoch written: no empty file left behind
                }
                channel.close();
            }
        } catch (IOException e) {
            // every row was flushed as it was written
        }
    }
}
