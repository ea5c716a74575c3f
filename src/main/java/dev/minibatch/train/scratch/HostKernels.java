package dev.minibatch.train.scratch;

import dev.minibatch.config.TrainingConfig;
import dev.minibatch.train.Parameters;
import dev.minibatch.train.Rows;
import dev.minibatch.train.rule.UpdateRule;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The HOST kernel set (CPU backend only): no step goes through ND4J's op executor. The two products call the
 * OpenBLAS routine libnd4j calls, with libnd4j's arguments ({@link GemmCall}), and the rest are Java loops over host
 * memory, one correctly rounded operation at a time, in libnd4j's order (x/m stays a division); the update rule is
 * its hand-written formula ({@link UpdateRule#update}). ND4J's mmuli computes x·W into a column-major array and copies
 * it to a row-major result: HOST keeps the column-major one and reads it where the copy would.
 */
final class HostKernels extends CpuKernelSet<HostKernels.Batch> {
    private final HostArray hostParams;
    private final HostArray hostGrads;
    private final double[][] state;

    HostKernels(Rows xTrain, Rows yTrain, Parameters initial, TrainingConfig settings) {
        super(xTrain, yTrain, initial, settings);
        if (!Nd4j.getEnvironment().isCPU()) {
            throw new IllegalArgumentException("HOST kernels need the CPU backend; use KernelSet.forBackend()");
        }
        hostParams = HostArray.of(params);
        hostGrads = HostArray.of(grads);
        state = rule.newState(nParams);
    }

    /** The step on host memory: each element-wise operation done once, rounded to the data type. Returns Σe². */
    @Override
    double update(Batch buf, int len, double lr, long iteration) {
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
        for (int k = 0; k < buf.n; k++) {
            g.set(k, loss.gradient(g.get(k), nTargets));           // g = dL/dŷ, rounded once
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
        UpdateRule r = rule;
        double[][] st = state;
        r.prepare(lr, iteration);
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
            double step = r.update(st, k, grad);                   // the updater: ∇ *= lr for SGD
            d.set(k, step);
            p.set(k, p.get(k) - step);                             // θ −= ∇
        }
        return ss;
    }

    @Override
    Batch newBuffers(int rows) {
        return new Batch(this, rows);
    }

    @Override
    public double[][] optimizerState() {
        double[][] copy = new double[state.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = state[i].clone();
        }
        return copy;
    }

    @Override
    void setOptimizerState(double[][] saved) {
        for (int i = 0; i < state.length; i++) {
            System.arraycopy(saved[i], 0, state[i], 0, nParams);
        }
    }

    /** The HOST kernels' buffers: host views of each, and the two products' OpenBLAS calls. */
    static final class Batch extends CpuKernelSet.Buffers {
        final HostArray hostX;
        final HostArray hostY;
        final HostArray hostOut;
        final HostArray hostG;
        final GemmCall forward;
        final GemmCall backward;

        Batch(HostKernels k, int rows) {
            super(k.type, rows, k.nFeatures, k.nTargets, 'f');
            hostX = HostArray.of(x);
            hostY = HostArray.of(y);
            hostOut = HostArray.of(out);
            hostG = HostArray.of(g);
            forward = GemmCall.of(rows, k.nFeatures, k.nTargets, x.stride(), k.w.stride(), out.stride());
            long[] xT = {x.stride(1), x.stride(0)};
            backward = GemmCall.of(k.nFeatures, rows, k.nTargets, xT, g.stride(), k.gradW.stride());
        }
    }
}
