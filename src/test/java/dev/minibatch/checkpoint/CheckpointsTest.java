package dev.minibatch.checkpoint;

import dev.minibatch.backend.BackendDecision;
import dev.minibatch.config.ConfigException;
import dev.minibatch.config.ConfigLoader;
import dev.minibatch.config.ConfigOverride;
import dev.minibatch.config.RunConfig;
import dev.minibatch.run.TrainingRun;
import dev.minibatch.train.EpochListener;
import dev.minibatch.train.Trainer;
import dev.minibatch.train.TrainingResult;
import dev.minibatch.train.framework.FrameworkTrainer;
import dev.minibatch.config.Kernels;
import dev.minibatch.train.scratch.ScratchTrainer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each trainer, resumed in the same process from checkpoints it wrote, ends where the uninterrupted run ends —
 * also a run early stopping already ended, and with the scratch trainer's ND4J kernels (whose optimizer state
 * lives in ND4J arrays) and CUDA kernels (state on the device; their host build here). The child-JVM kills are in {@code cli.ResumeTest}.
 */
class CheckpointsTest {
    @TempDir
    Path dir;

    private RunConfig config(String... sets) throws IOException {
        Path f = Files.writeString(dir.resolve("c.yaml"), """
                name: c
                data:
                  n_samples: 300
                  n_features: 2
                  noise: 8.0
                split:
                  validation_size: 0.2
                training:
                  epochs: 200
                  batch_size: 16
                  optimizer: rmsprop
                  learning_rate: 0.05
                  checkpoint_every: 4
                  early_stopping:
                    monitor: val_loss
                    patience: 3
                """);
        List<ConfigOverride> o = new java.util.ArrayList<>();
        for (String s : sets) {
            int eq = s.indexOf('=');
            o.add(new ConfigOverride(s.substring(0, eq), s.substring(eq + 1), "--set " + s));
        }
        return ConfigLoader.load(f, o);
    }

    private static TrainingResult train(Trainer t, TrainingRun.Prepared p, Checkpoints c) {
        return TrainingRun.execute(TrainingRun.Request.of(p, t instanceof FrameworkTrainer
                ? dev.minibatch.run.TrainerChoice.FRAMEWORK : dev.minibatch.run.TrainerChoice.SCRATCH,
                BackendDecision.cpu()).withCheckpoints(c)).trainers().get(t.name());
    }

    /** Every epoch's losses and parameters equal, bit for bit (the timings are this process's own). */
    private static void assertSameHistory(TrainingResult a, TrainingResult b) {
        assertEquals(a.history().size(), b.history().size());
        for (int i = 0; i < a.history().size(); i++) {
            var x = a.history().get(i);
            var y = b.history().get(i);
            assertEquals(List.of(x.epoch(), x.trainLoss(), x.batchLossMean(), x.testMse(), x.valLoss()),
                    List.of(y.epoch(), y.trainLoss(), y.batchLossMean(), y.testMse(), y.valLoss()), "epoch " + (i + 1));
            assertTrue(java.util.Arrays.deepEquals(x.parameters().weights(), y.parameters().weights()));
            assertArrayEquals(x.parameters().bias(), y.parameters().bias());
            assertEquals(0.0, x.parameters().maxAbsDiff(y.parameters()), "every layer, epoch " + (i + 1));
            assertEquals(x.classifier(), y.classifier(), "a classifier's accuracies, epoch " + (i + 1));
        }
    }

    @ParameterizedTest(name = "{0} shuffle={1} {2}")
    @org.junit.jupiter.params.provider.CsvSource({"framework, numpy, linear", "scratch-host, numpy, linear",
        "scratch-nd4j, numpy, linear", "framework, seeded, linear", "scratch-host, seeded, linear",
        "scratch-cuda, numpy, linear", "framework, numpy, network", "scratch-host, numpy, network",
        "scratch-nd4j, seeded, network", "scratch-cuda, numpy, network", "framework, numpy, classifier",
        "scratch-host, numpy, classifier", "scratch-cuda, numpy, classifier"})
    void aResumedTrainerEndsWhereTheUninterruptedOneEnds(String which, String shuffle, String model)
            throws IOException {
        RunConfig c = switch (model) {
            case "network" -> config("training.shuffle=" + shuffle,
                    "model.hidden_layers=[{units: 6, activation: tanh}, {units: 4, activation: relu}]",
                    "model.init=xavier_uniform", "training.learning_rate=0.01");
            // a classifier stopped by its validation accuracy (Keras' mode max)
            case "classifier" -> config("training.shuffle=" + shuffle, "data.source=make_moons", "data.noise=0.3",
                    "training.loss=binary_crossentropy", "model.hidden_layers=[{units: 6, activation: tanh}]",
                    "model.init=xavier_uniform", "training.early_stopping.monitor=val_accuracy",
                    "training.early_stopping.patience=8");
            default -> config("training.shuffle=" + shuffle);
        };
        TrainingRun.Prepared p = TrainingRun.prepare(c);
        Trainer trainer = switch (which) {
            case "framework" -> new FrameworkTrainer();
            case "scratch-host" -> new ScratchTrainer(Kernels.HOST);
            case "scratch-cuda" -> {   // the CUDA kernels' state goes to and from the device (host build)
                dev.minibatch.cuda.CudaEmulator emu = dev.minibatch.cuda.CudaEmulator.open();
                org.junit.jupiter.api.Assumptions.assumeTrue(emu != null, "g++ builds the CUDA kernels' host build");
                yield new ScratchTrainer(emu);
            }
            default -> new ScratchTrainer(Kernels.ND4J);
        };
        String fp = p.data().fingerprint();
        Path folder = dir.resolve(".c.checkpoints");
        TrainingResult whole = trainer.train(dev.minibatch.train.NdDataset.of(p.data().inMemory(), c.training().precision()),
                p.plan(), p.init().parameters(), c.training(), EpochListener.NONE, new Checkpoints(folder, c, () -> fp));
        assertTrue(whole.stop().stoppedAfterEpoch() > 8, whole.stop().reason());

        // resume from the checkpoint two before the last: drop the newer ones
        List<Path> kept;
        try (var s = Files.list(folder)) {
            kept = s.sorted().toList();
        }
        assertEquals(3, kept.size(), "training.checkpoint_keep's default: " + kept);
        // the NumPy shuffle's stream is stored (NumPy's get_state()); the seeded one is replayed on resume
        String files = Files.readString(kept.get(0).resolve(which.equals("framework") ? "shuffle.json"
                : "scratch.json"));
        assertEquals(shuffle.equals("numpy"), files.contains("\"key\":["), files.substring(0, Math.min(200,
                files.length())));
        Files.walk(kept.get(2)).sorted(java.util.Comparator.reverseOrder()).forEach(q -> q.toFile().delete());
        Files.walk(kept.get(1)).sorted(java.util.Comparator.reverseOrder()).forEach(q -> q.toFile().delete());
        TrainingResult resumed = trainer.train(dev.minibatch.train.NdDataset.of(p.data().inMemory(),
                c.training().precision()), TrainingRun.prepare(c).plan(), p.init().parameters(), c.training(),
                EpochListener.NONE, new Checkpoints(folder, c, () -> fp));
        assertSameHistory(whole, resumed);
        assertEquals(whole.steps(), resumed.steps());
        assertEquals(whole.stop(), resumed.stop());
        assertArrayEquals(whole.fin().bias(), resumed.fin().bias());

        if (which.equals("scratch-cuda") || which.equals("scratch-host")) {   // a run stays on its side of the GPU
            Kernels other = which.equals("scratch-cuda") ? Kernels.HOST : Kernels.CUDA;
            ConfigException side = assertThrows(ConfigException.class,
                    () -> Resume.requireSameSideOfTheGpu(folder, other));
            assertTrue(side.getMessage().contains("one side of the GPU"), side.getMessage());
            Resume.requireSameSideOfTheGpu(folder, which.equals("scratch-cuda") ? Kernels.CUDA
                    : Kernels.ND4J);
        }

        // and resuming the finished run trains nothing more
        TrainingResult again = trainer.train(dev.minibatch.train.NdDataset.of(p.data().inMemory(), c.training().precision()),
                TrainingRun.prepare(c).plan(), p.init().parameters(), c.training(), EpochListener.NONE,
                new Checkpoints(folder, c, () -> fp));
        assertSameHistory(whole, again);
        assertEquals(whole.steps(), again.steps());
    }

    @Test
    void otherDataOrTooFewEpochsAreRefused() throws IOException {
        RunConfig c = config("training.early_stopping.monitor=none", "training.epochs=8");
        TrainingRun.Prepared p = TrainingRun.prepare(c);
        Path folder = dir.resolve(".c.checkpoints");
        train(new ScratchTrainer(), p, new Checkpoints(folder, c, p.data()::fingerprint));
        ConfigException other = assertThrows(ConfigException.class, () -> train(new ScratchTrainer(), p,
                new Checkpoints(folder, c, () -> "0".repeat(64))));
        assertTrue(other.getMessage().contains("the data differs"), other.getMessage());
        RunConfig shorter = config("training.early_stopping.monitor=none", "training.epochs=5");
        ConfigException fewer = assertThrows(ConfigException.class, () -> train(new ScratchTrainer(), p,
                new Checkpoints(folder, shorter, p.data()::fingerprint)));
        assertTrue(fewer.getMessage().contains("at epoch 8, past training.epochs 5"), fewer.getMessage());
    }

    /**
     * state.json holds the epoch loop's own records: its fields are pinned for {@link TrainerState#FORMAT}, so that
     * a change to {@code EpochRecord} or {@code Parameters} without a new format number fails here; a checkpoint of
     * another format is refused naming it; an early-stopped checkpoint counts as finished.
     */
    @Test
    void theStateFileIsPinnedToItsFormatAndAnotherFormatIsNamed() throws IOException {
        RunConfig c = config("training.early_stopping.patience=1");     // stops long before its 200 epochs
        TrainingRun.Prepared p = TrainingRun.prepare(c);
        Path folder = dir.resolve(".c.checkpoints");
        train(new ScratchTrainer(), p, new Checkpoints(folder, c, p.data()::fingerprint));
        Path state = Checkpoints.newestOf(folder, "scratch").orElseThrow().resolve("state.json");
        com.fasterxml.jackson.databind.JsonNode tree = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(state.toFile());
        assertEquals(2, TrainerState.FORMAT);
        assertEquals(List.of("format", "trainer", "dataSha256", "epoch", "steps", "stepSeconds", "bestEpoch",
                "epochsWithoutImprovement", "stoppedAfter", "lastEpochBatchLosses", "history", "trainSeconds"),
                names(tree));
        assertEquals(List.of("epoch", "trainLoss", "batchLossMean", "testMse", "parameters", "stepSeconds",
                "valLoss", "classifier"), names(tree.path("history").get(0)));
        assertEquals(List.of("weights", "bias", "hidden"), names(tree.path("history").get(0).path("parameters")));
        assertTrue(tree.path("stoppedAfter").asInt() > 0 && tree.path("epoch").asInt() < 200, tree.toString());
        assertTrue(Checkpoints.finished(folder, "scratch", 200), "an early-stopped checkpoint is finished");

        Files.writeString(state, Files.readString(state).replace("\"format\":2", "\"format\":1"));
        ConfigException older = assertThrows(ConfigException.class, () -> train(new ScratchTrainer(), p,
                new Checkpoints(folder, c, p.data()::fingerprint)));
        assertTrue(older.getMessage().contains("was written by another version of minibatch (checkpoint format 1;"
                + " this one reads 2)"), older.getMessage());
    }

    private static List<String> names(com.fasterxml.jackson.databind.JsonNode node) {
        List<String> out = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
