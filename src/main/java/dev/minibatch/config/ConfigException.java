package dev.minibatch.config;

/**
 * A mistake in user input (a config file, a flag, a data file): its message is one line that names the file or
 * flag, the key or row, and what is allowed. The command line prints it without a stack trace and exits with 2.
 */
public class ConfigException extends RuntimeException {
    /**
     * Constructs the exception.
     *
     * @param message the one-line message shown to the user.
     */
    public ConfigException(String message) {
        super(message, null, false, false);
    }
}
