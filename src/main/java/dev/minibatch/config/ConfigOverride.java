package dev.minibatch.config;

/**
 * A value given on the command line for a config key; it replaces the file's value and is checked the same way.
 *
 * @param key the dotted key it sets, e.g. {@code training.epochs}.
 * @param value the value as typed.
 * @param flag the flag it came from, named in error messages, e.g. {@code --epochs}.
 */
public record ConfigOverride(String key, String value, String flag) {
}
