package dev.minibatch.format;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How a message names the {@code minibatch} command so that what it suggests pastes and runs here: {@code minibatch}
 * where that is on the PATH ({@code scripts/install} puts it there), otherwise the launcher this process was
 * started from ({@code scripts/minibatch} from the checkout's root, its absolute path from elsewhere). A program
 * that uses minibatch as a library, or a test, is told {@code minibatch}.
 */
public final class Launcher {
    private static String name;

    private Launcher() {
    }

    /**
     * The command to write in a suggestion, e.g. {@code scripts/minibatch} in "continue with 'scripts/minibatch
     * train --resume runs/seed'".
     *
     * @return the command, found once per process.
     */
    public static synchronized String command() {
        if (name == null) {
            name = find(System.getenv("PATH"), System.getProperty("minibatch.home"), Path.of("").toAbsolutePath());
        }
        return name;
    }

    /**
     * Writes an argument as a POSIX shell reads it back: as it is when it holds only letters, digits and
     * {@code _ . / : @ % + = , -}, otherwise in single quotes (a quote inside as {@code '\''}).
     *
     * @param arg the argument, e.g. a folder's path.
     * @return the argument, safe to paste.
     */
    public static String quoted(Object arg) {
        String s = String.valueOf(arg);
        return !s.isEmpty() && s.matches("[A-Za-z0-9_./:@%+=,-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    /**
     * Finds the command's name.
     *
     * @param path the PATH variable, or {@code null}.
     * @param home the checkout the launcher runs from ({@code -Dminibatch.home}), or {@code null}.
     * @param cwd the working folder.
     * @return {@code minibatch}, or the launcher's path relative to the working folder when inside it, or absolute.
     */
    static String find(String path, String home, Path cwd) {
        if (home == null || onPath(path)) {
            return "minibatch";
        }
        Path launcher = Path.of(home).toAbsolutePath().normalize().resolve("scripts").resolve("minibatch");
        return launcher.startsWith(cwd) ? cwd.relativize(launcher).toString() : launcher.toString();
    }

    private static boolean onPath(String path) {
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isBlank() && Files.isExecutable(Path.of(dir).resolve("minibatch"))) {
                return true;
            }
        }
        return false;
    }
}
