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
    private final BufferedWriter out;
    private final Map<String, Double> lastSeconds = new HashMap<>();
    private boolean headerWritten;

    private EpochCsvLog(Path file, BufferedWriter out) {
        this.file = file;
        this.out = out;
    }

    /**
     * Creates (or empties) the file.
     *
     * @param file the path given to {@code --log-csv}.
     * @param runFolder the run's output folder, which the log may not lie in (the folder is replaced whole).
     * @return the log.
     * @throws ConfigException (exit 2) if the file cannot be written there.
     */
    static EpochCsvLog open(Path file, Path runFolder) {
        Path abs = file.toAbsolutePath().normalize();
        if (abs.startsWith(runFolder.toAbsolutePath().normalize())) {
            throw new ConfigException("--log-csv " + file + ": is inside the run folder, which is written whole at the"
                    + " end; name a file outside it");
        }
        if (Files.isDirectory(abs)) {
            throw new ConfigException("--log-csv " + file + ": is a folder; name a file");
        }
        try {
            return new EpochCsvLog(file, Files.newBufferedWriter(abs, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigException("--log-csv " + file + ": cannot write (" + OutputFolder.reason(e) + ")");
        }
    }

    @Override
    public void epochDone(String trainer, EpochRecord r, int epochs) {
        Map<String, Double> values = Summary.epochValues(r);
        double seconds = r.stepSeconds() - lastSeconds.getOrDefault(trainer, 0.0);
        lastSeconds.put(trainer, r.stepSeconds());
        try {
            if (!headerWritten) {
                out.write("trainer,epoch," + String.join(",", values.keySet()) + ",epoch_seconds\n");
                headerWritten = true;
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
            out.close();
        } catch (IOException e) {
            // every row was flushed as it was written
        }
    }
}
