package dev.minibatch.train;

import dev.minibatch.batch.BatchPlan;
import dev.minibatch.config.Loss;
import dev.minibatch.config.Precision;
import dev.minibatch.config.TrainingConfig;
import dev.minibatch.data.Dataset;
import dev.minibatch.data.NdArrays;
import dev.minibatch.train.framework.FrameworkTrainer;
import dev.minibatch.train.scratch.ScratchTrainer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The copies into ND4J: exactly ND4J's own conversion, and the batch gather. */
class NdArraysTest {

    private static double[][] rows(int n, int m, long seed) {
        Random r = new Random(seed);
        double[][] a = new double[n][m];
        for (double[] row : a) {
            for (int j = 0; j < m; j++) {
                row[j] = r.nextGaussian() * Math.pow(10, r.nextInt(9) - 4);
            }
        }
        return a;
    }

    @Test
    void aMatrixIsExactlyWhatNd4jsOwnConversionGives() {
        double[][] a = rows(37, 5, 1);
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            INDArray direct = NdArrays.matrix(a, type);
            INDArray viaNd4j = Nd4j.createFromArray(a).castTo(type);
            assertEquals(type, direct.dataType());
            assertArrayEquals(viaNd4j.shape(), direct.shape());
            assertEquals('c', direct.ordering());
            assertArrayEquals(viaNd4j.castTo(DataType.DOUBLE).data().asDouble(),
                    direct.castTo(DataType.DOUBLE).data().asDouble(), 0.0, type.toString());
        }
    }

    @Test
    void aTrainerRefusesArraysOfAnotherPrecision() {
        Dataset data = TrainerFixtures.multiTarget();
        TrainingConfig doubles = TrainerFixtures.training(Loss.HALF_MSE, Precision.DOUBLE, 1, 32, 0.01);
        NdDataset floats = NdDataset.of(data, Precision.FLOAT);
        InitialParameters init = TrainerFixtures.init(data);
        BatchPlan plan = TrainerFixtures.plan(data, doubles);
        for (Trainer t : new Trainer[] {new FrameworkTrainer(), new ScratchTrainer()}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> t.train(floats, plan, init.parameters(), doubles, EpochListener.NONE), t.name());
            assertEquals("dataset is FLOAT, training wants DOUBLE", e.getMessage());
        }
    }

    @Test
    void raggedRowsAreRefused() {
        double[][] ragged = {{1, 2}, {3}};
        assertThrows(IllegalArgumentException.class, () -> NdArrays.matrix(ragged, DataType.FLOAT));
    }

    @Test
    void gatherCopiesTheOrderedRows() {
        double[][] a = rows(10, 3, 2);
        INDArray src = NdArrays.matrix(a, DataType.DOUBLE);
        INDArray dst = Nd4j.create(DataType.DOUBLE, 4, 3);
        int[] order = {9, 8, 7, 2, 5, 0};
        NdArrays.gatherRows(src, dst, order, 2, 4);
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(a[order[2 + i]], dst.getRow(i).toDoubleVector(), 0.0);
        }
    }

    @Test
    void rowsPastTwoGigabytesAreWrittenGatheredAndCopied() {
        // 5,500,000 × 100 floats is 2.2 GB: past the 2^31 − 1 bytes an NIO buffer (ND4J's asNioFloat) and a
        // JavaCPP pointer's position reach. The rows share one array, so the heap holds 44 MB of references.
        int rows = 5_500_000;
        int width = 100;
        double[] zero = new double[width];
        double[] last = new double[width];
        for (int j = 0; j < width; j++) {
            last[j] = j + 0.5;
        }
        double[][] m = new double[rows][];
        java.util.Arrays.fill(m, zero);
        m[rows - 1] = last;
        INDArray big = NdArrays.matrix(m, DataType.FLOAT);
        assertEquals(99.5f, big.getFloat((long) rows - 1, 99));
        INDArray gathered = Nd4j.create(DataType.FLOAT, 2, width);
        NdArrays.gatherRows(big, gathered, new int[] {rows - 1, 0}, 0, 2);
        assertArrayEquals(last, gathered.getRow(0).toDoubleVector(), 0.0);
        assertArrayEquals(zero, gathered.getRow(1).toDoubleVector(), 0.0);
        INDArray copied = Nd4j.create(DataType.FLOAT, 1, width);
        NdArrays.copyRows(big, rows - 1, 1, copied);
        assertArrayEquals(last, copied.getRow(0).toDoubleVector(), 0.0);
        big.close();
    }
}
