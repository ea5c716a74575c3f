package dev.minibatch.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code minibatch runs}: every folder listed for what it is, broken ones too, and the index page written. */
class RunsCommandTest {
    @TempDir
    Path dir;

    @Test
    void everyFolderIsListedForWhatItIsAndTheIndexLinksTheReports() throws Exception {
        Path runs = dir.resolve("runs");
        assertEquals(0, CliTest.run("train", "configs/seed.yaml", "--out", runs.resolve("seed").toString(),
                "--epochs", "3", "-q").code());
        assertEquals(0, CliTest.run("train", "configs/seed.yaml", "--out", runs.resolve("adam").toString(),
                "--epochs", "3", "--set", "training.optimizer=adam", "--trainer", "scratch", "-q",
                "--set", "split.validation_size=0.25", "--set", "training.lr_schedule.type=map",
                "--set", "training.lr_schedule.values={0: 0.05, 2: 0.01}").code());
        assertEquals(ExitCodes.DIVERGED, CliTest.run("train", "configs/seed.yaml", "--out",
                runs.resolve("blown").toString(), "--learning-rate", "1e200", "-q").code());
        Files.createDirectories(runs.resolve("junk"));
        Files.writeString(runs.resolve("junk/results.json"), "{");
        Files.createDirectories(runs.resolve("notes"));
        assertEquals(0, CliTest.run("train", "configs/seed.yaml", "--out", runs.resolve("cpu/seed").toString(),
                "--epochs", "2", "-q", "--trainer", "scratch").code());
        Files.createDirectories(runs.resolve(".stopped.checkpoints/scratch-epoch-000000010"));

        CliTest.Outcome o = CliTest.run("runs", runs.toString());
        assertEquals(0, o.code(), o.err());
        for (String line : o.out().lines().toList()) {
            assertTrue(line.length() <= Terminal.DEFAULT_WIDTH, line);
        }
        List<String> lines = o.out().lines().toList();
        assertTrue(line(lines, "seed ").contains("MSE ") && line(lines, "seed ").contains("agree"), o.out());
        assertTrue(line(lines, "adam ").contains("scratch only"), o.out());
        assertTrue(line(lines, "blown-diverged ").contains("framework diverged in epoch 1"), o.out());
        assertTrue(line(lines, "junk ").contains("broken   results.json not valid JSON"), o.out());
        assertTrue(line(lines, "notes ").contains("not a run (no results.json)"), o.out());
        assertTrue(line(lines, "stopped ").contains("interrupted"), o.out());
        assertTrue(line(lines, "cpu ").contains("folder") && line(lines, "cpu ").contains("holds 1 run;"), o.out());

        String html = Files.readString(runs.resolve("index.html"));
        assertTrue(html.contains("<a href=\"seed/report.html\">seed</a>") && html.contains("blown-diverged/report.html"),
                html);
        assertTrue(html.contains("<input type=\"checkbox\" value=\"adam\">") && html.contains("minibatch compare"));
        assertTrue(html.contains("make_regression 600/200") || html.contains("make_regression 800/200"), html);
        // validation rows shown between train and test; a map schedule's first rate, not training.learning_rate
        assertTrue(html.contains("make_regression 600/200/200") && html.contains("adam 0.05 (map)"), html);

        // an index.html minibatch did not write, or a link, is left alone; a run's own folder is not a runs folder
        Files.writeString(runs.resolve("index.html"), "<html>my own page</html>");
        CliTest.Outcome mine = CliTest.run("runs", runs.toString());
        assertEquals(ExitCodes.BAD_INPUT, mine.code(), "the page asked for was not written: " + mine.err());
        assertTrue(mine.out().contains("seed"), "the runs are still listed: " + mine.out());
        assertTrue(mine.err().replace(System.lineSeparator() + "  ", " ").contains("index.html is not a page minibatch"
                + " wrote: not replaced"), mine.err());
        assertEquals("<html>my own page</html>", Files.readString(runs.resolve("index.html")));
        CliTest.Outcome inRun = CliTest.run("runs", runs.resolve("seed").toString());
        assertEquals(ExitCodes.BAD_INPUT, inRun.code());
        assertTrue(inRun.err().contains("is a run's own folder"), inRun.err());

        CliTest.Outcome file = CliTest.run("runs", runs.resolve("seed/results.json").toString());
        assertEquals(ExitCodes.BAD_INPUT, file.code());
        assertTrue(file.err().contains("is a file; name the folder that holds the runs"), file.err());

        CliTest.Outcome none = CliTest.run("runs", dir.resolve("nowhere").toString());
        assertEquals(ExitCodes.BAD_INPUT, none.code());
        assertTrue(none.err().contains("no such folder"), none.err());
    }

    private static String line(List<String> lines, String start) {
        return lines.stream().filter(l -> l.startsWith(start)).findFirst().orElse("(no line for '" + start + "')");
    }

    /** A Spark run is listed as one, with its master (its config holds the distributed section). */
    @Test
    void aSparkRunIsListedAsOne() throws Exception {
        Path runs = dir.resolve("spark-runs");
        Path run = runs.resolve("seed");
        assertEquals(0, CliTest.run("train", "configs/seed.yaml", "--out", run.toString(), "--epochs", "2", "-q")
                .code());
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(run.resolve("results.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("config")).putObject("distributed")
                .put("master", "local[2]");
        json.writeValue(run.resolve("results.json").toFile(), tree);
        var entry = dev.minibatch.report.RunIndex.list(runs).get(0);
        assertTrue(entry.verdict().equals("agree (on Spark local[2])"), entry.verdict());
    }
}
