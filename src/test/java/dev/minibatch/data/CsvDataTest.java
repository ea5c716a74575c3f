package dev.minibatch.data;

import dev.minibatch.config.ConfigException;
import dev.minibatch.config.ConfigLoader;
import dev.minibatch.config.ConfigOverride;
import dev.minibatch.config.RunConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CSV data: read through DataVec, split as scikit-learn, standardised on the training rows, bad files refused. */
class CsvDataTest {
    @TempDir
    Path dir;

    private RunConfig config(String csv, String dataExtra, String preprocess) throws IOException {
        Files.writeString(dir.resolve("data.csv"), csv);
        Path cfg = dir.resolve("run.yaml");
        Files.writeString(cfg, "data:\n  source: csv\n  path: data.csv\n" + dataExtra + "split:\n  test_size: 0.25\n"
                + "  random_state: 1\npreprocess:\n  standardize: " + preprocess + "\ntraining:\n  batch_size: 2\n");
        return ConfigLoader.load(cfg, List.of());
    }

    private static String rows(int n) {
        StringBuilder sb = new StringBuilder("a,b,y1,y2\n");
        for (int i = 0; i < n; i++) {
            sb.append(i).append(',').append(i * i % 7).append(',').append(2 * i).append(',').append(-i).append('\n');
        }
        return sb.toString();
    }

    @Test
    void theDefaultTargetIsTheLastColumnAndThePathResolvesAgainstTheConfigFolder() throws IOException {
        Dataset d = Datasets.load(config(rows(12), "", "false"));
        assertEquals(List.of("a", "b", "y1"), d.featureNames());
        assertEquals(List.of("y2"), d.targetNames());
        assertEquals(9, d.nTrain());
        assertEquals(3, d.nTest());
        SplitIndices expected = TrainTestSplit.split(12, 0.25, 1);
        assertArrayEquals(expected.train(), d.split().train());
        for (int i = 0; i < d.nTrain(); i++) {
            assertEquals(-expected.train()[i], d.yTrain()[i][0], 0.0);
        }
    }

    @Test
    void severalTargetsByNameOrIndex() throws IOException {
        Dataset byName = Datasets.load(config(rows(12), "  targets: [y1, y2]\n", "false"));
        Dataset byIndex = Datasets.load(config(rows(12), "  targets: [2, 3]\n", "false"));
        assertEquals(List.of("a", "b"), byName.featureNames());
        assertEquals(List.of("y1", "y2"), byIndex.targetNames());
        assertEquals(2, byName.nTargets());
        for (int i = 0; i < byName.nTrain(); i++) {
            assertArrayEquals(byName.yTrain()[i], byIndex.yTrain()[i], 0.0);
        }
    }

    @Test
    void withoutAHeaderColumnsAreNumberedAndAnotherDelimiterWorks() throws IOException {
        Dataset d = Datasets.load(config(rows(12).lines().skip(1).map(l -> l.replace(',', ';'))
                .reduce("", (a, b) -> a + b + "\n"), "  header: false\n  delimiter: \";\"\n", "false"));
        assertEquals(List.of("column_0", "column_1", "column_2"), d.featureNames());
    }

    @Test
    void standardisationUsesTheTrainingRowsOnly() throws IOException {
        Dataset d = Datasets.load(config(rows(12), "", "true"));
        Standardization s = d.standardization();
        for (int j = 0; j < d.nFeatures(); j++) {
            double mean = 0;
            for (double[] r : d.xTrain()) {
                mean += r[j];
            }
            assertEquals(0.0, mean / d.nTrain(), 1e-12, "training mean of feature " + j);
            double var = 0;
            for (double[] r : d.xTrain()) {
                var += r[j] * r[j];
            }
            assertEquals(1.0, var / d.nTrain(), 1e-12, "training population variance of feature " + j);
        }
        // the test rows are transformed with the training statistics, not their own
        int testRow = d.split().test()[0];
        assertEquals((testRow - s.mean()[0]) / s.scale()[0], d.xTest()[0][0], 1e-15);
    }

    private String error(String csv, String dataExtra, String standardize) throws IOException {
        RunConfig c = config(csv, dataExtra, standardize);
        ConfigException e = assertThrows(ConfigException.class, () -> Datasets.load(c));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "empty file            | #EMPTY                      |                            | false | the file is empty",
        "header only           | a,b,y\\n                    |                            | false | no data rows after the header",
        "too many cells        | a,b,y\\n1,2,3\\n4,5,6,7\\n  |                            | false | line 3: expected 3 cells (as the header has), found 4",
        "too few cells         | a,b,y\\n1,2,3\\n4,5\\n      |                            | false | line 3: expected 3 cells (as the header has), found 2",
        "non-numeric cell      | a,b,y\\n1,2,3\\n4,x5,6\\n   |                            | false | line 3, column 'b' (2): 'x5' is not a number",
        "NaN cell              | a,b,y\\n1,2,3\\n4,NaN,6\\n  |                            | false | line 3, column 'b' (2): 'NaN' is not a finite number",
        "infinite cell         | a,b,y\\n1,2,3\\n4,5,-Infinity\\n |                       | false | line 3, column 'y' (3): '-Infinity' is not a finite number",
        "unknown target        | a,b,y\\n1,2,3\\n4,5,6\\n    | '  targets: [z]\\n'          | false | data.targets: no column 'z' (columns: a, b, y)",
        "target out of range   | a,b,y\\n1,2,3\\n4,5,6\\n    | '  targets: [5]\\n'          | false | data.targets: column index 5 is out of range (the file has 3 columns, 0 to 2)",
        "no feature left       | a,b,y\\n1,2,3\\n4,5,6\\n    | '  targets: [a, b, y]\\n'    | false | every column is a target",
        "too few rows          | a,b,y\\n1,2,3\\n            |                            | false | 1 row is too few to split",
        "constant column       | a,b,y\\n1,2,3\\n1,5,6\\n1,7,8\\n1,1,1\\n1,4,4\\n | | true  | column 'a' is constant (1.0) on all 3 training rows",
        "unterminated quote    | a,b,y\\n1,2,3\\n\"4,5,6\\n7,8,9\\n | |                  false | line 3: a quoted cell is not closed on this line",
        "newline in quotes     | a,b,y\\n1,2,3\\n4,\"5\\n\",6\\n7,8,9\\n | |            false | line 3: a quoted cell is not closed on this line (a line break inside quotes is not supported)",
        "java double literal   | a,b,y\\n1,2,3\\n4,5.0d,6\\n |                      | false | line 3, column 'b' (2): '5.0d' is not a number (decimal notation",
        "java float literal    | a,b,y\\n1,2,3\\n4,2f,6\\n |                        | false | line 3, column 'b' (2): '2f' is not a number",
        "hexadecimal float     | a,b,y\\n1,2,3\\n0x1p3,5,6\\n |                     | false | line 3, column 'a' (1): '0x1p3' is not a number",
        "NUL inside a cell     | a,b,y\\n1,2,3\\n4,5\\0,6\\n |                      | false | line 3, column 'b' (2): '5\\u0000' is not a number",
        "nameless column       | a,,y\\n1,2,3\\n4,5,6\\n    |                        | false | the header leaves column 2 without a name",
        "overflowing values    | a,b,y\\n1,2,3\\n4,5,1e200\\n7,8,9\\n1,1,1\\n |    | false | the largest |target| is 1e+200; its square summed over 3 rows overflows double",
    })
    void badFilesGetOneLineNamingTheFileLineAndColumn(String what, String csv, String extra, String std,
                                                      String expected) throws IOException {
        String content = csv.equals("#EMPTY") ? "" : csv.replace("\\n", "\n").replace("\\0", "\0");
        String message = error(content, extra == null ? "" : extra.replace("\\n", "\n"), std);
        assertTrue(message.startsWith(dir.resolve("data.csv").toString()), message);
        assertTrue(message.contains(expected), "expected '" + expected + "' in: " + message);
    }

    @Test
    void aMissingFileIsNamed() throws IOException {
        RunConfig c = config("a\n", "", "false");
        Files.delete(dir.resolve("data.csv"));
        ConfigException e = assertThrows(ConfigException.class, () -> Datasets.load(c));
        assertTrue(e.getMessage().endsWith("data.csv: no such file (data.path)"), e.getMessage());
    }

    @Test
    void aBatchLargerThanTheTrainingRowsIsRefusedOnceTheFileIsRead() throws IOException {
        RunConfig c = config(rows(8), "", "false");
        RunConfig big = ConfigLoader.load(dir.resolve("run.yaml"),
                List.of(new ConfigOverride("training.batch_size", "7", "--batch-size")));
        assertEquals(6, Datasets.load(c).nTrain());
        ConfigException e = assertThrows(ConfigException.class, () -> Datasets.load(big));
        assertTrue(e.getMessage().contains("training.batch_size: must be at most the 6 training rows"), e.getMessage());
    }

    @Test
    void csvRequiresAPath() throws IOException {
        Path cfg = dir.resolve("nopath.yaml");
        Files.writeString(cfg, "data:\n  source: csv\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(cfg, List.of()));
        assertTrue(e.getMessage().contains("missing required key 'data.path'"), e.getMessage());
    }

    @Test
    void aUtf8ByteOrderMarkIsNotPartOfTheFirstColumnsName() throws IOException {
        Dataset d = Datasets.load(config("\uFEFFa,b,y\n1,2,3\n4,5,6\n7,8,9\n1,1,1\n", "  targets: [y]\n", "false"));
        assertEquals(List.of("a", "b"), d.featureNames());
        Dataset noHeader = Datasets.load(config("\uFEFF1,2,3\n4,5,6\n7,8,9\n1,1,1\n",
                "  header: false\n", "false"));
        assertEquals(4, noHeader.nTrain() + noHeader.nTest(), "the first cell reads as 1, not as a bad number");
    }
}
