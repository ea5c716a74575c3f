package dev.minibatch.train.scratch;

import dev.minibatch.batch.BatchPlan;
import dev.minibatch.config.Loss;
import dev.minibatch.config.TrainingConfig;
import dev.minibatch.data.Dataset;
import dev.minibatch.train.EpochListener;
import dev.minibatch.train.EpochRecord;
import dev.minibatch.train.NdArrays;
import dev.minibatch.train.NdDataset;
import dev.minibatch.train.Parameters;
import dev.minibatch.train.Trainer;
import dev.minibatch.train.TrainingResult;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.blas.Level1;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tutorial's mini-batch gradient descent written by hand on ND4J. For a batch of m rows with errors
 * e = X·W + b − y, one step is W ← W − lr·(1/m)·Xᵀg and b ← b − lr·(1/m)·Σg, where g = e for {@code half_mse} and
 * g = 2e/k for {@code mse} (k targets).
 *
 * <p>The operations are issued in the order DL4J issues them (forward {@code mmul} then {@code addiRowVector};
 * g from a copy of the output; ∇W by {@code gemm(Xᵀ, g)}, ∇b by a column sum; divide by m, multiply by lr,
 * subtract), so that on the same backend and data type the two trainers produce the same bits. Keeping that
 * order is what makes a zero agreement tolerance defensible; a different but equally correct order (say
 * lr/m folded into one scalar) would drift by rounding.
 */
public final class ScratchTrainer implements Trainer {
    /** The trainer's name in results. */
    public static final String NAME = "scratch";

    /** Constructs the trainer; it has no settings of its own. */
    public ScratchTrainer() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public TrainingResult train(Dataset data, BatchPlan plan, Parameters initial, TrainingConfig settings,
                                EpochListener listener) {
        DataType type = NdArrays.dataType(settings.precision());
        NdDataset nd = NdDataset.of(data, settings.precision());
        INDArray xTrain = nd.xTrain();
        INDArray yTrain = nd.yTrain();
        int nFeatures = data.nFeatures();
        int nTargets = data.nTargets();
        int nW = nFeatures * nTargets;
        // Parameters and gradients live in one flat buffer each, laid out as DL4J lays out its parameter and
        // gradient views: W (n_features × n_targets, column-major) then b (1 × n_targets). The memory order decides
        // which BLAS kernel ND4J calls for x·W (gemm or gemv, transposed or not), and so the summation order; and
        // one flat buffer lets the divide-by-m, the multiply-by-lr and the update each be one operation, as in DL4J.
        INDArray params = Nd4j.create(type, 1, nW + nTargets);
        INDArray w = params.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(0, nW))
                .reshape('f', nFeatures, nTargets);
        INDArray b = params.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(nW, nW + nTargets));
        w.assign(NdArrays.matrix(initial.weights(), type));
        b.assign(NdArrays.row(initial.bias(), type));
        INDArray grads = Nd4j.create(type, 1, nW + nTargets);
        INDArray gradW = grads.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(0, nW))
                .reshape('f', nFeatures, nTargets);
        INDArray gradB = grads.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(nW, nW + nTargets));
        Parameters start = NdArrays.parameters(w, b);

        double lr = settings.learningRate();
        boolean mse = settings.loss() == Loss.MSE;
        int nParams = nW + nTargets;
        Level1 blas = Nd4j.getBlasWrapper().level1();
        Map<Integer, Buffers> buffers = new HashMap<>();

        BatchPlan.Epochs epochs = plan.epochs();
        List<EpochRecord> history = new ArrayList<>(settings.epochs());
        long steps = 0;
        long stepNanos = 0;
        long t0 = System.nanoTime();
        for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
            int[] order = epochs.next();
            double weighted = 0.0;
            long e0 = System.nanoTime();
            for (int batch = 0; batch < plan.batchesPerEpoch(); batch++) {
                int len = plan.batchLength(batch);
                Buffers buf = buffers.computeIfAbsent(len, n -> new Buffers(type, n, nFeatures, nTargets));
                buf.gather(xTrain, yTrain, order, plan.batchStart(batch));

                // DL4J's order: out = x·W (mmuli into a row-major array), out += b, g = dL/dŷ from out − y,
                // ∇W = xᵀg (gemm), ∇b = Σ g (column sum), ∇ /= m, ∇ *= lr, θ −= ∇. Where a BLAS level-1 call
                // gives the same bits as ND4J's element-wise op it is used instead: each executor op costs 5–20 µs
                // of fixed overhead, a BLAS call about 1 µs (docs/PERFORMANCE.md).
                buf.x.mmuli(w, buf.out).addiRowVector(b);
                blas.copy(buf.out, buf.g);
                blas.axpy(buf.n, -1.0, buf.y, buf.g);          // g = out − y, exactly
                double ss = blas.dot(buf.n, 1.0, buf.gFlat, buf.gFlat); // Σe², for the batch loss
                weighted += mse ? ss / nTargets : ss / 2.0;
                if (mse) {
                    blas.scal(buf.n, 2.0, buf.g);               // exact, as g.muli(2)
                    if (nTargets > 1) {
                        buf.g.divi(nTargets);                   // x / 1 is x: skipped for one target
                    }
                }
                Nd4j.gemm(buf.x, buf.g, gradW, true, false, 1.0, 0.0);
                buf.g.sum(gradB, 0);
                grads.divi(len);
                blas.scal(nParams, lr, grads);                  // exact, as grads.muli(lr)
                blas.axpy(nParams, -1.0, grads, params);        // exact, as params.subi(grads)
                steps++;
            }
            stepNanos += System.nanoTime() - e0;
            EpochRecord record = nd.epochRecord(NAME, epoch, settings, predict(xTrain, w, b),
                    predict(nd.xTest(), w, b), weighted / plan.rows(), NdArrays.parameters(w, b));
            history.add(record);
            listener.epochDone(NAME, record, settings.epochs());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        EpochRecord last = history.get(history.size() - 1);
        return new TrainingResult(NAME, start, last.parameters(), last.testMse(), seconds, stepNanos / 1e9, steps,
                history);
    }

    /** Reused arrays for one batch length (an epoch has at most two: the full one and the last, partial one). */
    private static final class Buffers {
        final int rows;
        final long n;
        final INDArray x;
        final INDArray y;
        final INDArray out;
        final INDArray g;
        final INDArray gFlat;

        Buffers(DataType type, int rows, int nFeatures, int nTargets) {
            this.rows = rows;
            this.n = (long) rows * nTargets;
            x = Nd4j.create(type, rows, nFeatures);
            y = Nd4j.create(type, rows, nTargets);
            out = Nd4j.create(type, rows, nTargets);
            g = Nd4j.create(type, rows, nTargets);
            gFlat = g.reshape(n);
        }

        /**
         * Copies the batch's rows into x and y directly through the arrays' native buffers (an exact copy, without
         * the per-op overhead of ND4J's pullRows).
         */
        void gather(INDArray xTrain, INDArray yTrain, int[] order, int start) {
            copyRows(xTrain, x, order, start);
            copyRows(yTrain, y, order, start);
        }

        private void copyRows(INDArray src, INDArray dst, int[] order, int start) {
            int width = (int) src.columns();
            if (src.dataType() == DataType.DOUBLE) {
                DoubleBuffer from = src.data().asNioDouble();
                DoubleBuffer to = dst.data().asNioDouble();
                for (int i = 0; i < rows; i++) {
                    to.put(i * width, from, order[start + i] * width, width);
                }
            } else {
                FloatBuffer from = src.data().asNioFloat();
                FloatBuffer to = dst.data().asNioFloat();
                for (int i = 0; i < rows; i++) {
                    to.put(i * width, from, order[start + i] * width, width);
                }
            }
        }
    }

    private static INDArray predict(INDArray x, INDArray w, INDArray b) {
        return x.mmul(w).addiRowVector(b);
    }
}
