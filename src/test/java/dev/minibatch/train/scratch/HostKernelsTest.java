package dev.minibatch.train.scratch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The HOST kernels' building blocks against the ND4J operations they replace, bit for bit, over many shapes: the
 * trainers' agreement tests cover the shapes of a few runs, these cover the layouts' edge cases (one row, one
 * feature, one target, long batches). A change of ND4J, libnd4j or OpenBLAS that breaks the equivalence fails here.
 */
class HostKernelsTest {

    /** Random shapes (rows, features, targets) with every dimension at 1 somewhere, plus the benchmark shapes. */
    private static int[][] shapes() {
        Random r = new Random(11);
        int[][] s = new int[160][];
        for (int i = 0; i < s.length; i++) {
            s[i] = new int[] {1 + r.nextInt(i % 2 == 0 ? 40 : 1200), 1 + r.nextInt(i % 3 == 0 ? 1 : 120),
                    1 + r.nextInt(i % 4 == 0 ? 1 : 4)};
        }
        s[0] = new int[] {32, 1, 1};
        s[1] = new int[] {1, 1, 1};
        s[2] = new int[] {1, 7, 3};
        s[3] = new int[] {1024, 100, 1};
        s[4] = new int[] {256, 100, 1};
        s[5] = new int[] {5, 1, 3};
        return s;
    }

    private static long[] bits(INDArray a) {
        double[] v = a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        long[] b = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Double.doubleToRawLongBits(v[i]);
        }
        return b;
    }

    /** A flat 1 × (nF·nT + nT) buffer and its W view, column-major as DL4J lays out a dense layer's parameters. */
    private static INDArray weightView(INDArray flat, int nF, int nT) {
        return flat.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(0, nF * nT)).reshape('f', nF, nT);
    }

    @ParameterizedTest
    @EnumSource(names = {"DOUBLE", "FLOAT"})
    void bothProductsEqualNd4jsBitForBit(DataType type) {
        for (int[] shape : shapes()) {
            int m = shape[0];
            int nF = shape[1];
            int nT = shape[2];
            String where = type + " " + m + "×" + nF + "→" + nT;
            INDArray x = Nd4j.rand(type, m, nF).subi(0.5);
            INDArray g = Nd4j.rand(type, m, nT).subi(0.5);
            INDArray params = Nd4j.rand(type, 1, nF * nT + nT);
            INDArray w = weightView(params, nF, nT);

            INDArray expectedOut = Nd4j.create(type, m, nT);
            x.mmuli(w, expectedOut);
            INDArray out = Nd4j.create(type, new long[] {m, nT}, 'f');
            HostArray hostOut = HostArray.of(out);
            hostOut.gemm(GemmCall.of(m, nF, nT, x.stride(), w.stride(), out.stride()), HostArray.of(x),
                    HostArray.of(params), hostOut);
            assertArrayEquals(bits(expectedOut), bits(out), "x·W " + where);

            INDArray expectedGrads = Nd4j.create(type, 1, nF * nT + nT);
            Nd4j.gemm(x, g, weightView(expectedGrads, nF, nT), true, false, 1.0, 0.0);
            INDArray grads = Nd4j.create(type, 1, nF * nT + nT);
            INDArray gradW = weightView(grads, nF, nT);
            HostArray hostGrads = HostArray.of(grads);
            hostGrads.gemm(GemmCall.of(nF, m, nT, new long[] {x.stride(1), x.stride(0)}, g.stride(), gradW.stride()),
                    HostArray.of(x), HostArray.of(g), hostGrads);
            assertArrayEquals(bits(expectedGrads), bits(grads), "xᵀg " + where);
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"DOUBLE", "FLOAT"})
    void aColumnSumFromRowZeroEqualsNd4jsSum(DataType type) {
        for (int m : new int[] {1, 2, 32, 1024, 2049, 100_000, 750_000}) {
            for (int nT : new int[] {1, 3}) {
                INDArray g = Nd4j.rand(type, m, nT).subi(0.5);
                INDArray expected = Nd4j.create(type, 1, nT);
                g.sum(expected, 0);
                HostArray host = HostArray.of(g);
                INDArray sums = Nd4j.create(type, 1, nT);
                HostArray hostSums = HostArray.of(sums);
                for (int j = 0; j < nT; j++) {
                    double s = 0.0;
                    for (int i = 0; i < m; i++) {
                        s = host.round(s + host.get(i * nT + j));
                    }
                    hostSums.set(j, s);
                }
                assertArrayEquals(bits(expected), bits(sums), type + " Σ over " + m + " rows, " + nT + " targets");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"DOUBLE", "FLOAT"})
    void divisionAndScalingRoundedPerOperationEqualNd4js(DataType type) {
        INDArray v = Nd4j.rand(type, 1, 4096).subi(0.5).muli(1e3);
        double lr = 0.013;
        int m = 37;
        INDArray expected = v.dup().divi(m).muli(lr);
        HostArray host = HostArray.of(v);
        double rate = host.round(lr);
        for (int k = 0; k < 4096; k++) {
            host.set(k, host.round(host.round(host.get(k) / m) * rate));
        }
        assertArrayEquals(bits(expected), bits(v));
    }

    @Test
    void aLayoutLibnd4jWouldCopyIsRefused() {
        long[] neither = {3, 5};
        assertThrows(IllegalArgumentException.class,
                () -> GemmCall.of(4, 4, 4, neither, new long[] {1, 4}, new long[] {1, 4}));
        GemmCall call = GemmCall.of(32, 1, 1, new long[] {1, 1}, new long[] {1, 1}, new long[] {1, 32});
        assertEquals(32, call.lda());
    }

    @Test
    void aViewIsNotAHostArray() {
        INDArray flat = Nd4j.create(DataType.DOUBLE, 1, 10);
        assertThrows(IllegalArgumentException.class, () -> HostArray.of(weightView(flat, 2, 3)));
        assertThrows(IllegalArgumentException.class, () -> HostArray.of(Nd4j.create(DataType.INT, 2)));
    }
}
