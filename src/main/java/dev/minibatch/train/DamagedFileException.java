package dev.minibatch.train;

import java.io.IOException;

/**
 * A file minibatch wrote (a checkpoint's own files) whose content is not what it writes there: a value missing, of
 * another shape than the run's, or not finite. The message says so in the file's terms, e.g. "scratch.json has no
 * 'bias'", so that the refusal names what to look at rather than where a reader failed.
 */
public final class DamagedFileException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * A damaged file.
     *
     * @param message what is wrong, in the file's terms.
     */
    public DamagedFileException(String message) {
        super(message);
    }
}
