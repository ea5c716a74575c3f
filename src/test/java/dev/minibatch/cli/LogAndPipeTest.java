package dev.minibatch.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Outputs a user names that could hang or lose work: a pipe nothing reads ({@code --log-csv}, {@code --output}),
 * a log another run is writing, a log inside another run's folder, and a pipe given as the config.
 */
class LogAndPipeTest {
    @TempDir
    static Path dir;
    static Path run;
    static Path config;

    @BeforeAll
    static void setUp() throws IOException {
        System.setProperty("minibatch.pipeWaitSeconds", "1");
        config = Files.writeString(dir.resolve("c.yaml"), "name: c\ndata:\n  n_samples: 60\n  n_features: 2\n"
                + "training:\n  epochs: 2\n  batch_size: 8\n");
        run = dir.resolve("runs/c");
        assertEquals(0, CliTest.run("train", config.toString(), "--out", run.toString(), "--quiet").code());
    }

    @AfterAll
    static void tearDown() {
        System.clearProperty("minibatch.pipeWaitSeconds");
    }

    private static Path fifo(String name) throws Exception {
        Path p = dir.resolve(name);
        Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
        assertEquals(0, mk.waitFor());
        return p;
    }

    @Test
    void aPipeThatNothingReadsIsRefusedInsteadOfWaitedForEver() throws Exception {
        Path pipe = fifo("log.pipe");
        CliTest.Outcome log = CliTest.run("train", config.toString(), "--out", dir.resolve("p").toString(),
                "--log-csv", pipe.toString(), "--quiet");
        assertEquals(ExitCodes.BAD_INPUT, log.code(), log.err());
        assertTrue(log.err().contains("--log-csv " + pipe + ": a pipe that nothing reads"), log.err());
        assertFalse(Files.exists(dir.resolve("p")), "the run stopped before its folder was written");

        Path rows = Files.writeString(dir.resolve("rows.csv"), "x0,x1\n1,2\n");
        Path out = fifo("out.pipe");
        CliTest.Outcome predict = CliTest.run("predict", "--model", run.toString(), "--input", rows.toString(),
                "--output", out.toString());
        assertEquals(ExitCodes.BAD_INPUT, predict.code(), predict.err());
        assertTrue(predict.err().contains("a pipe that nothing reads"), predict.err());

        CliTest.Outcome cfg = CliTest.run("train", pipe.toString());
        assertEquals(ExitCodes.BAD_INPUT, cfg.code(), cfg.err());
        assertTrue(cfg.err().contains("is not a regular file (a pipe or a device)"), cfg.err());
    }

    @Test
    void aLogAnotherRunIsWritingIsRefusedAndTheOtherRunsFolderIsNotALogsPlace() throws IOException {
        Path log = Files.writeString(dir.resolve("shared.csv"), "rows of another run\n");
        try (FileChannel other = FileChannel.open(log, StandardOpenOption.WRITE); FileLock held = other.lock()) {
            CliTest.Outcome second = CliTest.run("train", config.toString(), "--out", dir.resolve("s").toString(),
                    "--log-csv", log.toString(), "--quiet");
            assertEquals(ExitCodes.BAD_INPUT, second.code(), second.err());
            assertTrue(second.err().contains("another minibatch run is writing this log"), second.err());
            assertTrue(held.isValid());
        }
        assertEquals("rows of another run\n", Files.readString(log), "the other run's rows are kept");

        byte[] results = Files.readAllBytes(run.resolve("results.json"));
        CliTest.Outcome into = CliTest.run("train", config.toString(), "--out", dir.resolve("t").toString(),
                "--log-csv", run.resolve("results.json").toString(), "--quiet");
        assertEquals(ExitCodes.BAD_INPUT, into.code(), into.err());
        assertTrue(into.err().contains("a minibatch output folder"), into.err());
        assertArrayEquals(results, Files.readAllBytes(run.resolve("results.json")));

        Path fresh = dir.resolve("fresh.csv");
        CliTest.Outcome refused = CliTest.run("train", config.toString(), "--out", dir.resolve("u").toString(),
                "--log-csv", fresh.toString(), "--set", "training.batch_size=5000", "--quiet");
        assertEquals(ExitCodes.BAD_INPUT, refused.code(), refused.err());
        assertFalse(Files.exists(fresh), "a refused run leaves no empty log behind");
    }
}
