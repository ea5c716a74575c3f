package dev.minibatch.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the signal tests may send. A process started in the background without job control (a CI runner's
 * {@code cmd &}) inherits SIGINT ignored, and a JVM that starts with SIGINT ignored keeps ignoring it: Ctrl-C cannot
 * reach it, so a test of Ctrl-C there sends SIGTERM, which takes the same shutdown path, instead.
 */
public final class Signals {
    private Signals() {
    }

    /** @return whether this process ignores SIGINT (so its children do too), from /proc/self/status's SigIgn. */
    public static boolean interruptIgnored() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & (1L << (2 - 1))) != 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return false;
        }
        return false;
    }

    /**
     * The signal a test of Ctrl-C sends: SIGINT where it can be delivered, else SIGTERM.
     *
     * @param wanted "INT" or "TERM".
     * @return the signal to send.
     */
    public static String deliverable(String wanted) {
        return wanted.equals("INT") && interruptIgnored() ? "TERM" : wanted;
    }

    /**
     * The exit code of a JVM stopped by a signal: 128 + its number.
     *
     * @param sig "INT" or "TERM".
     * @return 130 or 143.
     */
    public static int exitCode(String sig) {
        return sig.equals("INT") ? 130 : 143;
    }
}
