package dev.minibatch.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The saved framework model is plain DL4J: a program with only DL4J on its classpath loads it (with its
 * normalizer) and predicts exactly what {@code minibatch predict} does. Also: predict matches columns by name.
 */
class PortableModelTest {
    @TempDir
    Path dir;

    private static final String PROGRAM = """
            import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
            import org.deeplearning4j.util.ModelSerializer;
            import org.nd4j.linalg.api.ndarray.INDArray;
            import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
            import org.nd4j.linalg.factory.Nd4j;
            import java.io.File;
            import java.nio.file.Files;

            public class LoadModel {
                public static void main(String[] args) throws Exception {
                    try {
                        Class.forName("dev.minibatch.cli.Main");
                        System.out.println("minibatch is on the classpath");
                        System.exit(3);
                    } catch (ClassNotFoundException expected) {
                    }
                    File f = new File(args[0]);
                    MultiLayerNetwork net = MultiLayerNetwork.load(f, false);
                    DataNormalization norm = ModelSerializer.restoreNormalizerFromFile(f);
                    String[] lines = Files.readString(new File(args[1]).toPath()).strip().split("\\n");
                    double[][] rows = new double[lines.length - 1][];
                    for (int i = 1; i < lines.length; i++) {
                        String[] cells = lines[i].split(",");
                        rows[i - 1] = new double[cells.length];
                        for (int j = 0; j < cells.length; j++) {
                            rows[i - 1][j] = Double.parseDouble(cells[j]);
                        }
                    }
                    INDArray x = Nd4j.createFromArray(rows);
                    if (norm != null) {
                        norm.transform(x);
                    }
                    INDArray y = net.output(x.castTo(net.params().dataType()));
                    for (double v : y.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleVector()) {
                        System.out.println("prediction " + v);
                    }
                }
            }
            """;

    private Path train(String name, String yaml) throws IOException {
        Path config = Files.writeString(dir.resolve(name + ".yaml"), yaml);
        Path out = dir.resolve(name);
        CliTest.Outcome o = CliTest.run("train", config.toString(), "--out", out.toString(), "--quiet",
                "--trainer", "framework");
        assertEquals(0, o.code(), o.err());
        return out;
    }

    private static List<String> plainDl4j(Path program, Path model, Path input) throws Exception {
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> !p.replace(File.separatorChar, '/').matches(".*/target/(test-)?classes/?"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", classpath, "-Dorg.bytedeco.javacpp.logger=slf4j", program.toString(),
                model.toString(), input.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out + err);
        return out.lines().filter(l -> l.startsWith("prediction ")).map(l -> l.substring(11)).toList();
    }

    @Test
    void aDl4jProgramWithoutMinibatchLoadsTheModelAndItsNormalizerAndPredictsTheSame() throws Exception {
        Path program = Files.writeString(dir.resolve("LoadModel.java"), PROGRAM);
        Path data = Path.of("data", "diabetes.csv").toAbsolutePath();
        Path standardized = train("std", """
                data:
                  source: csv
                  path: %s
                  targets: [target]
                preprocess:
                  standardize: true
                training:
                  epochs: 5
                """.formatted(data));
        Path halfMse = train("plain", "data:\n  n_samples: 100\n  n_features: 3\ntraining:\n  epochs: 3\n");
        Path rowsStd = Files.writeString(dir.resolve("std.csv"),
                "age,sex,bmi,bp,s1,s2,s3,s4,s5,s6\n59,2,32.1,101,157,93.2,38,4,4.8598,87\n48,1,21.6,87,183,103.2,70,3,3.8918,69\n");
        Path rowsPlain = Files.writeString(dir.resolve("plain.csv"), "x0,x1,x2\n0.5,-1.25,2\n3,0,-0.75\n");
        for (Path[] c : new Path[][] {{standardized, rowsStd}, {halfMse, rowsPlain}}) {
            CliTest.Outcome o = CliTest.run("predict", "--model", c[0].toString(), "--input", c[1].toString());
            assertEquals(0, o.code(), o.err());
            List<String> minibatch = o.out().strip().lines().skip(1).toList();
            assertEquals(minibatch, plainDl4j(program, c[0].resolve("framework-model.zip"), c[1]),
                    "plain DL4J and minibatch predict give the same bits");
        }
    }

    @Test
    void predictMatchesColumnsByNameAndNamesItsOutputAfterTheTargets() throws IOException {
        Path model = train("named", "data:\n  n_samples: 100\n  n_features: 3\ntraining:\n  epochs: 3\n");
        Path inOrder = Files.writeString(dir.resolve("a.csv"), "x0,x1,x2\n0.5,-1.25,2\n");
        Path swapped = Files.writeString(dir.resolve("b.csv"), "x2,x0,x1\n2,0.5,-1.25\n");
        Path noHeader = Files.writeString(dir.resolve("c.csv"), "0.5,-1.25,2\n");
        CliTest.Outcome a = CliTest.run("predict", "--model", model.toString(), "--input", inOrder.toString());
        assertEquals(0, a.code(), a.err());
        assertTrue(a.out().startsWith("y0\n"), a.out());
        assertEquals(a.out(), CliTest.run("predict", "--model", model.toString(), "--input", swapped.toString())
                .out());
        assertEquals(a.out(), CliTest.run("predict", "--model", model.toString(), "--input", noHeader.toString())
                .out());

        Path missing = Files.writeString(dir.resolve("d.csv"), "x0,x1\n0.5,-1.25\n");
        CliTest.Outcome m = CliTest.run("predict", "--model", model.toString(), "--input", missing.toString());
        assertEquals(ExitCodes.BAD_INPUT, m.code());
        assertTrue(m.err().contains("no column 'x2'"), m.err());
        Path extra = Files.writeString(dir.resolve("e.csv"), "x0,x1,x2,y0\n0.5,-1.25,2,7\n");
        CliTest.Outcome e = CliTest.run("predict", "--model", model.toString(), "--input", extra.toString());
        assertEquals(ExitCodes.BAD_INPUT, e.code());
        assertTrue(e.err().contains("'y0' are not the model's features"), e.err());
    }
}
