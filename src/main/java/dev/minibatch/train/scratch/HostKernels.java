package dev.minibatch.train.scratch;

import dev.minibatch.config.TrainingConfig;
import dev.minibatch.train.Parameters;
import dev.minibatch.data.Rows;
import dev.minibatch.train.activation.ActivationFunction;
import dev.minibatch.train.loss.CrossEntropyLoss;
import dev.minibatch.train.loss.SquaredLoss;
import dev.minibatch.train.rule.UpdateRule;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The HOST kernel set (CPU backend only): the products call the OpenBLAS routine libnd4j calls, with libnd4j's
 * arguments ({@link GemmCall}), and the rest are Java loops over host memory, one correctly rounded operation at a
 * time, in libnd4j's order (x/m stays a division); the update rule is its hand-written formula
 * ({@link UpdateRule#update}). ND4J's mmuli computes a·W into a column-major array and copies it to a row-major
 * result: HOST keeps the column-major one and reads it where the copy would (adding b on the way). A hidden layer's
 * activation and its derivative are libnd4j's own ops on these arrays ({@code ActivationFunction}: the C library's
 * tanh and exp are not Java's, bit for bit).
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

    /** The step on host memory: each element-wise operation done once, rounded to the data type. Returns the loss sum. */
    @Override
    double update(Batch buf, int len, double lr, long iteration) {
        HostArray p = hostParams;
        HostArray d = hostGrads;
        int last = layers.length - 1;
        for (int l = 0; l < last; l++) {                           // hidden layers, input to output
            buf.kernels[l].forward(len);
        }
        Dense o = output();
        HostArray out = buf.kernels[last].product();               // z = a·W, column-major (m × k)
        HostArray g = buf.hostG;
        HostArray y = buf.hostY;
        int ob = o.biasOffset();
        ActivationFunction f = o.activation();
        HostArray zc = buf.hostOutZ;
        for (int i = 0; i < len; i++) {
            for (int j = 0; j < nTargets; j++) {
                int k = i * nTargets + j;
                double v = out.round(out.get(j * len + i) + p.get(ob + j));   // z += b
                if (f == null) {
                    g.set(k, v - y.get(k));                                   // g = ŷ − y, ŷ = z
                } else {
                    zc.set(k, v);
                }
            }
        }
        double ss;
        HostArray delta = g;
        if (loss instanceof CrossEntropyLoss ce) {                 // DL4J's score and δ = dL/dz
            ss = ce.hostStep(buf.xent);
            delta = buf.hostOutDelta;
        } else {
            SquaredLoss sq = (SquaredLoss) loss;
            if (f != null) {                                       // ŷ = f(z) by libnd4j's op, on a copy
                HostArray a = buf.hostOutA;
                for (int k = 0; k < buf.n; k++) {
                    a.set(k, zc.get(k));
                }
                f.forward(buf.outA);
                for (int k = 0; k < buf.n; k++) {
                    g.set(k, a.get(k) - y.get(k));
                }
            }
            ss = g.dotSelf(buf.n);
            if (f == null) {
                for (int k = 0; k < buf.n; k++) {
                    g.set(k, sq.gradient(g.get(k), nTargets));     // δ = dL/dŷ, rounded once
                }
            } else {                                               // δ = f'(z) ⊙ dL/dŷ, then MSE's ÷k, as DL4J
                for (int k = 0; k < buf.n; k++) {
                    g.set(k, sq.errorGradient(g.get(k)));
                }
                f.backward(buf.outZ, buf.g, buf.outDelta);
                delta = buf.hostOutDelta;
                for (int k = 0; k < buf.n; k++) {
                    delta.set(k, sq.perTarget(delta.get(k), nTargets));
                }
            }
        }
        for (int l = last; l >= 0; l--) {                          // backward, output to input
            buf.kernels[l].backward(len, delta);
            if (l > 0) {
                delta = buf.kernels[l - 1].delta();
            }
        }
        double c1 = d.round(l1);                                   // Axpy's alpha, in the array's type
        double c2 = d.round(l2);
        UpdateRule r = rule;
        double[][] st = state;
        r.prepare(lr, iteration);
        int layer = 0;
        int wEnd = layers[0].biasOffset();
        for (int k = 0; k < nParams; k++) {
            if (k >= wEnd + layers[layer].nOut()) {                // the next layer's W
                layer++;
                wEnd = layers[layer].biasOffset();
            }
            double grad = d.round(d.get(k) / len);                 // ∇ /= m
            if (k < wEnd) {                                        // regularization: W only, L1 then L2
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

    /**
     * The HOST kernels' buffers: host views of the loss's arrays, and each layer's kernel bound to this batch length
     * ({@link HostDense}).
     */
    static final class Batch extends CpuKernelSet.Buffers {
        final HostArray hostY;
        final HostArray hostOutZ;
        final HostArray hostOutA;
        final HostArray hostOutDelta;
        final HostArray hostG;
        /** Each hidden layer's activations, on the host: its output and the next layer's input. */
        private final HostArray[] hostA;
        /** Arrays a layer's host views read, held here: HostArray's memory belongs to its array. */
        private final java.util.List<INDArray> kept = new java.util.ArrayList<>();
        final HostDense[] kernels;

        Batch(HostKernels k, int rows) {
            super(k, rows, 'f');
            int nl = k.layers.length;
            hostY = HostArray.of(y);
            hostOutZ = outZ == null ? null : HostArray.of(outZ);
            hostOutA = outA == null ? null : HostArray.of(outA);
            hostOutDelta = outDelta == null ? null : HostArray.of(outDelta);
            hostG = HostArray.of(g);
            hostA = new HostArray[nl - 1];
            for (int l = 0; l < nl - 1; l++) {
                hostA[l] = HostArray.of(a[l]);
            }
            if (k.loss instanceof CrossEntropyLoss) {
                xent = new CrossEntropyLoss.Batch(outZ, y, outDelta, HostArray::of);
            }
            kernels = new HostDense[nl];
            for (int l = 0; l < nl; l++) {
                kernels[l] = new HostDense(k, this, l, k.hostParams, k.hostGrads);
            }
        }

        /**
         * A hidden layer's activations, on the host.
         *
         * @param l the layer.
         * @return its host view.
         */
        HostArray hostA(int l) {
            return hostA[l];
        }

        /**
         * Holds an array a host view reads, for as long as the buffers live.
         *
         * @param array the array.
         */
        void keep(INDArray array) {
            kept.add(array);
        }
    }
}
