package dev.minibatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minibatch.results.ResultsMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checkpoints and {@code train --resume}: a run killed with SIGKILL in a child JVM — between checkpoints, or
 * halfway through writing one — and resumed ends with results equal, bit for bit, to the uninterrupted run's:
 * every trainer's parameters, every epoch's history, the test MSE and the step count.
 */
class ResumeTest {
    @TempDir
    Path dir;

    /** Adam, an epoch schedule, a validation split and early stopping: state beyond the parameters to carry. */
    private static final String CONFIG = """
            name: resumable
            data:
              n_samples: 200
              n_features: 3
              noise: 2.0
            split:
              validation_size: 0.2
            training:
              epochs: 10
              batch_size: 16
              optimizer: adam
              learning_rate: 0.2
              dtype: float
              lr_schedule:
                type: step
                unit: epoch
                step: 4
                decay_rate: 0.5
              early_stopping:
                monitor: val_loss
                patience: 50
              checkpoint_every: 3
              checkpoint_keep: 2
            """;

    private Path config;
    private JsonNode reference;

    @BeforeEach
    void uninterruptedRun() throws IOException {
        config = Files.writeString(dir.resolve("resumable.yaml"), CONFIG);
        Path out = dir.resolve("reference");
        CliTest.Outcome r = CliTest.run("train", config.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        reference = ResultsMapper.JSON.readTree(out.resolve("results.json").toFile());
    }

    /** Everything but the timings must be equal. */
    private void assertSameResults(Path out) throws IOException {
        JsonNode got = ResultsMapper.JSON.readTree(out.resolve("results.json").toFile());
        for (String t : List.of("framework", "scratch")) {
            JsonNode a = reference.path("trainers").path(t);
            JsonNode b = got.path("trainers").path(t);
            for (String k : List.of("weights", "bias", "test_mse", "final_train_loss", "steps", "history",
                    "early_stopping")) {
                assertEquals(a.get(k), b.get(k), t + " " + k);
            }
        }
        assertEquals(reference.get("agreement"), got.get("agreement"));
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aRunKilledBetweenCheckpointsResumesToTheUninterruptedResults() throws Exception {
        Path runs = dir.resolve("runs");
        Path out = runs.resolve("resumable");
        // the framework trainer finishes (checkpoints 3, 6, 9, 10); the scratch trainer is killed in epoch 8,
        // two epochs after its last checkpoint
        Process child = ChildJvm.start(List.of("-Dminibatch.test.pauseAtEpoch=scratch:8:120000"), "train",
                config.toString(), "--out", out.toString(), "--quiet");
        try {
            String said = ChildJvm.waitFor(child, "test pause at scratch epoch 8");
            assertTrue(said.contains("test pause at scratch epoch 8"), said);
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        assertFalse(Files.exists(out), "the run folder is written only at the end");
        assertEquals(List.of("framework-epoch-000000009", "framework-epoch-000000010", "scratch-epoch-000000003",
                "scratch-epoch-000000006"), names(runs.resolve(".resumable.checkpoints")), "the last 2 of each");

        // a fresh run into the same folder would throw that work away: refused, and told how to resume
        CliTest.Outcome fresh = CliTest.run("train", config.toString(), "--out", out.toString(), "--quiet");
        assertEquals(ExitCodes.BAD_INPUT, fresh.code(), fresh.err());
        assertTrue(fresh.err().contains("--resume"), fresh.err());

        CliTest.Outcome resumed = CliTest.run("train", "--resume", out.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.unwrapped().contains("framework at epoch 10, scratch at epoch 6"), resumed.out());
        assertSameResults(out);
        assertEquals(List.of("resumable"), names(runs), "the in-progress checkpoints moved into the run folder");
        assertEquals(List.of("framework-epoch-000000009", "framework-epoch-000000010", "scratch-epoch-000000009",
                "scratch-epoch-000000010"), names(out.resolve("checkpoints")));
    }

    /** Ctrl-C while checkpoints are kept says where they are and how to go on from them. */
    @Test
    void ctrlCSaysHowToResume() throws Exception {
        Path out = dir.resolve("runs/resumable");
        Process child = ChildJvm.start(List.of("-Dminibatch.test.pauseAtEpoch=scratch:8:120000"), "train",
                config.toString(), "--out", out.toString(), "--quiet");
        String said = ChildJvm.waitFor(child, "test pause at scratch epoch 8");
        assertTrue(said.contains("test pause at scratch epoch 8"), said);
        String sig = dev.minibatch.io.Signals.deliverable("INT");
        Process kill = new ProcessBuilder("kill", "-" + sig, String.valueOf(child.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor());
        said += ChildJvm.output(child);
        assertEquals(dev.minibatch.io.Signals.exitCode(sig), ChildJvm.exitCode(child), said);
        assertTrue(said.contains("minibatch: stopped; the checkpoints in ") && said.contains("are kept: continue with"
                + " 'minibatch train --resume " + out + "'"), said);
        CliTest.Outcome resumed = CliTest.run("train", "--resume", out.toString(), "--quiet");
        assertEquals(0, resumed.code(), resumed.err());
        assertSameResults(out);
    }

    @Test
    void aRunKilledHalfwayThroughWritingACheckpointResumesFromTheOneBefore() throws Exception {
        Path out = dir.resolve("runs").resolve("resumable");
        // the second checkpoint write is the framework trainer's epoch 6: killed with its model file written
        Process child = ChildJvm.start(List.of("-Dminibatch.test.pauseInCheckpoint=2:120000"), "train",
                config.toString(), "--out", out.toString(), "--quiet");
        try {
            String said = ChildJvm.waitFor(child, "test pause in checkpoint write 2");
            assertTrue(said.contains("test pause in checkpoint write 2"), said);
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        Path ck = dir.resolve("runs").resolve(".resumable.checkpoints");
        assertEquals(List.of(".writing-framework-epoch-000000006", "framework-epoch-000000003"), names(ck));

        CliTest.Outcome resumed = CliTest.run("train", config.toString(), "--resume", out.toString(), "--quiet");
        assertEquals(0, resumed.code(), resumed.err());
        assertSameResults(out);
    }

    @Test
    void aFinishedRunContinuesWithMoreEpochsAndAnotherConfigIsRefusedNamingTheKey() throws IOException {
        Path out = dir.resolve("reference");
        Path other = Files.writeString(dir.resolve("other.yaml"), CONFIG.replace("learning_rate: 0.2",
                "learning_rate: 0.3"));
        CliTest.Outcome refused = CliTest.run("train", other.toString(), "--resume", out.toString());
        assertEquals(ExitCodes.BAD_INPUT, refused.code(), refused.err());
        assertTrue(refused.err().contains("training.learning_rate is '0.3', but the checkpoint was trained with"
                + " '0.2'"), refused.err());
        assertEquals(1, refused.err().strip().lines().count(), refused.err());

        // a flag is held to the checkpoint like a config file: checked before anything trains or is written
        for (String[] set : new String[][] {{"--set", "training.learning_rate=0.3"}, {"--set",
            "model.hidden_layers=[{units: 4, activation: relu}]"}, {"--set", "model.init=relu"}}) {
            CliTest.Outcome flag = CliTest.run("train", "--resume", out.toString(), set[0], set[1]);
            assertEquals(ExitCodes.BAD_INPUT, flag.code(), flag.err());
            String key = set[1].substring(0, set[1].indexOf('='));
            assertTrue(flag.err().contains(key + " is "), flag.err());
            assertEquals(1, flag.err().strip().lines().count(), flag.err());
        }

        // refusing a finished run's resume leaves nothing behind (its checkpoints were linked out for it)
        assertFalse(Files.exists(dir.resolve(".reference.checkpoints")), "a refused resume wrote its checkpoints");
        CliTest.Outcome rule = CliTest.run("train", "--resume", out.toString(), "--set", "training.optimizer=sgd");
        assertEquals(ExitCodes.BAD_INPUT, rule.code(), rule.err());
        assertTrue(rule.err().contains("training.optimizer is 'sgd', but the checkpoint was trained with 'adam'"),
                rule.err());
        CliTest.Outcome fewer = CliTest.run("train", "--resume", out.toString(), "--epochs", "2");
        assertEquals(ExitCodes.BAD_INPUT, fewer.code(), fewer.err());
        assertFalse(Files.exists(dir.resolve(".reference.checkpoints")), "a refused resume wrote its checkpoints");

        // a finished run with nothing new to do: said, and not a byte changed
        byte[] before = Files.readAllBytes(out.resolve("results.json"));
        CliTest.Outcome nothing = CliTest.run("train", "--resume", out.toString());
        assertEquals(0, nothing.code(), nothing.err());
        assertTrue(nothing.out().contains("nothing to resume; the run is unchanged"), nothing.out());
        org.junit.jupiter.api.Assertions.assertArrayEquals(before, Files.readAllBytes(out.resolve("results.json")));
        assertFalse(Files.exists(dir.resolve(".reference.checkpoints")), "nothing left beside");
        double firstPiece = ResultsMapper.JSON.readTree(before).path("trainers").path("scratch").path("train_seconds")
                .asDouble();

        CliTest.Outcome longer = CliTest.run("train", "--resume", out.toString(), "--epochs", "14", "--quiet");
        assertEquals(0, longer.code(), longer.err());
        com.fasterxml.jackson.databind.JsonNode pieces = ResultsMapper.JSON.readTree(out.resolve("results.json")
                .toFile()).path("trainers").path("scratch");
        assertTrue(pieces.path("train_seconds").asDouble() >= firstPiece, "the timings add up the pieces");
        assertTrue(pieces.path("train_seconds").asDouble() >= pieces.path("step_seconds").asDouble(),
                "train_seconds holds the step seconds");
        Path fresh = dir.resolve("fresh");
        CliTest.Outcome direct = CliTest.run("train", config.toString(), "--epochs", "14", "--out",
                fresh.toString(), "--quiet");
        assertEquals(0, direct.code(), direct.err());
        reference = ResultsMapper.JSON.readTree(fresh.resolve("results.json").toFile());
        assertSameResults(out);
        assertEquals(14, reference.path("trainers").path("scratch").path("history").size());
    }

    /**
     * A damaged checkpoint is named, with what is wrong in the file's terms (no Java class or field names), exit 2,
     * and the run folder is left as it was.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "state.json   | garbage{                 | state.json is not valid JSON (line 1, column 1); the file is damaged",
        "state.json   | {\"epoch\": \"x\"}       | state.json has a value of the wrong kind under 'epoch'; the file is damaged",
        "state.json   | [1, 2]                   | state.json does not hold what minibatch writes there",
        "state.json   | {}                       | state.json is not a framework checkpoint's state of this version",
        "framework.zip| TRUNCATE                 | a file of it ends early; the file is damaged (to resume from the checkpoint before it, remove",
        "state.json   | EDIT epoch=9             | state.json says epoch 9 in the folder of epoch 10; the file was edited or is damaged (to resume from",
        "state.json   | EDIT steps=81            | state.json says 81 steps after 10 epochs of 8 steps; the file was edited",
        "state.json   | EDIT stoppedAfter=3      | state.json says early stopping ended epoch 3 at epoch 10; the file was edited",
        "state.json   | EDIT bestEpoch=11        | state.json has early stopping's best epoch 11 and wait",
        "state.json   | HIST testMse=DELETE      | state.json has history entry 5 without its 'testMse'; the file was edited",
        "state.json   | HIST trainLoss=null      | state.json has a value of the wrong kind under 'history.[4].trainLoss'",
        "state.json   | HIST trainLoss=NaN       | state.json has history entry 5 with a loss that is not finite",
    })
    void aDamagedCheckpointIsNamedInTheFilesTerms(String file, String content, String says) throws IOException {
        Path run = copyOfReference("damaged");
        Path newest;
        try (Stream<Path> cks = Files.list(run.resolve("checkpoints"))) {
            newest = cks.filter(p -> p.getFileName().toString().startsWith("framework-")).max(Path::compareTo)
                    .orElseThrow();
        }
        Path damaged = newest.resolve(file.strip());
        if (content.startsWith("HIST ")) {            // one value of the fifth epoch's history entry
            String[] kv = content.substring(5).split("=");
            var tree = (com.fasterxml.jackson.databind.node.ObjectNode) ResultsMapper.JSON.readTree(damaged.toFile());
            var entry = (com.fasterxml.jackson.databind.node.ObjectNode) tree.get("history").get(4);
            if (kv[1].equals("DELETE")) {
                entry.remove(kv[0]);
            } else if (kv[1].equals("null")) {
                entry.putNull(kv[0]);
            } else {
                entry.put(kv[0], kv[1]);
            }
            Files.writeString(damaged, tree.toString());
        } else if (content.startsWith("EDIT ")) {            // one number of a whole state.json changed
            String[] kv = content.substring(5).split("=");
            var tree = (com.fasterxml.jackson.databind.node.ObjectNode) ResultsMapper.JSON.readTree(damaged.toFile());
            tree.put(kv[0], Long.parseLong(kv[1]));
            Files.writeString(damaged, tree.toString());
        } else if (content.equals("TRUNCATE")) {
            try (var ch = java.nio.channels.FileChannel.open(damaged, java.nio.file.StandardOpenOption.WRITE)) {
                ch.truncate(Files.size(damaged) / 2);
            }
        } else {
            Files.writeString(damaged, content);
        }
        byte[] before = Files.readAllBytes(run.resolve("results.json"));
        CliTest.Outcome r = CliTest.run("train", "--resume", run.toString(), "--epochs", "12", "--quiet");
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("--resume: the checkpoint " + newest.getFileName() + ": ")
                && r.err().contains(says), r.err());
        assertFalse(r.err().contains("dev.minibatch") || r.err().contains("deserialize") || r.err().contains("`"),
                r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        org.junit.jupiter.api.Assertions.assertArrayEquals(before, Files.readAllBytes(run.resolve("results.json")));
        assertFalse(Files.exists(dir.resolve(".damaged.checkpoints")), "nothing left beside");
    }

    /** A scratch checkpoint with a value missing, of another shape or not finite is refused naming it. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "no bias        | bias     | REMOVE | scratch.json has no 'bias'",
        "NaN weight     | weights  | [[\"NaN\"], [1.0], [2.0]] | scratch.json holds a value of layer 1 that is not finite",
        "other shape    | weights  | [[1.0], [2.0]]              | scratch.json holds layer 1 as 2 × 1 weights, 1 biases, the run's 3 × 1 weights, 1 biases",
        "no optimizer   | optimizerState | REMOVE | scratch.json has no 'optimizerState'",
        "quoted number  | bias     | [\"-0.16\"]                | #has a value of the wrong kind under 'bias.[0]'",
        "null weight    | weights  | [[null], [1.0], [2.0]]      | #has a value of the wrong kind under 'weights.[0].[0]'",
    })
    void aDamagedScratchCheckpointIsNamed(String what, String key, String value, String says) throws IOException {
        Path run = copyOfReference("damaged");
        Path file = run.resolve("checkpoints/scratch-epoch-000000010/scratch.json");
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) ResultsMapper.JSON.readTree(file.toFile());
        if (value.equals("REMOVE")) {
            tree.remove(key);
        } else {
            tree.set(key, ResultsMapper.JSON.readTree(value));
        }
        Files.writeString(file, tree.toString());
        CliTest.Outcome r = CliTest.run("train", "--resume", run.toString(), "--epochs", "12", "--quiet");
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains(says.startsWith("#") ? "the checkpoint scratch-epoch-000000010: a file of it "
                + says.substring(1) : "the checkpoint scratch-epoch-000000010: a file of it is damaged (" + says + ")"),
                r.err());
        assertFalse(r.err().contains("null") || r.err().contains("this."), r.err());
        assertTrue(Files.exists(run.resolve("checkpoints/scratch-epoch-000000010")), "the checkpoints are kept");
    }

    @Test
    void resumeWithoutACheckpointSaysWhereItLooked() {
        CliTest.Outcome r = CliTest.run("train", "--resume", dir.resolve("nothing").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("no checkpoint to resume from"), r.err());
    }

    @Test
    void aRunEarlyStoppingEndedHasNothingToResumeAndSaysWhy() throws IOException {
        Path out = dir.resolve("stopped");
        CliTest.Outcome first = CliTest.run("train", config.toString(), "--out", out.toString(), "--quiet",
                "--set", "training.early_stopping.patience=1", "--set", "training.early_stopping.monitor=train_loss",
                "--set", "training.early_stopping.min_delta=1e9", "--epochs", "40");   // no epoch improves
        assertEquals(0, first.code(), first.err());
        int ran = results(out).path("trainers").path("scratch").path("history").size();
        assertTrue(ran < 40, "the run stopped early: " + ran + " epochs");
        byte[] before = Files.readAllBytes(out.resolve("results.json"));
        for (String epochs : new String[] {"40", "60"}) {
            CliTest.Outcome again = CliTest.run("train", "--resume", out.toString(), "--epochs", epochs);
            assertEquals(0, again.code(), again.err());
            assertTrue(again.out().contains("finished: early stopping ended it (framework after epoch ")
                    && again.out().contains("nothing to resume; the run is unchanged"), again.out());
            assertFalse(again.out().contains("trains on"), "more epochs would not train: " + again.out());
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(before, Files.readAllBytes(out.resolve("results.json")));
    }

    /**
     * A signal while the folder is swapped in (between its two renames) waits for the swap: the folder holds the new
     * run whole, so the stop says that, not "continue with --resume".
     */
    @Test
    void aSignalDuringTheSwapSaysTheFolderWasWrittenWhole() throws Exception {
        Path out = dir.resolve("runs/resumable");
        Process child = ChildJvm.start(List.of("-Dminibatch.test.pauseAt=aside:3000"), "train", config.toString(),
                "--out", out.toString(), "--quiet");
        String said = ChildJvm.waitFor(child, "test pause aside");
        assertTrue(said.contains("test pause aside"), said);
        String sig = dev.minibatch.io.Signals.deliverable("TERM");
        assertEquals(0, new ProcessBuilder("kill", "-" + sig, String.valueOf(child.pid())).inheritIO().start()
                .waitFor());
        said += ChildJvm.output(child);
        ChildJvm.exitCode(child);
        assertTrue(said.contains("was written whole; nothing to resume"), said);
        assertFalse(said.contains("continue with"), said);
        assertSameResults(out);
    }

    /**
     * A kill between the two renames of a swap leaves the earlier run aside as {@code .NAME.old-PID}: the commands
     * that read runs put it back (as the next run into the folder would) instead of not finding it.
     */
    @Test
    void aRunLeftAsideByAKillBetweenTheRenamesIsFoundByRunsAndPredict() throws Exception {
        Path runs = dir.resolve("runs");
        Path out = runs.resolve("resumable");
        assertEquals(0, CliTest.run("train", config.toString(), "--out", out.toString(), "--epochs", "3",
                "--quiet").code());
        killedAt("aside", "train", config.toString(), "--out", out.toString(), "--force", "--quiet", "--epochs", "4");
        assertFalse(Files.exists(out), "the kill fell between the renames");
        assertTrue(names(runs).stream().anyMatch(n -> n.startsWith(".resumable.old-")), names(runs).toString());
        Path rows = Files.writeString(dir.resolve("rows.csv"), "x0,x1,x2\n1,2,3\n");
        CliTest.Outcome predicted = CliTest.run("predict", "--model", out.toString(), "--input", rows.toString());
        assertEquals(0, predicted.code(), predicted.err());
        assertEquals(3, results(out).path("trainers").path("scratch").path("history").size(), "the earlier run");

        killedAt("aside", "train", config.toString(), "--out", out.toString(), "--force", "--quiet", "--epochs", "4");
        CliTest.Outcome listed = CliTest.run("runs", runs.toString());
        assertEquals(0, listed.code(), listed.err());
        assertTrue(listed.out().contains("resumable"), listed.out());
        assertTrue(Files.exists(out.resolve("results.json")));
    }

    /** Starts a run in a child JVM that pauses at a phase of writing its folder, and kills it there (SIGKILL). */
    private static void killedAt(String phase, String... args) throws Exception {
        Process child = ChildJvm.start(List.of("-Dminibatch.test.pauseAt=" + phase + ":120000"), args);
        try {
            String said = ChildJvm.waitFor(child, "test pause " + phase);
            assertTrue(said.contains("test pause " + phase), said);
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
    }

    /**
     * A run over a finished one, killed while its folder is written: the folder still holds the earlier run, the
     * checkpoints beside it are ahead of it, and the resume writes the folder from them (it used to say
     * "finished: nothing to resume" and leave the earlier run in place). The same for a finished run continued
     * with more epochs. What the kill left (the lock, the staging folder) is gone after the resume.
     */
    @Test
    void aResumeWritesTheFolderFromCheckpointsThatAreAheadOfIt() throws Exception {
        Path runs = dir.resolve("runs");
        Path out = runs.resolve("resumable");
        CliTest.Outcome earlier = CliTest.run("train", config.toString(), "--out", out.toString(), "--epochs", "3",
                "--quiet");
        assertEquals(0, earlier.code(), earlier.err());
        killedAt("staged", "train", config.toString(), "--out", out.toString(), "--force", "--quiet");
        assertEquals(3, results(out).path("trainers").path("scratch").path("history").size(), "the old run stays");
        assertTrue(names(runs).stream().anyMatch(n -> n.startsWith(".resumable.staging-")), names(runs).toString());

        CliTest.Outcome resumed = CliTest.run("train", "--resume", out.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertFalse(resumed.out().contains("nothing to resume"), resumed.out());
        assertSameResults(out);
        assertEquals(List.of("resumable"), names(runs), "the lock, staging folder and checkpoints beside are gone");

        // another run of the same length over it (another rate), killed while its folder is written: the same
        killedAt("staged", "train", config.toString(), "--out", out.toString(), "--force", "--quiet",
                "--learning-rate", "0.1");
        CliTest.Outcome other = CliTest.run("train", "--resume", out.toString(), "--quiet");
        assertEquals(0, other.code(), other.err());
        assertFalse(other.out().contains("nothing to resume"), other.out());
        assertEquals(0.1, results(out).path("config").path("training").path("learning_rate").asDouble());
        CliTest.Outcome again = CliTest.run("train", config.toString(), "--out", out.toString(), "--force",
                "--quiet");
        assertEquals(0, again.code(), again.err());

        // a finished run continued with more epochs, killed while its folder is written: the same
        killedAt("staged", "train", "--resume", out.toString(), "--epochs", "14", "--quiet");
        assertEquals(10, results(out).path("trainers").path("scratch").path("history").size());
        CliTest.Outcome longer = CliTest.run("train", "--resume", out.toString(), "--quiet");
        assertEquals(0, longer.code(), longer.err());
        assertFalse(longer.out().contains("nothing to resume"), longer.out());
        Path fresh = dir.resolve("fresh");
        assertEquals(0, CliTest.run("train", config.toString(), "--epochs", "14", "--out", fresh.toString(),
                "--quiet").code());
        reference = results(fresh);
        assertSameResults(out);
        assertEquals(List.of("resumable"), names(runs));
    }

    /**
     * A run killed after its folder was swapped in whole, before it removed the old folder and its checkpoints
     * beside: the folder is the checkpoints' last epoch, so a resume has nothing to do, says so, and cleans what the
     * kill left, so that a new run into the folder is not refused for an interrupted run.
     */
    @Test
    void aResumeAfterAKillBehindTheSwapHasNothingToDoAndCleansUp() throws Exception {
        Path runs = dir.resolve("runs");
        Path out = runs.resolve("resumable");
        assertEquals(0, CliTest.run("train", config.toString(), "--out", out.toString(), "--epochs", "3",
                "--quiet").code());
        killedAt("swapped", "train", config.toString(), "--out", out.toString(), "--force", "--quiet");
        assertEquals(10, results(out).path("trainers").path("scratch").path("history").size(), "the new run is in");
        assertTrue(names(runs).size() > 1, names(runs).toString());

        CliTest.Outcome resumed = CliTest.run("train", "--resume", out.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("nothing to resume; the run is unchanged"), resumed.out());
        assertSameResults(out);
        assertEquals(List.of("resumable"), names(runs), "what the kill left is cleaned");
        CliTest.Outcome again = CliTest.run("train", config.toString(), "--out", out.toString(), "--force",
                "--quiet", "--epochs", "2");
        assertEquals(0, again.code(), again.err());
    }

    /** A copy of the uninterrupted run's folder (the original's checkpoint files are links: not edited in place). */
    private Path copyOfReference(String name) throws IOException {
        Path run = dir.resolve(name);
        try (Stream<Path> all = Files.walk(dir.resolve("reference"))) {
            for (Path p : all.toList()) {
                Files.copy(p, run.resolve(dir.resolve("reference").relativize(p).toString()));
            }
        }
        return run;
    }

    private static JsonNode results(Path run) throws IOException {
        return ResultsMapper.JSON.readTree(run.resolve("results.json").toFile());
    }
}
