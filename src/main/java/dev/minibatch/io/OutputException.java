package dev.minibatch.io;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Thrown when a command's output cannot be written (a full disk, a folder made read-only during the run): the
 * message names the file and the operating system's reason, and says that the output folder is unchanged.
 * Commands exit with code 2 on it, like any other unusable input.
 */
public final class OutputException extends RuntimeException {
    /**
     * Constructs the exception.
     *
     * @param target the output folder, which the failed run left as it was.
     * @param staging the folder the run was writing into; a file in it is named as in the target.
     * @param cause the failure.
     */
    public OutputException(Path target, Path staging, IOException cause) {
        super("cannot write " + file(cause, target, staging) + ": " + OutputFolder.reason(cause) + "; "
                + (Files.exists(target) ? target + " is unchanged" : "nothing was written"), cause, false, false);
    }

    private static String file(IOException e, Path target, Path staging) {
        if (e instanceof FileSystemException fse && fse.getFile() != null) {
            Path f = Path.of(fse.getFile()).toAbsolutePath();
            return f.startsWith(staging) ? target.resolve(staging.relativize(f)).toString() : f.toString();
        }
        return target.toString();
    }
}
