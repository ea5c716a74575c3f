package dev.minibatch.train.scratch;

import dev.minibatch.config.TrainingConfig;
import dev.minibatch.train.NdArrays;
import dev.minibatch.train.Parameters;
import dev.minibatch.train.Rows;
import dev.minibatch.train.loss.LossFunction;
import dev.minibatch.train.rule.UpdateRule;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * What the two CPU-side kernel sets share: the parameters and gradients in ND4J arrays laid out as DL4J's views are,
 * the batch gather, DL4J's regularization score, and one set of batch buffers per batch length. For a batch of m rows
 * with e = x·W + b − y, the step is W ← W − lr·(1/m)·xᵀg and b ← b − lr·(1/m)·Σg with g = dL/dŷ from the loss
 * ({@link LossFunction}) and the update from the rule ({@link UpdateRule}).
 *
 * <p>The operations are DL4J's, in DL4J's order, so that on one backend and data type the result is bit-identical
 * to {@code MultiLayerNetwork.fit}: out = x·W by {@code mmuli} into a row-major array, out += b, g from out − y,
 * ∇W = xᵀg by {@code gemm}, ∇b = Σg by a column sum, ∇ /= m, regularization, the updater, θ −= ∇. Parameters and
 * gradients each live in one flat buffer laid out as DL4J's views are — W (n_features × n_targets, column-major) then
 * b — because the memory order decides which BLAS kernel ND4J calls for x·W, and so the summation order.
 *
 * @param <B> the kernel set's buffers for one batch length.
 */
abstract class CpuKernelSet<B extends CpuKernelSet.Buffers> implements KernelSet {
    private final Rows xTrain;
    private final Rows yTrain;
    final DataType type;
    final int nFeatures;
    final int nTargets;
    final int nParams;
    final double l1;
    final double l2;
    final UpdateRule rule;
    final LossFunction loss;
    final INDArray params;
    final INDArray w;
    final INDArray b;
    final INDArray grads;
    final INDArray gradW;
    final INDArray gradB;
    // An epoch has at most two batch lengths (the full one and a partial last one): one buffer set each.
    private B full;
    private B last;

    CpuKernelSet(Rows xTrain, Rows yTrain, Parameters initial, TrainingConfig settings) {
        this.xTrain = xTrain;
        this.yTrain = yTrain;
        this.type = NdArrays.dataType(settings.precision());
        this.nFeatures = initial.nFeatures();
        this.nTargets = initial.nTargets();
        int nW = nFeatures * nTargets;
        this.nParams = nW + nTargets;
        this.l1 = settings.l1();
        this.l2 = settings.l2();
        this.rule = UpdateRule.of(settings.optimizer(), type);
        this.loss = LossFunction.of(settings.loss());
        params = Nd4j.create(type, 1, nParams);
        w = params.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(0, nW)).reshape('f', nFeatures,
                nTargets);
        b = params.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(nW, nParams));
        w.assign(NdArrays.matrix(initial.weights(), type));
        b.assign(NdArrays.row(initial.bias(), type));
        grads = Nd4j.create(type, 1, nParams);
        gradW = grads.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(0, nW)).reshape('f', nFeatures,
                nTargets);
        gradB = grads.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(nW, nParams));
    }

    @Override
    public final double step(int[] order, int start, int len, double rate, long iteration) {
        B buf = buffers(len);
        xTrain.gather(order, start, len, buf.x);
        yTrain.gather(order, start, len, buf.y);
        double penalty = penalty();                                // of W before the update, as DL4J scores
        double ss = update(buf, len, rate, iteration);
        return loss.value(ss, len, nTargets) + penalty;
    }

    /**
     * The kernel set's step on a gathered batch: forward, gradient, regularization, the rule, θ −= update.
     *
     * @param buf the batch, gathered.
     * @param len its rows.
     * @param rate the learning rate.
     * @param iteration the iteration, from 0.
     * @return Σe² of the batch before the update.
     */
    abstract double update(B buf, int len, double rate, long iteration);

    /**
     * Allocates buffers for one batch length.
     *
     * @param rows the batch length.
     * @return the buffers.
     */
    abstract B newBuffers(int rows);

    /** @return the update rule's state arrays, copied, in double. */
    @Override
    public abstract double[][] optimizerState();

    /**
     * Sets the update rule's state from a checkpoint's, already checked for shape.
     *
     * @param state the state arrays.
     */
    abstract void setOptimizerState(double[][] state);

    /**
     * DL4J's regularization score, added to the batch loss as its {@code MultiLayerNetwork.score()} adds it:
     * l1·‖W‖₁ and (l2·0.5)·‖W‖₂·‖W‖₂, with ND4J's own norms, in that order of operations.
     */
    private double penalty() {
        double p = 0.0;
        if (l1 != 0) {
            p += l1 * w.norm1Number().doubleValue();
        }
        if (l2 != 0) {
            double n2 = w.norm2Number().doubleValue();
            p += l2 * 0.5 * n2 * n2;
        }
        return p;
    }

    @Override
    public final Parameters parameters() {
        return NdArrays.parameters(w, b);
    }

    /** {@inheritDoc} The CPU kernel sets take the iteration with each step, so the count is not kept here. */
    @Override
    public final void restore(Parameters p, double[][] state, long stepsTaken) {
        if (p.nFeatures() != nFeatures || p.nTargets() != nTargets || state.length != rule.slots()) {
            throw new IllegalArgumentException("the checkpoint's model or optimizer state does not fit this run");
        }
        for (double[] s : state) {
            if (s.length != nParams) {
                throw new IllegalArgumentException("optimizer state of " + s.length + " values, expected " + nParams);
            }
        }
        w.assign(NdArrays.matrix(p.weights(), type));
        b.assign(NdArrays.row(p.bias(), type));
        setOptimizerState(state);
    }

    @Override
    public final INDArray predict(INDArray x) {
        return x.mmul(w).addiRowVector(b);
    }

    private B buffers(int rows) {
        if (full == null || full.rows == rows) {
            if (full == null) {
                full = newBuffers(rows);
            }
            return full;
        }
        if (last == null || last.rows != rows) {
            last = newBuffers(rows);
        }
        return last;
    }

    /** Reused arrays for one batch length (an epoch has at most two: the full one and the last, partial one). */
    static class Buffers {
        final int rows;
        final int n;
        final INDArray x;
        final INDArray y;
        final INDArray out;
        final INDArray g;

        /**
         * Allocates the batch, its outputs and its gradient.
         *
         * @param type the data type.
         * @param rows the batch length.
         * @param nFeatures the features.
         * @param nTargets the targets.
         * @param outOrder the memory order of x·W's result ('c', or 'f' where the HOST kernels keep BLAS's own).
         */
        Buffers(DataType type, int rows, int nFeatures, int nTargets, char outOrder) {
            this.rows = rows;
            n = rows * nTargets;
            x = Nd4j.create(type, rows, nFeatures);
            y = Nd4j.create(type, rows, nTargets);
            out = Nd4j.create(type, new long[] {rows, nTargets}, outOrder);
            g = Nd4j.create(type, rows, nTargets);
        }
    }
}
