package dev.minibatch.train.scratch;

import dev.minibatch.config.Loss;
import dev.minibatch.config.TrainingConfig;
import dev.minibatch.train.NdArrays;
import dev.minibatch.train.Parameters;
import dev.minibatch.train.Rows;
import org.nd4j.linalg.api.blas.Level1;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.linalg.indexing.NDArrayIndex;


/**
 * One mini-batch gradient-descent step of the scratch trainer, with the parameters and every buffer it needs
 * allocated once. For a batch of m rows with e = x·W + b − y: W ← W − lr·(1/m)·xᵀg and b ← b − lr·(1/m)·Σg, where
 * g = e for {@code half_mse} and g = 2e/k for {@code mse} (k targets).
 *
 * <p>The operations are DL4J's, in DL4J's order, so that on one backend and data type the result is bit-identical
 * to {@code MultiLayerNetwork.fit}: out = x·W by {@code mmuli} into a row-major array, out += b, g from out − y,
 * ∇W = xᵀg by {@code gemm}, ∇b = Σg by a column sum, ∇ /= m, ∇ *= lr, θ −= ∇. Parameters and gradients each live
 * in one flat buffer laid out as DL4J's views are — W (n_features × n_targets, column-major) then b — because the
 * memory order decides which BLAS kernel ND4J calls for x·W, and so the summation order. Where a BLAS level-1 call
 * gives the same bits as ND4J's element-wise operation (a copy, y − x, a multiplication by a scalar) it replaces
 * it: each ND4J executor operation costs 5–20 µs of fixed overhead, a BLAS call about 1 µs
 * (docs/PERFORMANCE.md). The divisions stay ND4J operations there: x/m is not x·(1/m).
 *
 * <p>With {@link Kernels#HOST} (the CPU backend's default) no step goes through ND4J's op executor: the two products
 * call the OpenBLAS routine libnd4j calls, with libnd4j's arguments ({@link GemmCall}), and the rest are Java loops
 * over host memory, one correctly rounded operation at a time, in libnd4j's order (x/m stays a division).
 */
public final class ScratchStep implements StepState {
    private final Rows xTrain;
    private final Rows yTrain;
    private final DataType type;
    private final int nFeatures;
    private final int nTargets;
    private final int nParams;
    private final double lr;
    private final double l1;
    private final double l2;
    /** The update rule and its state: HOST kernels' hand-written one, or the libnd4j op for ND4J kernels. */
    private final HostRule hostRule;
    private final Nd4jRule nd4jRule;
    private final boolean mse;
    private final INDArray params;
    private final INDArray w;
    private final INDArray b;
    private final INDArray grads;
    private final INDArray gradW;
    private final INDArray gradB;
    private final Level1 blas;
    private final Kernels kernels;
    private final HostArray hostParams;
    private final HostArray hostGrads;
    // An epoch has at most two batch lengths (the full one and a partial last one): one buffer set each.
    private Buffers full;
    /** Steps taken so far: the short {@link #step(int[], int, int)} form's iteration. */
    private long taken;
    private Buffers last;

    /**
     * Sets up the parameters and buffers.
     *
     * @param xTrain the training features, in the training data type.
     * @param yTrain the training targets.
     * @param initial the initial parameters.
     * @param settings the loss, learning rate and data type.
     * @param kernels how to carry out the step; {@link Kernels#HOST} needs the CPU backend.
     * @throws IllegalArgumentException if HOST kernels are asked for on another backend.
     */
    public ScratchStep(Rows xTrain, Rows yTrain, Parameters initial, TrainingConfig settings,
                       Kernels kernels) {
        if (kernels == Kernels.HOST && !Nd4j.getEnvironment().isCPU()) {
            throw new IllegalArgumentException("HOST kernels need the CPU backend; use Kernels.forBackend()");
        }
        this.kernels = kernels;
        this.xTrain = xTrain;
        this.yTrain = yTrain;
        this.type = NdArrays.dataType(settings.precision());
        this.nFeatures = initial.nFeatures();
        this.nTargets = initial.nTargets();
        int nW = nFeatures * nTargets;
        this.nParams = nW + nTargets;
        this.lr = settings.learningRate();
        this.l1 = settings.l1();
        this.l2 = settings.l2();
        this.mse = settings.loss() == Loss.MSE;
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
        boolean host = kernels == Kernels.HOST;
        blas = host ? null : Nd4j.getBlasWrapper().level1();
        hostParams = host ? HostArray.of(params) : null;
        hostGrads = host ? HostArray.of(grads) : null;
        hostRule = host ? HostRule.of(settings.optimizer(), type, nParams) : null;
        nd4jRule = host ? null : new Nd4jRule(settings.optimizer(), type, nParams);
    }

    /**
     * Makes one update from a batch of training rows at the configured learning rate, counting iterations from
     * this object's first step.
     *
     * @param order the epoch's row order.
     * @param start the batch's first position in the order.
     * @param len the batch's number of rows.
     * @return the batch's loss before the update, in the configured convention.
     */
    public double step(int[] order, int start, int len) {
        return step(order, start, len, lr, taken);
    }

    /**
     * Makes one update from a batch of training rows at a given learning rate (a schedule's value).
     *
     * @param order the epoch's row order.
     * @param start the batch's first position in the order.
     * @param len the batch's number of rows.
     * @param rate the learning rate of this update.
     * @param iteration the update's iteration, from 0, as DL4J counts it (the Adam family's bias correction).
     * @return the batch's loss before the update, in the configured convention.
     */
    public double step(int[] order, int start, int len, double rate, long iteration) {
        Buffers buf = buffers(len);
        xTrain.gather(order, start, len, buf.x);
        yTrain.gather(order, start, len, buf.y);
        double penalty = penalty();                                // of W before the update, as DL4J scores
        taken++;
        double ss = kernels == Kernels.HOST ? hostStep(buf, len, rate, iteration)
                : nd4jStep(buf, len, rate, iteration);
        return (mse ? Loss.MSE : Loss.HALF_MSE).of(ss, len, nTargets) + penalty;
    }

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

    /** The step through ND4J operations; returns Σe². */
    private double nd4jStep(Buffers buf, int len, double lr, long iteration) {
        buf.x.mmuli(w, buf.out).addiRowVector(b);
        blas.copy(buf.out, buf.g);
        blas.axpy(buf.n, -1.0, buf.y, buf.g);                     // g = out − y, exactly
        double ss = blas.dot(buf.n, 1.0, buf.gFlat, buf.gFlat);   // Σe², for the batch loss
        if (mse) {
            blas.scal(buf.n, 2.0, buf.g);                          // exact, as g.muli(2)
            if (nTargets > 1) {
                buf.g.divi(nTargets);                              // x / 1 is x: skipped for one target
            }
        }
        Nd4j.gemm(buf.x, buf.g, gradW, true, false, 1.0, 0.0);
        buf.g.sum(gradB, 0);
        grads.divi(len);
        // DL4J's regularization, between the division and the updater, on W only, as its L1Regularization and
        // L2Regularization do it: one Axpy each, ∇W = coeff·x + ∇W with x = sign(W) or W.
        if (l1 != 0) {
            Nd4j.exec(new Axpy(Transforms.sign(w, true), gradW, gradW, l1));
        }
        if (l2 != 0) {
            Nd4j.exec(new Axpy(w, gradW, gradW, l2));
        }
        nd4jRule.apply(grads, lr, iteration);                      // DL4J's updater op, in place
        blas.axpy(nParams, -1.0, grads, params);                   // exact, as params.subi(grads)
        return ss;
    }

    /**
     * The same step on host memory: the same OpenBLAS calls, and each element-wise operation done once, rounded to
     * the data type, in the order the ND4J step does it. Returns Σe².
     */
    private double hostStep(Buffers buf, int len, double lr, long iteration) {
        HostArray out = buf.hostOut;
        HostArray g = buf.hostG;
        HostArray y = buf.hostY;
        HostArray p = hostParams;
        HostArray d = hostGrads;
        int nW = nParams - nTargets;
        out.gemm(buf.forward, buf.hostX, p, out);                 // out = x·W, column-major (m × k)
        for (int i = 0; i < len; i++) {
            for (int j = 0; j < nTargets; j++) {
                int k = i * nTargets + j;
                double o = out.round(out.get(j * len + i) + p.get(nW + j));   // out += b
                g.set(k, o - y.get(k));                                       // g = out − y
            }
        }
        double ss = g.dotSelf(buf.n);
        if (mse) {
            for (int k = 0; k < buf.n; k++) {
                double twice = 2.0 * g.get(k);                                // exact
                g.set(k, nTargets > 1 ? twice / nTargets : twice);
            }
        }
        d.gemm(buf.backward, buf.hostX, g, d);                     // ∇W = xᵀg into W's column-major view
        for (int j = 0; j < nTargets; j++) {                       // ∇b = Σg, row by row from 0, as libnd4j sums
            double s = 0.0;
            for (int i = 0; i < len; i++) {
                s = d.round(s + g.get(i * nTargets + j));
            }
            d.set(nW + j, s);
        }
        double c1 = d.round(l1);                                   // Axpy's alpha, in the array's type
        double c2 = d.round(l2);
        HostRule rule = hostRule;
        rule.prepare(lr, iteration);
        for (int k = 0; k < nParams; k++) {
            double grad = d.round(d.get(k) / len);                 // ∇ /= m
            if (k < nW) {                                          // regularization: W only, L1 then L2
                if (l1 != 0) {
                    grad = d.round(d.round(c1 * Math.signum(p.get(k))) + grad);
                }
                if (l2 != 0) {
                    grad = d.round(d.round(c2 * p.get(k)) + grad);
                }
            }
            double step = rule.update(k, grad);                    // the updater: ∇ *= lr for SGD
            d.set(k, step);
            p.set(k, p.get(k) - step);                             // θ −= ∇
        }
        return ss;
    }

    @Override
    public Parameters parameters() {
        return NdArrays.parameters(w, b);
    }

    @Override
    public double[][] optimizerState() {
        if (hostRule != null) {
            double[][] copy = new double[hostRule.state.length][];
            for (int i = 0; i < copy.length; i++) {
                copy[i] = hostRule.state[i].clone();
            }
            return copy;
        }
        INDArray[] st = nd4jRule.state();
        double[][] copy = new double[st.length][];
        for (int i = 0; i < st.length; i++) {
            copy[i] = st[i].toDoubleVector();
        }
        return copy;
    }

    /** {@inheritDoc} The steps taken are the short {@link #step(int[], int, int)} form's iteration. */
    @Override
    public void restore(Parameters p, double[][] state, long stepsTaken) {
        int slots = hostRule != null ? hostRule.state.length : nd4jRule.state().length;
        if (p.nFeatures() != nFeatures || p.nTargets() != nTargets || state.length != slots) {
            throw new IllegalArgumentException("the checkpoint's model or optimizer state does not fit this run");
        }
        w.assign(NdArrays.matrix(p.weights(), type));
        b.assign(NdArrays.row(p.bias(), type));
        for (int i = 0; i < slots; i++) {
            if (state[i].length != nParams) {
                throw new IllegalArgumentException("optimizer state of " + state[i].length + " values, expected "
                        + nParams);
            }
            if (hostRule != null) {
                System.arraycopy(state[i], 0, hostRule.state[i], 0, nParams);
            } else {
                nd4jRule.state()[i].assign(Nd4j.createFromArray(state[i]).reshape(1, nParams).castTo(type));
            }
        }
        taken = stepsTaken;
    }

    @Override
    public INDArray predict(INDArray x) {
        return x.mmul(w).addiRowVector(b);
    }

    private Buffers buffers(int rows) {
        if (full == null || full.rows == rows) {
            if (full == null) {
                full = new Buffers(type, rows, nFeatures, nTargets, this);
            }
            return full;
        }
        if (last == null || last.rows != rows) {
            last = new Buffers(type, rows, nFeatures, nTargets, this);
        }
        return last;
    }

    /** Reused arrays for one batch length (an epoch has at most two: the full one and the last, partial one). */
    private static final class Buffers {
        final int rows;
        final int n;
        final INDArray x;
        final INDArray y;
        final INDArray out;
        final INDArray g;
        final INDArray gFlat;
        // HOST kernels only: host views, and the two products' OpenBLAS calls.
        HostArray hostX;
        HostArray hostY;
        HostArray hostOut;
        HostArray hostG;
        GemmCall forward;
        GemmCall backward;

        Buffers(DataType type, int rows, int nFeatures, int nTargets, ScratchStep step) {
            this.rows = rows;
            n = rows * nTargets;
            x = Nd4j.create(type, rows, nFeatures);
            y = Nd4j.create(type, rows, nTargets);
            // ND4J's mmuli computes into a column-major array and copies to a row-major result: HOST keeps the
            // column-major one and reads it where the copy would.
            out = step.kernels == Kernels.HOST ? Nd4j.create(type, new long[] {rows, nTargets}, 'f')
                    : Nd4j.create(type, rows, nTargets);
            g = Nd4j.create(type, rows, nTargets);
            gFlat = g.reshape(n);
            if (step.kernels == Kernels.HOST) {
                hostX = HostArray.of(x);
                hostY = HostArray.of(y);
                hostOut = HostArray.of(out);
                hostG = HostArray.of(g);
                forward = GemmCall.of(rows, nFeatures, nTargets, x.stride(), step.w.stride(), out.stride());
                long[] xT = {x.stride(1), x.stride(0)};
                backward = GemmCall.of(nFeatures, rows, nTargets, xT, g.stride(), step.gradW.stride());
            }
        }
    }
}
