package dev.minibatch.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** predict and compare on damaged or foreign run folders: exit 2 and one line, never an internal error. */
class SavedRunInputTest {
    @TempDir
    static Path dir;
    static Path run;
    static Path input;

    @BeforeAll
    static void train() throws IOException {
        Path config = Files.writeString(dir.resolve("seed.yaml"), """
                name: seed
                data:
                  n_samples: 100
                  n_features: 2
                training:
                  epochs: 2
                  batch_size: 10
                """);
        run = dir.resolve("runs/seed");
        CliTest.Outcome o = CliTest.run("train", config.toString(), "--out", run.toString(), "--quiet");
        assertEquals(0, o.code(), o.err());
        input = Files.writeString(dir.resolve("in.csv"), "1.0,2.0\n3.0,4.0\n");
    }

    private static Path copy(String name) throws IOException {
        Path c = dir.resolve(name);
        Files.createDirectories(c);
        try (Stream<Path> files = Files.list(run)) {
            for (Path f : files.toList()) {
                Files.copy(f, c.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return c;
    }

    private static void assertOneLine(CliTest.Outcome o, String expected) {
        assertEquals(ExitCodes.BAD_INPUT, o.code(), o.err());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertTrue(o.err().contains(expected), "expected '" + expected + "' in: " + o.err());
    }

    private static CliTest.Outcome predict(Path model, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("predict", "--model", model.toString(), "--input",
                input.toString()));
        args.addAll(List.of(more));
        return CliTest.run(args.toArray(String[]::new));
    }

    @Test
    void predictRefusesATruncatedOrForeignModelZip() throws IOException {
        Path truncated = copy("truncated");
        byte[] zip = Files.readAllBytes(run.resolve("framework-model.zip"));
        Files.write(truncated.resolve("framework-model.zip"), java.util.Arrays.copyOf(zip, zip.length / 2));
        assertOneLine(predict(truncated), "framework-model.zip: not a readable DL4J model");

        Path foreign = copy("foreign");
        try (OutputStream os = Files.newOutputStream(foreign.resolve("framework-model.zip"));
             ZipOutputStream z = new ZipOutputStream(os)) {
            z.putNextEntry(new ZipEntry("readme.txt"));
            z.write("not a model".getBytes());
        }
        assertOneLine(predict(foreign), "framework-model.zip: not a readable DL4J model");
    }

    @Test
    void predictRefusesACorruptOrMisshapenNpy() throws IOException {
        Path corrupt = copy("corrupt-npy");
        Files.writeString(corrupt.resolve("scratch-weights.npy"), "garbage");
        assertOneLine(predict(corrupt, "--trainer", "scratch"), "scratch-weights.npy: not a usable NumPy .npy"
                + " parameter file: it does not start with NumPy's magic string");

        // a truncated file was read as garbage (predictions of 1e168, exit 0): its size is checked against the header
        Path truncated = copy("truncated-npy");
        byte[] npy = Files.readAllBytes(run.resolve("scratch-weights.npy"));
        Files.write(truncated.resolve("scratch-weights.npy"), java.util.Arrays.copyOf(npy, npy.length - 8));
        assertOneLine(predict(truncated, "--trainer", "scratch"), "holds 8 (truncated or damaged)");

        // a non-finite value (a damaged or diverged file)
        Path nan = copy("nan-npy");
        byte[] bad = npy.clone();
        java.nio.ByteBuffer.wrap(bad).order(java.nio.ByteOrder.LITTLE_ENDIAN).putDouble(bad.length - 8, Double.NaN);
        Files.write(nan.resolve("scratch-weights.npy"), bad);
        assertOneLine(predict(nan, "--trainer", "scratch"), "value [1, 0] is NaN");

        Path shape = copy("shape-npy");
        Files.copy(run.resolve("scratch-bias.npy"), shape.resolve("scratch-weights.npy"),
                StandardCopyOption.REPLACE_EXISTING);
        assertOneLine(predict(shape, "--trainer", "scratch"), "scratch-weights.npy: expected a 2 × 1");
    }

    @Test
    void predictAndCompareRefuseBrokenResultsJson() throws IOException {
        String[][] cases = {
            {"", "expected a JSON object, found nothing"},
            {"{}", "'config.data' is missing"},
            {"[]", "expected a JSON object, found array"},
            {"{\"name\": ", "not valid JSON"},
            {"null", "expected a JSON object"},
        };
        int i = 0;
        for (String[] c : cases) {
            Path broken = copy("broken-" + i++);
            Files.writeString(broken.resolve("results.json"), c[0]);
            assertOneLine(predict(broken), c[1]);
            Path out = dir.resolve("cmp-" + i);
            assertOneLine(CliTest.run("compare", run.toString(), broken.toString(), "--out", out.toString()), c[1]);
            assertFalse(Files.exists(out));
        }
    }

    @Test
    void compareNamesRunsOfTheSameFolderNameByTheirParentsAndRefusesARunTwice() throws IOException {
        Path cpu = Files.createDirectories(dir.resolve("cpu"));
        Path cuda = Files.createDirectories(dir.resolve("cuda"));
        Files.move(copy("a"), cpu.resolve("seed"));
        Files.move(copy("b"), cuda.resolve("seed"));
        Path out = dir.resolve("cmp-names");
        CliTest.Outcome o = CliTest.run("compare", cpu.resolve("seed").toString(), cuda.resolve("seed").toString(),
                "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        String md = Files.readString(out.resolve("compare.md"));
        assertTrue(md.contains("cpu/seed / framework") && md.contains("cuda/seed / framework"), md);

        Path twice = dir.resolve("cmp-twice");
        assertOneLine(CliTest.run("compare", run.toString(), run.resolve("../seed").toString(), "--out",
                twice.toString()), "are the same run folder");
        assertFalse(Files.exists(twice));
    }

    @Test
    void anOutputFileThatCannotBeWrittenIsBadInputNotAnInternalError() throws IOException {
        assertOneLine(predict(run, "--output", dir.resolve("missing/dir/p.csv").toString()),
                "--output " + dir.resolve("missing/dir/p.csv") + ": cannot write: the folder");
        assertOneLine(predict(run, "--output", dir.toString()), ": is a folder; name a file");
        Path labelled = Files.writeString(dir.resolve("labelled.csv"), "x0,x1,y0\n1.0,2.0,3.0\n4.0,5.0,6.0\n");
        assertEquals(0, CliTest.run("evaluate", "--model", run.toString(), "--input", labelled.toString()).code());
        assertOneLine(CliTest.run("evaluate", "--model", run.toString(), "--input", labelled.toString(), "--json",
                "/proc/minibatch.json"), "--json /proc/minibatch.json: cannot write");
    }
}
