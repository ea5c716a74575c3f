package dev.minibatch.cli;

import picocli.CommandLine.Option;

/** The mutually exclusive {@code --quiet} and {@code --verbose} flags. */
final class Verbosity {
    @Option(names = {"-q", "--quiet"}, description = "Print only errors and the output paths.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Print per-epoch lines and the libraries' info messages.")
    boolean verbose;
}
