package dev.minibatch.io;

import dev.minibatch.config.ConfigException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writing to a named pipe (a FIFO) a user names as output, without hanging: opening a pipe for writing waits until
 * something opens it for reading, for ever if nothing does. The open is given a bounded wait; when no reader came,
 * this process opens the pipe for reading itself, which ends the waiting open, closes both, and the command is
 * refused with one line saying so.
 */
public final class Pipes {
    /** How long a pipe is waited for its reader, in seconds ({@code -Dminibatch.pipeWaitSeconds} for tests). */
    static final long WAIT_SECONDS = 10;

    private Pipes() {
    }

    /**
     * Tells whether a path names something that is neither a regular file nor a folder: a pipe, a device, a socket.
     *
     * @param p the path.
     * @return whether it is such a thing.
     */
    public static boolean isSpecial(Path p) {
        return Files.exists(p) && !Files.isRegularFile(p) && !Files.isDirectory(p);
    }

    /**
     * Opens a pipe, device or regular file for writing, waiting at most {@value #WAIT_SECONDS} s for a pipe's reader.
     *
     * @param target the path.
     * @param shown how the path is named in a message (e.g. {@code --log-csv epochs.csv}).
     * @return the open stream.
     * @throws ConfigException (exit 2) if no reader came, or it cannot be opened.
     */
    public static OutputStream openForWriting(Path target, String shown) {
        return openForWriting(target, shown, Long.getLong("minibatch.pipeWaitSeconds", WAIT_SECONDS));
    }

    static OutputStream openForWriting(Path target, String shown, long seconds) {
        CompletableFuture<OutputStream> open = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.newOutputStream(target);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, r -> {
            Thread t = new Thread(r, "minibatch-pipe-open");
            t.setDaemon(true);
            t.start();
        });
        try {
            return open.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            try (InputStream unblock = Files.newInputStream(target)) {   // lets the waiting open return
                open.join().close();
            } catch (IOException | RuntimeException ignored) {
                // the refusal below is the news
            }
            throw new ConfigException(shown + ": a pipe that nothing reads (no reader in " + seconds + " s);"
                    + " start its reader first, or name a file");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.io.UncheckedIOException u ? u.getCause() : e.getCause();
            throw new ConfigException(shown + ": cannot write (" + (cause instanceof IOException io
                    ? OutputFolder.reason(io) : String.valueOf(cause)) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException(shown + ": not written, the process is stopping");
        }
    }
}
