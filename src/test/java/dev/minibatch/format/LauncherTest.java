package dev.minibatch.format;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A suggested command pastes: minibatch where it is on the PATH, else the launcher's own path. */
class LauncherTest {
    @TempDir
    Path dir;

    @Test
    void aSuggestionNamesWhatRunsHere() throws Exception {
        Path home = Files.createDirectories(dir.resolve("checkout"));
        assertEquals("scripts/minibatch", Launcher.find("/usr/bin", home.toString(), home), "from the checkout");
        assertEquals(home.resolve("scripts/minibatch").toString(), Launcher.find("/usr/bin", home.toString(),
                Files.createDirectories(dir.resolve("elsewhere"))), "from elsewhere: absolute");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path onPath = Files.createFile(bin.resolve("minibatch"));
        onPath.toFile().setExecutable(true);
        assertEquals("minibatch", Launcher.find("/usr/bin:" + bin, home.toString(), home), "installed");
        assertEquals("minibatch", Launcher.find(null, null, home), "a library or a test");
    }

    @Test
    void anArgumentIsQuotedWhereTheShellWouldSplitIt() {
        assertEquals("runs/seed-2", Launcher.quoted("runs/seed-2"));
        assertEquals("'runs/sp ace'", Launcher.quoted("runs/sp ace"));
        assertEquals("'it'\\''s'", Launcher.quoted("it's"));
    }
}
