package dev.minibatch.io;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file through a temporary name in the same folder and renames it into place, so a reader (or a run that
 * fails half-way) never leaves a half-written file. The result is readable by everyone, like a normal file.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes the content of a file at the given (temporary) path. */
    @FunctionalInterface
    public interface Writer {
        /**
         * Writes the file.
         *
         * @param path where to write.
         * @throws IOException if writing fails.
         */
        void write(Path path) throws IOException;
    }

    /**
     * Writes a file atomically.
     *
     * @param target the final path; its folder must exist.
     * @param writer writes the content to the path it is given.
     * @throws IOException if writing or renaming fails.
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".tmp");
        try {
            try {
                writer.write(tmp);
            } catch (FileSystemException e) {
                throw e.getFile() != null && !e.getFile().equals(tmp.toString()) ? e
                        : new FileSystemException(target.toString(), null, OutputFolder.reason(e));
            } catch (IOException e) {
                // name the file (a library's own I/O error often does not): "cannot write runs/x/loss.png: ..."
                throw new FileSystemException(target.toString(), null, OutputFolder.reason(e));
            }
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep its default permissions
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Writes bytes atomically.
     *
     * @param target the final path.
     * @param bytes the content.
     * @throws IOException if writing fails.
     */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, p -> Files.write(p, bytes));
    }

    /**
     * Writes a file a user named on the command line ({@code --output}, {@code --json}): atomically, and with any
     * failure reported as bad input (exit code 2) naming the flag, the file and the operating system's reason.
     *
     * @param target the file.
     * @param bytes the content.
     * @param flag the flag that named it.
     * @throws dev.minibatch.config.ConfigException if the file cannot be written.
     */
    public static void writeNamed(Path target, byte[] bytes, String flag) {
        String shown = flag + " " + target;
        if (Files.isDirectory(target)) {
            throw new dev.minibatch.config.ConfigException(shown + ": is a folder; name a file");
        }
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new dev.minibatch.config.ConfigException(shown + ": cannot write: the folder " + parent
                    + " does not exist");
        }
        try {
            if (Files.isSymbolicLink(target) || Files.exists(target) && !Files.isRegularFile(target)) {
                // a link (/dev/stdout → /proc/self/fd/1), a device or a pipe: written through, never replaced,
                // and a pipe without a reader is refused instead of waited for
                try (java.io.OutputStream out = Pipes.openForWriting(target, shown)) {
                    out.write(bytes);
                }
            } else {
                write(target, bytes);
            }
        } catch (IOException e) {
            throw new dev.minibatch.config.ConfigException(shown + ": cannot write (" + OutputFolder.reason(e) + ")");
        }
    }
}
