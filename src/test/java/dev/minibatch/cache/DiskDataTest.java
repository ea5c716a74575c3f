package dev.minibatch.cache;

import dev.minibatch.backend.BackendDecision;
import dev.minibatch.config.ConfigException;
import dev.minibatch.config.ConfigLoader;
import dev.minibatch.config.ConfigOverride;
import dev.minibatch.config.RunConfig;
import dev.minibatch.run.RunOutcome;
import dev.minibatch.run.TrainerChoice;
import dev.minibatch.run.TrainingRun;
import dev.minibatch.train.EpochListener;
import dev.minibatch.train.EpochRecord;
import dev.minibatch.train.TrainingResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The disk cache gives the in-memory run's results bit for bit: the same data (make_regression generated in
 * passes over files, a CSV read streaming), the same split, validation rows and standardisation, and so the same
 * parameters, histories and test MSE for both trainers.
 */
class DiskDataTest {
    @TempDir
    Path dir;

    private RunConfig config(String yaml, String... sets) throws IOException {
        Path f = Files.writeString(dir.resolve("run.yaml"), yaml);
        List<ConfigOverride> o = new ArrayList<>();
        for (String s : sets) {
            int eq = s.indexOf('=');
            o.add(new ConfigOverride(s.substring(0, eq), s.substring(eq + 1), "--set " + s));
        }
        return ConfigLoader.load(f, o);
    }

    private RunOutcome run(RunConfig c) {
        return TrainingRun.execute(TrainingRun.Request.of(TrainingRun.prepare(c, dir.resolve("cache")),
                TrainerChoice.BOTH, BackendDecision.cpu()));
    }

    private static void assertSameRun(RunOutcome mem, RunOutcome disk) {
        assertEquals(mem.data().fingerprint(), disk.data().fingerprint(), "the same data");
        for (String t : List.of("framework", "scratch")) {
            TrainingResult a = mem.trainers().get(t);
            TrainingResult b = disk.trainers().get(t);
            assertEquals(a.history().size(), b.history().size());
            for (int i = 0; i < a.history().size(); i++) {
                EpochRecord x = a.history().get(i);
                EpochRecord y = b.history().get(i);
                assertEquals(List.of(x.trainLoss(), x.batchLossMean(), x.testMse(), x.valLoss()),
                        List.of(y.trainLoss(), y.batchLossMean(), y.testMse(), y.valLoss()), t + " epoch " + (i + 1));
                assertTrue(java.util.Arrays.deepEquals(x.parameters().weights(), y.parameters().weights()), t);
                assertArrayEquals(x.parameters().bias(), y.parameters().bias(), t);
            }
        }
        assertTrue(disk.agreement().agree(), disk.agreement().verdict());
    }

    private static final String GENERATED = """
            name: g
            data:
              n_samples: 900
              n_features: 4
              n_informative: 3
              n_targets: 2
              noise: 3.0
              bias: 1.5
              random_state: 7
            split:
              validation_size: 0.2
            preprocess:
              standardize: true
            training:
              epochs: 4
              batch_size: 32
              optimizer: adam
              learning_rate: 0.1
            """;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"double", "float"})
    void generatedDataThroughTheDiskCacheTrainsBitForBitAsInMemory(String dtype) throws IOException {
        RunOutcome mem = run(config(GENERATED, "data.cache=never", "training.dtype=" + dtype));
        RunOutcome disk = run(config(GENERATED, "data.cache=always", "training.dtype=" + dtype));
        assertInstanceOf(DiskData.class, disk.data());
        assertArrayEquals(mem.data().standardization().mean(), disk.data().standardization().mean());
        assertArrayEquals(mem.data().standardization().scale(), disk.data().standardization().scale());
        assertTrue(java.util.Arrays.deepEquals(mem.data().testHead(5)[0], disk.data().testHead(5)[0]));
        assertSameRun(mem, disk);
    }

    @Test
    void moreRowsThanOneLossBlockStillGiveTheSameBits() throws IOException {
        // 72,000 training rows: the losses go in two blocks (NdDataset.BLOCK), in memory and on disk alike
        String big = GENERATED.replace("n_samples: 900", "n_samples: 120000").replace("batch_size: 32",
                "batch_size: 4096").replace("epochs: 4", "epochs: 2");
        assertSameRun(run(config(big, "data.cache=never", "training.dtype=float")),
                run(config(big, "data.cache=always", "training.dtype=float")));
    }

    @Test
    void aCsvIsReadOnceAndReadAgainOnlyWhenItChanges() throws IOException {
        Path csv = dir.resolve("d.csv");
        StringBuilder sb = new StringBuilder("a,target,b\n");
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < 300; i++) {
            double a = r.nextGaussian();
            double b = r.nextGaussian();
            sb.append(a).append(',').append(3 * a - 2 * b + 0.1 * r.nextGaussian()).append(',').append(b)
                    .append('\n');
        }
        Files.writeString(csv, sb);
        String yaml = """
                name: c
                data:
                  source: csv
                  path: d.csv
                  targets: [target]
                training:
                  epochs: 3
                  batch_size: 16
                """;
        RunOutcome mem = run(config(yaml, "data.cache=never"));
        RunOutcome disk = run(config(yaml, "data.cache=always"));
        assertEquals(List.of("a", "b"), disk.data().featureNames());
        assertSameRun(mem, disk);

        Path raw;
        try (var s = Files.list(dir.resolve("cache"))) {
            raw = s.filter(p -> p.getFileName().toString().startsWith("d.csv-")).findFirst().orElseThrow()
                    .resolve("raw.bin");
        }
        FileTime built = Files.getLastModifiedTime(raw);
        run(config(yaml, "data.cache=always"));
        assertEquals(built, Files.getLastModifiedTime(raw), "an unchanged CSV is not read again");

        Files.writeString(csv, sb.toString().replaceFirst("\n[^\n]*\n", "\n"));   // one row fewer
        Files.setLastModifiedTime(csv, FileTime.fromMillis(built.toMillis() + 5000));
        RunOutcome changed = run(config(yaml, "data.cache=always"));
        assertNotEquals(disk.data().fingerprint(), changed.data().fingerprint());
        assertEquals(disk.data().nTrain() + disk.data().nTest() - 1, changed.data().nTrain() + changed.data().nTest());
    }

    @Test
    void aBadCsvGetsTheInMemoryMessageAndTheSweepSaysItNeedsMemory() throws IOException {
        Files.writeString(dir.resolve("bad.csv"), "x,y\n1,2\n3,oops\n");
        String yaml = "name: b\ndata:\n  source: csv\n  path: bad.csv\n";
        String mem = assertThrows(ConfigException.class, () -> TrainingRun.prepare(config(yaml,
                "data.cache=never"), dir.resolve("cache"))).getMessage();
        String disk = assertThrows(ConfigException.class, () -> TrainingRun.prepare(config(yaml,
                "data.cache=always"), dir.resolve("cache"))).getMessage();
        assertEquals(mem, disk);
        assertTrue(disk.contains("line 3, column 'y' (2): 'oops' is not a number"), disk);
        assertNull(TrainingRun.prepare(config(GENERATED, "data.cache=always"), dir.resolve("cache")).data()
                .inMemory());
    }
}
