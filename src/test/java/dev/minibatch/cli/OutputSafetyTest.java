package dev.minibatch.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What predict and evaluate write, and what train reads, can only fail loudly: an output onto the input or onto the
 * run's own files is refused before anything is computed, a write that fails (a full disk, a closed standard output)
 * is exit 2 saying so, a device or pipe named as output is written in place (never replaced by a file), and data
 * that is a folder, a device or a CSV with a repeated column name is refused naming it.
 */
class OutputSafetyTest {
    @TempDir
    static Path dir;
    static Path run;
    static Path rows;
    static Path labelled;

    @BeforeAll
    static void train() throws IOException {
        labelled = Files.writeString(dir.resolve("labelled.csv"), "a,b,y\n1,2,3\n4,5,6\n7,8,9\n1,1,1\n2,2,2\n3,1,2\n");
        rows = Files.writeString(dir.resolve("rows.csv"), "a,b\n1,2\n4,5\n");
        Path config = Files.writeString(dir.resolve("c.yaml"), "name: c\ndata:\n  source: csv\n  path: labelled.csv\n"
                + "training:\n  epochs: 2\n  batch_size: 2\n");
        run = dir.resolve("runs/c");
        CliTest.Outcome o = CliTest.run("train", config.toString(), "--out", run.toString(), "--quiet");
        assertEquals(0, o.code(), o.err());
    }

    @Test
    void anOutputOntoTheInputOrTheRunsOwnFilesIsRefused() throws IOException {
        byte[] before = Files.readAllBytes(rows);
        CliTest.Outcome p = CliTest.run("predict", "--model", run.toString(), "--input", rows.toString(), "--output",
                rows.toString());
        assertEquals(2, p.code(), p.err());
        assertTrue(p.err().contains("is the --input file"), p.err());
        assertArrayEquals(before, Files.readAllBytes(rows), "the input is untouched");

        byte[] results = Files.readAllBytes(run.resolve("results.json"));
        CliTest.Outcome e = CliTest.run("evaluate", "--model", run.toString(), "--input", labelled.toString(), "--json",
                run.resolve("results.json").toString());
        assertEquals(2, e.code(), e.err());
        assertTrue(e.err().contains("is a file of the run folder"), e.err());
        assertArrayEquals(results, Files.readAllBytes(run.resolve("results.json")), "the run is untouched");
    }

    @Test
    void aFailedWriteIsExitTwo() {
        PrintWriter broken = new PrintWriter(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        });
        broken.print("x");
        broken.flush();
        dev.minibatch.config.ConfigException ex = org.junit.jupiter.api.Assertions.assertThrows(
                dev.minibatch.config.ConfigException.class, () -> SavedRunOptions.requireWritten(broken));
        assertTrue(ex.getMessage().contains("could not be written"), ex.getMessage());
        Path written = dir.resolve("p.csv");
        CliTest.Outcome ok = CliTest.run("predict", "--model", run.toString(), "--input", rows.toString(), "--output",
                written.toString());
        assertEquals("wrote 2 predictions to " + written + " (columns y)", ok.out().strip(), "says what it wrote");
        CliTest.Outcome full = CliTest.run("predict", "--model", run.toString(), "--input", rows.toString(),
                "--output", dir.resolve("no/such/folder/p.csv").toString());
        assertEquals(2, full.code(), full.err());
    }

    /**
     * A symbolic link named as --output (as /dev/stdout → /proc/self/fd/1 is) is written through and stays a link:
     * an atomic rename would replace the link itself. And a file anywhere inside the run folder is the run's.
     */
    /** Every command is exit 2 when its standard output cannot be written (> /dev/full), not only predict/evaluate. */
    @Test
    void everyCommandSaysAStandardOutputThatCannotBeWritten() throws IOException {
        Path config = dir.resolve("c.yaml");
        Path fresh = dir.resolve("runs/unprinted");
        Path other = dir.resolve("runs/other");
        assertEquals(0, CliTest.run("train", config.toString(), "--out", other.toString(), "--quiet", "--epochs", "3")
                .code());
        String[][] commands = {{"info"}, {"runs", dir.resolve("runs").toString()},
            {"compare", run.toString(), other.toString()},
            {"train", config.toString(), "--out", fresh.toString()}};
        for (String[] args : commands) {
            java.io.StringWriter err = new java.io.StringWriter();
            PrintWriter full = new PrintWriter(new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    throw new IOException("No space left on device");
                }
            });
            int code = Main.run(full, new PrintWriter(err), args);
            assertEquals(ExitCodes.BAD_INPUT, code, args[0] + ": " + err);
            assertTrue(err.toString().contains("standard output: could not be written"), args[0] + ": " + err);
        }
        assertTrue(Files.notExists(fresh), "train stops before training when its header cannot be printed");
    }

    @Test
    void aLinkIsWrittenThroughAndTheRunsSubfoldersAreItsOwn() throws IOException {
        Path real = Files.writeString(dir.resolve("real.csv"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), real);
        CliTest.Outcome p = CliTest.run("predict", "--model", run.toString(), "--input", rows.toString(), "--output",
                link.toString());
        assertEquals(0, p.code(), p.err());
        assertTrue(Files.isSymbolicLink(link), "still a link");
        assertTrue(Files.readString(real).startsWith("y\n"), "written through it");
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.csv"), dir.resolve("no/such/file"));
        CliTest.Outcome d = CliTest.run("predict", "--model", run.toString(), "--input", rows.toString(), "--output",
                dangling.toString());
        assertEquals(2, d.code(), d.err());
        assertTrue(Files.isSymbolicLink(dangling), "a dangling link (a closed descriptor's) is not replaced");

        Path inner = Files.createDirectories(run.resolve("sub"));
        Path own = Files.writeString(inner.resolve("state.json"), "{}");
        CliTest.Outcome o = CliTest.run("predict", "--model", run.toString(), "--input", rows.toString(), "--output",
                own.toString());
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("is a file of the run folder"), o.err());
        Files.delete(own);
        Files.delete(inner);
    }

    /** A pipe named as --output receives the bytes and stays a pipe (as /dev/stdout or /dev/full would). */
    @Test
    void aPipeIsWrittenInPlaceNeverReplaced() throws Exception {
        Path fifo = dir.resolve("out.fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mk.waitFor() == 0, "mkfifo is needed");
        byte[][] got = new byte[1][];
        Thread reader = new Thread(() -> {
            try {
                got[0] = Files.readAllBytes(fifo);
            } catch (IOException ignored) {
                // the assertion below reports it
            }
        });
        reader.start();
        CliTest.Outcome p = CliTest.run("predict", "--model", run.toString(), "--input", rows.toString(), "--output",
                fifo.toString());
        reader.join(20_000);
        assertEquals(0, p.code(), p.err());
        assertTrue(got[0] != null && new String(got[0]).startsWith("y\n"), "the predictions went through the pipe");
        assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo) && !Files.isDirectory(fifo), "still a pipe");
    }

    @Test
    void dataThatIsNotAFileOrRepeatsAColumnNameIsRefused() throws IOException {
        Files.createDirectories(dir.resolve("folder"));
        Files.writeString(dir.resolve("dup.csv"), "a,a,y\n1,2,3\n4,5,6\n7,8,9\n1,1,1\n2,2,2\n");
        String[][] cases = {{dir.resolve("folder").toString(), "is a folder, not a CSV file (data.path)"},
            {"/dev/zero", "is not a regular file (a device or a pipe)"},
            {dir.resolve("dup.csv").toString(), "the header names column 'a' twice (columns 1 and 2)"}};
        for (String[] c : cases) {
            Path config = Files.writeString(dir.resolve("bad.yaml"), "name: bad\ndata:\n  source: csv\n  path: "
                    + c[0] + "\ntraining:\n  epochs: 2\n  batch_size: 2\n");
            CliTest.Outcome o = CliTest.run("train", config.toString(), "--out", dir.resolve("runs/bad").toString());
            assertEquals(2, o.code(), o.err());
            assertTrue(o.err().contains(c[1]), "expected '" + c[1] + "' in " + o.err());
            assertEquals(1, o.err().strip().lines().count(), o.err());
        }
    }

    /**
     * --force replaces only what minibatch wrote: a run folder lists its files in .minibatch; a file added to it, or a
     * folder whose results.json is not minibatch's, is left whole, naming why. render-report's screenshot is allowed.
     */
    @Test
    void forceReplacesOnlyMinibatchsOwnFolders() throws IOException {
        Path config = dir.resolve("c.yaml");
        Path mine = dir.resolve("runs/mine");
        assertEquals(0, CliTest.run("train", config.toString(), "--out", mine.toString(), "--quiet").code());
        assertTrue(Files.readString(mine.resolve(".minibatch")).contains("results.json"));
        Files.writeString(mine.resolve("report.png"), "a screenshot");
        assertEquals(0, CliTest.run("train", config.toString(), "--out", mine.toString(), "--quiet", "--force").code(),
                "its own files and render-report's screenshot: replaced");
        Files.writeString(mine.resolve("notes.txt"), "the user's own");
        CliTest.Outcome kept = CliTest.run("train", config.toString(), "--out", mine.toString(), "--quiet", "--force");
        assertEquals(2, kept.code(), kept.err());
        assertTrue(kept.err().contains("holds files minibatch did not write (notes.txt)"), kept.err());
        assertTrue(Files.exists(mine.resolve("notes.txt")));
        Files.delete(mine.resolve("notes.txt"));
        Files.createDirectory(mine.resolve("drafts"));                          // the user's, though empty
        CliTest.Outcome empty = CliTest.run("train", config.toString(), "--out", mine.toString(), "--quiet", "--force");
        assertEquals(2, empty.code(), empty.err());
        assertTrue(empty.err().contains("holds files minibatch did not write (drafts/)"), empty.err());
        assertTrue(Files.isDirectory(mine.resolve("drafts")));

        // a manifest does not vouch for a results.json someone replaced
        Path swapped = dir.resolve("runs/swapped");
        assertEquals(0, CliTest.run("train", config.toString(), "--out", swapped.toString(), "--quiet").code());
        Files.writeString(swapped.resolve("results.json"), "{\"my\": \"data\"}");
        CliTest.Outcome s = CliTest.run("train", config.toString(), "--out", swapped.toString(), "--quiet", "--force");
        assertEquals(2, s.code(), s.err());
        assertEquals("{\"my\": \"data\"}", Files.readString(swapped.resolve("results.json")));

        Path foreign = Files.createDirectories(dir.resolve("runs/foreign"));
        Files.writeString(foreign.resolve("results.json"), "{\"a\": 1}");
        CliTest.Outcome f = CliTest.run("train", config.toString(), "--out", foreign.toString(), "--quiet", "--force");
        assertEquals(2, f.code(), f.err());
        assertTrue(f.err().contains("its results.json is not minibatch's"), f.err());
        assertEquals("{\"a\": 1}", Files.readString(foreign.resolve("results.json")));
    }

    /** A sweep of data bound for the disk cache is refused before the cache is built, so nothing is written. */
    @Test
    void aSweepOfCachedDataIsRefusedBeforeTheCacheIsBuilt() throws IOException {
        Path here = Files.createDirectories(dir.resolve("sweep-cache"));
        Path cfg = Files.writeString(here.resolve("big.yaml"), "name: big\ndata:\n  n_samples: 400\n  cache: always\n");
        CliTest.Outcome o = CliTest.run("sweep", cfg.toString(), "--out", here.resolve("out").toString());
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("data.cache: sweep trains in memory"), o.err());
        try (java.util.stream.Stream<Path> left = Files.list(here)) {
            assertEquals(java.util.List.of("big.yaml"), left.map(p -> p.getFileName().toString()).toList());
        }
        org.junit.jupiter.api.Assertions.assertFalse(Files.exists(Path.of("runs", ".cache")),
                "no cache in the working folder");
    }

    /** compare and sweep replace their own earlier folders with --force (their JSON is recognised as theirs). */
    @Test
    void compareAndSweepReplaceTheirOwnFolders() throws IOException {
        Path config = dir.resolve("c.yaml");
        Path other = dir.resolve("runs/other");
        assertEquals(0, CliTest.run("train", config.toString(), "--out", other.toString(), "--quiet",
                "--learning-rate", "0.02").code());
        Path cmp = dir.resolve("runs/cmp");
        Path sweep = dir.resolve("runs/sweep");
        for (int i = 0; i < 2; i++) {
            CliTest.Outcome c = CliTest.run("compare", run.toString(), other.toString(), "--out", cmp.toString(),
                    "--force");
            assertEquals(0, c.code(), "compare, run " + (i + 1) + ": " + c.err());
            CliTest.Outcome s = CliTest.run("sweep", config.toString(), "--batch-sizes", "2,full", "--out",
                    sweep.toString(), "--force", "--quiet");
            assertEquals(0, s.code(), "sweep, run " + (i + 1) + ": " + s.err());
        }
    }
}
