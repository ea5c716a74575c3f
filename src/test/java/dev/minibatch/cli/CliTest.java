package dev.minibatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliTest {
    @TempDir
    Path dir;

    record Outcome(int code, String out, String err) {
        /** @return stdout with the terminal's line breaks inside a line (Terminal.wrap's) taken out again. */
        String unwrapped() {
            return out.replace(System.lineSeparator() + "  ", " ");
        }
    }

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Outcome(code, out.toString(), err.toString());
    }

    private Path config(String yaml) throws IOException {
        Path f = dir.resolve("small.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    private static final String SMALL = """
            name: small
            data:
              n_samples: 120
              n_features: 3
              n_targets: 2
              noise: 1.0
            split:
              test_size: 0.25
            training:
              epochs: 3
              batch_size: 16
            """;

    @Test
    void trainWritesResultsJsonWithTheDocumentedKeys() throws IOException {
        Path out = dir.resolve("out");
        Outcome o = run("train", config(SMALL).toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, o.code(), o.err());
        assertEquals("", o.err());
        JsonNode r = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertEquals("small", r.get("name").asText());
        assertEquals(3, r.get("config").get("training").get("epochs").asInt());
        assertEquals("CPU", r.get("backend").get("name").asText());
        assertEquals("DOUBLE", r.get("backend").get("dtype").asText());
        assertEquals(90, r.get("data").get("n_train").asInt());
        assertEquals(30, r.get("data").get("n_test").asInt());
        for (String t : List.of("framework", "scratch")) {
            JsonNode tr = r.get("trainers").get(t);
            for (String key : List.of("initial_weights", "initial_bias", "weights", "bias", "test_mse",
                    "train_seconds", "steps", "history")) {
                assertTrue(tr.has(key), t + " lacks " + key);
            }
            assertTrue(tr.get("engine").asText().startsWith(t.equals("framework") ? "DL4J" : "ND4J"));
            assertEquals(3, tr.get("weights").size(), "n_features rows");
            assertEquals(2, tr.get("weights").get(0).size(), "n_targets columns");
            assertEquals(2, tr.get("bias").size());
            assertEquals(18, tr.get("steps").asInt(), "3 epochs of 6 batches (the last one partial)");
            JsonNode h = tr.get("history").get(2);
            assertEquals(3, h.get("epoch").asInt());
            assertTrue(h.has("train_loss") && h.has("batch_loss_mean") && h.has("test_mse"));
        }
        assertEquals("auto", r.get("backend").get("requested").asText());
        assertTrue(r.get("backend").get("fallback_reason").asText().contains("only the CPU backend"));
        JsonNode a = r.get("agreement");
        assertTrue(a.get("agree").asBoolean());
        assertEquals(0.0, a.get("max_abs_param_diff").asDouble());
        assertEquals(3, a.get("per_epoch_max_abs_param_diff").size());
        assertTrue(o.out().contains("results.json"));
    }

    @Test
    void flagsOverrideTheFileAndASingleTrainerHasNoAgreement() throws IOException {
        Path out = dir.resolve("out");
        Outcome o = run("train", config(SMALL).toString(), "--out", out.toString(), "--trainer", "scratch",
                "--epochs", "2", "--dtype", "float");
        assertEquals(0, o.code(), o.err());
        JsonNode r = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertEquals(2, r.get("config").get("training").get("epochs").asInt());
        assertEquals("FLOAT", r.get("backend").get("dtype").asText());
        assertFalse(r.get("trainers").has("framework"));
        assertFalse(r.has("agreement"));
        assertTrue(o.out().contains("scratch"), o.out());
    }

    @Test
    void theDefaultSummaryNamesEachTrainerAndTheVerdict() throws IOException {
        Outcome o = run("train", config(SMALL).toString(), "--out", dir.resolve("o").toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("framework"));
        assertTrue(o.out().contains("scratch"));
        assertTrue(o.out().contains("trainers agree"), o.out());
    }

    @Test
    void verbosePrintsOneLinePerEpochAndTrainer() throws IOException {
        Outcome o = run("train", config(SMALL).toString(), "--out", dir.resolve("o").toString(), "--verbose");
        assertEquals(0, o.code(), o.err());
        assertEquals(6, o.out().lines().filter(l -> l.matches("Epoch \\d+/\\d+ \\((framework|scratch)\\)")).count(),
                o.out());
        assertTrue(o.out().contains("OutputLayer"), "DL4J's model summary: " + o.out());
    }

    @Test
    void badFlagsOfTheOtherCommandsExitWithTwo() throws IOException {
        Outcome o = run("info", "--backend", "gpu");
        assertBadInput(o, "--backend: must be one of auto|cpu|cuda, got 'gpu'", dir.resolve("none"));
        Path out = dir.resolve("sweep");
        assertBadInput(run("sweep", config(SMALL).toString(), "--lr-scaling", "fast", "--out", out.toString()),
                "--lr-scaling: must be one of none|linear|sqrt, got 'fast'", out);
        assertBadInput(run("sweep", config(SMALL).toString(), "--lr-scaling", "linear", "--set",
                "training.optimizer=adadelta", "--out", out.toString()),
                "--lr-scaling linear: training.optimizer adadelta has no learning rate to scale", out);
        assertBadInput(run("bench", "--workload", "giant", "--trainer", "scratch"),
                "--workload: must be one of seed|mid|large|huge|mlp|softmax, got 'giant'", dir.resolve("none"));
        assertBadInput(run("bench", "--workload", "seed", "--trainer", "scratch", "--reps", "0"),
                "--reps: must be at least 1, got 0", dir.resolve("none"));
        assertBadInput(run("bench", "--workload", "seed", "--trainer", "keras"),
                "--trainer: must be one of framework|scratch, got 'keras'", dir.resolve("none"));
        assertBadInput(run("bench", "--workload", "seed", "--trainer", "scratch", "--kernels", "gpu"),
                "--kernels: must be one of auto|host|nd4j|cuda, got 'gpu'", dir.resolve("none"));
        assertBadInput(run("bench", "--workload", "seed", "--trainer", "framework", "--kernels", "nd4j"),
                "--kernels: applies to --trainer scratch only", dir.resolve("none"));
        assertBadInput(run("bench", "--workload", "seed", "--trainer", "scratch", "--warmup-seconds", "-1"),
                "--warmup-seconds: must be 0 or more, got -1.0", dir.resolve("none"));
    }

    @Test
    void benchPrintsOneJsonRowWithTheTimingsAndWhatItReportsApart() throws IOException {
        for (String[] t : List.of(new String[] {"scratch", "host"}, new String[] {"scratch", "nd4j"},
                new String[] {"framework", null})) {
            List<String> args = new java.util.ArrayList<>(List.of("bench", "--workload", "seed", "--trainer", t[0],
                    "--reps", "2", "--epochs", "2", "--warmup-seconds", "0"));
            if (t[1] != null) {
                args.addAll(List.of("--kernels", t[1]));
            }
            Outcome o = run(args.toArray(new String[0]));
            assertEquals(0, o.code(), o.err());
            JsonNode row = new ObjectMapper().readTree(o.out());
            assertEquals("seed", row.get("workload").asText());
            assertEquals(t[0], row.get("trainer").asText());
            assertEquals(50, row.get("steps").asInt(), "2 epochs of 25 batches");
            assertEquals(2, row.get("us_per_step_all").size());
            assertTrue(row.get("us_per_step").asDouble() > 0);
            assertEquals(32e6 / row.get("us_per_step").asDouble(), row.get("samples_per_s").asDouble(), 1e-6);
            for (String key : List.of("peak_rss_mb", "data_seconds", "jvm_start_seconds", "backend_load_seconds",
                    "warmup_reps")) {
                assertTrue(row.get(key).asDouble() >= 0, key);
            }
            String engine = row.get("engine").asText();
            assertTrue(t[1] == null ? engine.startsWith("DL4J") : engine.contains(t[1].toUpperCase() + " kernels"),
                    engine);
        }
    }

    @Test
    void compareNeedsRunFolders() {
        Outcome o = run("compare", dir.resolve("a").toString(), dir.resolve("b").toString(), "--out",
                dir.resolve("c").toString());
        assertEquals(ExitCodes.BAD_INPUT, o.code());
        assertTrue(o.err().contains("not a run folder (no results.json;"), o.err());
        assertFalse(Files.exists(dir.resolve("c")));
    }

    private void assertBadInput(Outcome o, String expected, Path out) {
        assertEquals(ExitCodes.BAD_INPUT, o.code(), o.err());
        assertTrue(o.err().contains(expected), "expected '" + expected + "' in: " + o.err());
        assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
        assertFalse(Files.exists(out), "nothing written under --out");
    }

    @Test
    void aBadConfigValueExitsWithTwoAndWritesNothing() throws IOException {
        Path out = dir.resolve("out");
        Outcome o = run("train", config(SMALL.replace("epochs: 3", "epochs: -1")).toString(), "--out",
                out.toString());
        assertBadInput(o, "small.yaml: training.epochs: must be an integer", out);
        assertEquals(1, o.err().lines().count(), o.err());
    }

    /**
     * A generator's split that cannot work is refused before anything starts: no folder, and under --force an
     * interrupted run's checkpoints beside it are not discarded first.
     */
    @Test
    void aBatchLargerThanTheGeneratedRowsIsRefusedBeforeAnythingIsTouched() throws IOException {
        Path out = dir.resolve("out");
        Path kept = Files.createDirectories(out.resolveSibling(".out.checkpoints").resolve("framework"));
        Outcome o = run("train", config(SMALL).toString(), "--out", out.toString(), "--force", "--batch-size",
                "100000");
        assertBadInput(o, "training.batch_size: must be at most the", out);
        assertEquals(1, o.err().lines().count(), o.err());
        assertTrue(Files.isDirectory(kept), "the checkpoints folder was left alone");
    }

    /** A --live port out of range is bad input: one line, before anything trains or is written. */
    @Test
    void aLivePortOutOfRangeIsRefused() throws IOException {
        Path out = dir.resolve("out");
        for (String port : List.of("99999", "-1", "65536")) {
            Outcome o = run("train", config(SMALL).toString(), "--out", out.toString(), "--live", port, "-q");
            assertBadInput(o, "--live: must be a port from 1 to 65535, or 0 for a free one, got " + port, out);
            assertEquals(1, o.err().lines().count(), o.err());
        }
        Outcome sweep = run("sweep", config(SMALL).toString(), "--out", out.toString(), "--live", "70000", "-q");
        assertBadInput(sweep, "--live: must be a port from 1 to 65535, or 0 for a free one, got 70000", out);
        assertEquals(1, sweep.err().lines().count(), sweep.err());
    }

    @Test
    void aBadFlagValueNamesTheFlag() throws IOException {
        Path out = dir.resolve("out");
        assertBadInput(run("train", config(SMALL).toString(), "--out", out.toString(), "--epochs", "0"),
                "--epochs: training.epochs: must be", out);
        assertBadInput(run("train", config(SMALL).toString(), "--out", out.toString(), "--dtype", "half"),
                "--dtype: training.dtype: must be one of double|float", out);
        assertBadInput(run("train", config(SMALL).toString(), "--out", out.toString(), "--trainer", "keras"),
                "--trainer", out);
        assertBadInput(run("train", config(SMALL).toString(), "--out", out.toString(), "--set", "epochs"),
                "--set: expected KEY=VALUE", out);
        assertBadInput(run("train", config(SMALL).toString(), "--out", out.toString(), "--bogus"),
                "Unknown option: '--bogus'", out);
    }

    @Test
    void cudaIsRefusedBeforeTrainingWhereItCannotRun() throws IOException {
        Path out = dir.resolve("out");
        assertBadInput(run("train", config(SMALL).toString(), "--out", out.toString(), "--backend", "cuda"),
                "backend cuda: ND4J cannot use CUDA (this build has only the CPU backend", out);
        assertBadInput(run("train", config("backend: cuda\n" + SMALL).toString(), "--out", out.toString()),
                "and minibatch's CUDA kernels cannot either: no NVIDIA driver (libcuda.so.1) found; looked in", out);
        assertBadInput(run("train", config(SMALL).toString(), "--out", out.toString(), "--kernels", "cuda"),
                "kernels cuda: cannot use the GPU: no NVIDIA driver (libcuda.so.1) found; looked in", out);
        assertBadInput(run("train", config("kernels: gpu\n" + SMALL).toString(), "--out", out.toString()),
                "kernels: must be one of auto|host|nd4j|cuda, got 'gpu'", out);
        assertBadInput(run("train", config(SMALL).toString(), "--out", out.toString(), "--backend", "gpu"),
                "--backend: backend: must be one of auto|cpu|cuda, got 'gpu'", out);
    }

    @Test
    void cpuRecordsNoFallbackReason() throws IOException {
        Path out = dir.resolve("out");
        Outcome o = run("train", config(SMALL).toString(), "--out", out.toString(), "--backend", "cpu", "-q");
        assertEquals(0, o.code(), o.err());
        JsonNode b = new ObjectMapper().readTree(out.resolve("results.json").toFile()).get("backend");
        assertEquals("cpu", b.get("requested").asText());
        assertTrue(b.get("fallback_reason").isNull());
    }

    @Test
    void infoJsonHasTheBackendAndFallbackReason() throws IOException {
        Outcome o = run("info", "--json");
        assertEquals(0, o.code(), o.err());
        JsonNode j = new ObjectMapper().readTree(o.out());
        assertEquals("CPU", j.get("backend").asText());
        assertTrue(j.has("fallback_reason"));
        assertFalse(j.get("cuda_in_build").asBoolean());
        assertEquals("HOST", j.get("scratch_kernels").asText(), "the CPU backend runs the HOST kernels");
    }

    @Test
    void aMissingConfigExitsWithTwo() {
        Path out = dir.resolve("out");
        assertBadInput(run("train", dir.resolve("missing.yaml").toString(), "--out", out.toString()),
                "missing.yaml: no such config file", out);
    }

    @Test
    void divergenceStopsTheRunNamingTheEpochAndSuggestingASmallerRate() throws IOException {
        Path out = dir.resolve("out");
        Outcome o = run("train", config(SMALL.replace("epochs: 3", "epochs: 200\n  learning_rate: 3.0"))
                .toString(), "--out", out.toString());
        assertEquals(ExitCodes.DIVERGED, o.code(), o.err());
        assertTrue(o.err().contains("diverged"), o.err());
        assertTrue(o.err().matches("(?s).*after epoch \\d+.*"), o.err());
        assertTrue(o.err().contains("smaller"), o.err());
        assertFalse(o.err().contains("\tat "));
        assertFalse(Files.exists(out));
    }

    @Test
    void infoNamesTheBackendAndVersions() {
        Outcome o = run("info");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("backend        CPU"), o.out());
        assertTrue(o.out().contains("1.0.0-M2.1"), o.out());
        assertTrue(o.out().contains("BLAS"), o.out());
        assertTrue(o.out().contains("scratch        HOST kernels"), o.out());
    }

    @Test
    void everyCommandHasHelp() {
        for (String cmd : List.of("train", "info")) {
            Outcome o = run(cmd, "--help");
            assertEquals(0, o.code());
            assertTrue(o.out().contains("Usage: minibatch " + cmd), o.out());
        }
        assertTrue(run("--help").out().contains("train"));
    }

    @Test
    void noArgumentsPrintUsageAndExitTwoAndVersionIsDashCapitalV() {
        Outcome none = run();
        assertEquals(ExitCodes.BAD_INPUT, none.code());
        assertTrue(none.err().contains("Usage: minibatch"), none.err());
        Outcome version = run("-V");
        assertEquals(0, version.code());
        assertTrue(version.out().matches("minibatch \\S+ \\(DL4J/ND4J 1\\.0\\.0-M2\\.1\\)\\s*"), version.out());
    }

    @Test
    void misspelledFlagsKeysAndCommandsGetADidYouMean() throws IOException {
        Path cfg = config(SMALL);
        Outcome flag = run("train", cfg.toString(), "--epoch", "3");
        assertEquals(ExitCodes.BAD_INPUT, flag.code());
        assertTrue(flag.err().contains("did you mean --epochs?"), flag.err());
        Outcome key = run("train", cfg.toString(), "--set", "training.learning_rat=0.1");
        assertTrue(key.err().contains("did you mean 'training.learning_rate'?"), key.err());
        Outcome command = run("trian");
        assertTrue(command.err().contains("did you mean train?"), command.err());
        Outcome both = run("train", cfg.toString(), "--quiet", "--verbose");
        assertEquals(ExitCodes.BAD_INPUT, both.code());
        assertTrue(both.err().startsWith("minibatch: error: --quiet, --verbose are mutually exclusive"), both.err());
        assertFalse(both.err().contains("Error:"), both.err());
    }

    @Test
    void sweepTakesTheSameOverridesAsTrain() throws IOException {
        Path out = dir.resolve("sweep");
        Outcome o = run("sweep", config(SMALL).toString(), "--batch-sizes", "8,full", "--dtype", "float",
                "--learning-rate", "0.05", "--set", "training.epochs=2", "--out", out.toString(), "--quiet");
        assertEquals(0, o.code(), o.err());
        JsonNode sweep = new ObjectMapper().readTree(out.resolve("sweep.json").toFile());
        assertEquals(0.05, sweep.get("rows").get(0).get("learning_rate").asDouble());
        assertEquals(2, sweep.get("rows").get(0).get("train_loss_per_epoch").size(), "--set training.epochs=2");
    }

    @Test
    void aRunThatTrainsDifferentlyFromTheReferenceIsNotComparedWithIt() {
        Path out = dir.resolve("l2");
        Outcome o = run("train", "configs/seed.yaml", "--trainer", "scratch", "--set", "training.l2=0.1", "--out",
                out.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.unwrapped().contains("python reference: no Python reference for this config: the closest,"
                + " seed.json, was run with training.l2 0.0 (this run: 0.1)"), o.out());
    }

    @Test
    void aRerunGoesToANumberedFolderAndSaysSoUnlessForced() throws IOException {
        Path out = dir.resolve("runs/small");
        assertEquals(0, run("train", config(SMALL).toString(), "--out", out.toString()).code());
        Outcome second = run("train", config(SMALL).toString(), "--out", out.toString());
        assertEquals(0, second.code(), second.err());
        assertTrue(second.unwrapped().contains("holds an earlier run; writing") && second.out().contains("small-2"),
                second.out());
        assertTrue(Files.exists(dir.resolve("runs/small-2/results.json")));
        Outcome forced = run("train", config(SMALL).toString(), "--out", out.toString(), "--force", "--quiet");
        assertEquals(0, forced.code(), forced.err());
        assertFalse(Files.exists(dir.resolve("runs/small-3")), "--force replaces instead");
    }
}
