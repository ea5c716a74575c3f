package dev.minibatch.io;

import dev.minibatch.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutputFolderTest {
    @TempDir
    Path dir;

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private void publish(Path target, String... files) {
        try (OutputFolder f = OutputFolder.open(target, "--out", "results.json", true)) {
            f.publish(staging -> {
                for (String name : files) {   // a marker holds minibatch's JSON, or the folder is not replaced
                    Files.writeString(staging.resolve(name), name.equals("results.json")
                            ? "{\"name\": \"t\", \"minibatch_version\": \"" + System.nanoTime() + "\"}"
                            : name + " of this run");
                }
            });
        }
    }

    /** A name so long that the folder's siblings (NAME-diverged and its staging folder) could not be made. */
    @Test
    void aNameWithoutRoomForItsSiblingsIsRefusedBeforeAnyWork() throws IOException {
        String name = "n".repeat(OutputFolder.MAX_NAME_BYTES);
        publish(dir.resolve(name), "results.json");
        try (OutputFolder f = OutputFolder.open(dir.resolve(name + OutputFolder.DIVERGED_SUFFIX), "--out",
                "diverged.json", true)) {                                     // its longest sibling fits
            f.publish(staging -> Files.writeString(staging.resolve("diverged.json"), "{\"name\": \"n\"}"));
        }
        ConfigException e = assertThrows(ConfigException.class, () -> OutputFolder.open(dir.resolve(name + "x"),
                "--out", "results.json", true));
        assertTrue(e.getMessage().contains("the folder's name is " + (name.length() + 1) + " bytes long; name it in"
                + " at most " + name.length()), e.getMessage());
        assertEquals(List.of(name, name + OutputFolder.DIVERGED_SUFFIX), names(dir));
    }

    @Test
    void aNewFolderHoldsExactlyTheRunsFilesAndNothingIsLeftBeside() throws IOException {
        Path target = dir.resolve("runs/seed");
        publish(target, "results.json", "framework-model.zip");
        assertEquals(List.of(".minibatch", "framework-model.zip", "results.json"), names(target), "and the manifest");
        assertEquals(List.of("seed"), names(dir.resolve("runs")), "no staging, old or lock file left");
    }

    @Test
    void aRerunReplacesTheWholeFolderSoNoStaleModelSurvives() throws IOException {
        Path target = dir.resolve("seed");
        publish(target, "results.json", "framework-model.zip", "scratch-weights.npy");
        publish(target, "results.json", "scratch-weights.npy");
        assertEquals(List.of(".minibatch", "results.json", "scratch-weights.npy"), names(target));
        assertEquals(List.of("seed"), names(dir));
    }

    @Test
    void aFailedWriteLeavesTheOldFolderAndNamesTheFileAsInTheTarget() throws IOException {
        Path target = dir.resolve("seed");
        publish(target, "results.json");
        String before = Files.readString(target.resolve("results.json"));
        OutputException e = assertThrows(OutputException.class, () -> {
            try (OutputFolder f = OutputFolder.open(target, "--out", "results.json", true)) {
                f.publish(staging -> {
                    Files.writeString(staging.resolve("results.json"), "new");
                    AtomicFiles.write(staging.resolve("report.html"), p -> {
                        throw new IOException("No space left on device");
                    });
                });
            }
        });
        assertEquals("cannot write " + target.resolve("report.html") + ": No space left on device; " + target
                + " is unchanged", e.getMessage());
        assertEquals(before, Files.readString(target.resolve("results.json")));
        assertEquals(List.of(".minibatch", "results.json"), names(target));
        assertEquals(List.of("seed"), names(dir));
    }

    @Test
    void aFailedFirstRunWritesNothing() throws IOException {
        Path target = dir.resolve("seed");
        OutputException e = assertThrows(OutputException.class, () -> {
            try (OutputFolder f = OutputFolder.open(target, "--out", "results.json", true)) {
                f.publish(staging -> {
                    throw new FileSystemException(staging.resolve("loss.png").toString(), null, "Disk quota exceeded");
                });
            }
        });
        assertTrue(e.getMessage().endsWith("loss.png: Disk quota exceeded; nothing was written"), e.getMessage());
        assertEquals(List.of(), names(dir));
    }

    @Test
    void unusablePlacesAreRefusedBeforeAnyWork() throws IOException {
        Files.writeString(dir.resolve("file"), "x");
        Path foreign = Files.createDirectories(dir.resolve("documents"));
        Files.writeString(foreign.resolve("thesis.tex"), "precious");
        record Case(String out, String says) {
        }
        for (Case c : List.of(
                new Case("", "empty path"),
                new Case(dir.resolve("file").toString(), "exists and is not a folder"),
                new Case("/dev/null", "exists and is not a folder"),
                new Case(foreign.toString(), "holds no results.json"),
                new Case(dir.resolve("x".repeat(300)).toString(), "the folder's name is 300 bytes long"),
                new Case(dir.resolve("x".repeat(300)).resolve("sub").toString(), "File name too long"),
                new Case(dir.resolve("file/sub").toString(), "cannot create"),
                new Case(".", "current folder"),
                new Case("/", "root"))) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> OutputFolder.open(Path.of(c.out()), "--out", "results.json", true).close(), c.out());
            assertTrue(e.getMessage().startsWith("--out") && e.getMessage().contains(c.says()), e.getMessage());
        }
        assertEquals("precious", Files.readString(foreign.resolve("thesis.tex")));
        assertEquals(List.of("documents", "file"), names(dir));
    }

    @Test
    void aFolderInUseIsRefusedNamingTheOtherRun() throws IOException {
        Path target = dir.resolve("seed");
        try (OutputFolder first = OutputFolder.open(target, "--out", "results.json", true)) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> OutputFolder.open(target, "--out", "results.json", true));
            assertTrue(e.getMessage().contains("in use by another minibatch run (pid "
                    + ProcessHandle.current().pid()), e.getMessage());
            first.publish(staging -> Files.writeString(staging.resolve("results.json"), "{\"minibatch_version\": \"t\"}"));
        }
        publish(target, "results.json"); // free again once the first is closed
        assertEquals(List.of("seed"), names(dir));
    }

    @Test
    void whatAKilledRunLeftIsCleanedAndAnInterruptedSwapIsUndone() throws IOException {
        Path target = dir.resolve("seed");
        publish(target, "results.json");
        String before = Files.readString(target.resolve("results.json"));
        // killed while writing: a staging folder and an unlocked lock file
        Files.createDirectories(dir.resolve(".seed.staging-999999"));
        Files.writeString(dir.resolve(".seed.staging-999999/results.json"), "half");
        Files.writeString(dir.resolve(".seed.lock"), "pid 999999");
        // killed between the two renames: the old folder aside, no target
        Files.move(target, dir.resolve(".seed.old-999998"));
        try (OutputFolder f = OutputFolder.open(target, "--out", "results.json", true)) {
            assertEquals(before, Files.readString(target.resolve("results.json")),
                    "the previous folder is back before the new run writes");
        }
        assertEquals(List.of("seed"), names(dir));
    }

    @Test
    void withoutForceARerunGoesToANumberedSiblingAndSaysSo() throws IOException {
        Path target = dir.resolve("seed");
        publish(target, "results.json");
        for (String expected : List.of("seed-2", "seed-3")) {
            try (OutputFolder f = OutputFolder.open(target, "--out", "results.json", false)) {
                assertEquals(dir.resolve(expected), f.target());
                assertTrue(f.renamed().orElseThrow().contains("holds an earlier run; writing")
                        && f.renamed().orElseThrow().contains("--force replaces it"), f.renamed().orElseThrow());
                f.publish(staging -> Files.writeString(staging.resolve("results.json"), expected));
            }
        }
        assertEquals(List.of("seed", "seed-2", "seed-3"), names(dir));
        try (OutputFolder empty = OutputFolder.open(dir.resolve("fresh"), "--out", "results.json", false)) {
            assertEquals(dir.resolve("fresh"), empty.target(), "a new folder keeps its name");
            assertTrue(empty.renamed().isEmpty());
        }
    }
}
