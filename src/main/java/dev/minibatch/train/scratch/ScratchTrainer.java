package dev.minibatch.train.scratch;

import dev.minibatch.batch.BatchPlan;
import dev.minibatch.config.Loss;
import dev.minibatch.config.TrainingConfig;
import dev.minibatch.data.Dataset;
import dev.minibatch.train.EpochListener;
import dev.minibatch.train.EpochRecord;
import dev.minibatch.train.Metrics;
import dev.minibatch.train.NdArrays;
import dev.minibatch.train.NdDataset;
import dev.minibatch.train.Parameters;
import dev.minibatch.train.Trainer;
import dev.minibatch.train.TrainingResult;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

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
        // W and its gradient in column-major order, as DL4J's parameter and gradient views are: the order decides
        // which BLAS kernel ND4J calls (gemm or gemv, transposed or not), and so the summation order.
        INDArray w = NdArrays.matrix(initial.weights(), type).dup('f');
        INDArray b = NdArrays.row(initial.bias(), type);
        Parameters start = NdArrays.parameters(w, b);

        int nTargets = data.nTargets();
        double lr = settings.learningRate();
        boolean mse = settings.loss() == Loss.MSE;
        INDArray gradW = Nd4j.create(type, new long[] {w.rows(), w.columns()}, 'f');
        INDArray gradB = Nd4j.create(type, 1, nTargets);

        BatchPlan.Epochs epochs = plan.epochs();
        List<EpochRecord> history = new ArrayList<>(settings.epochs());
        long steps = 0;
        long t0 = System.nanoTime();
        for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
            int[] order = epochs.next();
            double weighted = 0.0;
            for (int batch = 0; batch < plan.batchesPerEpoch(); batch++) {
                int len = plan.batchLength(batch);
                int[] idx = new int[len];
                System.arraycopy(order, plan.batchStart(batch), idx, 0, len);
                INDArray x = xTrain.getRows(idx);
                INDArray y = yTrain.getRows(idx);

                // DL4J: input.mmuli(W, ret) into a fresh row-major array, then ret.addiRowVector(b)
                INDArray out = x.mmuli(w, Nd4j.createUninitialized(type, len, nTargets)).addiRowVector(b);
                weighted += Metrics.loss(settings.loss(), out, y) * len;
                INDArray g = out.dup().subi(y);
                if (mse) {
                    g.muli(2).divi(nTargets);
                }
                Nd4j.gemm(x, g, gradW, true, false, 1.0, 0.0);
                g.sum(gradB, 0);
                gradW.divi(len);
                gradB.divi(len);
                gradW.muli(lr);
                gradB.muli(lr);
                w.subi(gradW);
                b.subi(gradB);
                steps++;
            }
            EpochRecord record = nd.epochRecord(NAME, epoch, settings, predict(xTrain, w, b),
                    predict(nd.xTest(), w, b), weighted / plan.rows(), NdArrays.parameters(w, b));
            history.add(record);
            listener.epochDone(NAME, record, settings.epochs());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        EpochRecord last = history.get(history.size() - 1);
        return new TrainingResult(NAME, start, last.parameters(), last.testMse(), seconds, steps, history);
    }

    private static INDArray predict(INDArray x, INDArray w, INDArray b) {
        return x.mmul(w).addiRowVector(b);
    }
}
