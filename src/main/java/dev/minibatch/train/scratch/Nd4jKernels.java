package dev.minibatch.train.scratch;

import dev.minibatch.config.TrainingConfig;
import dev.minibatch.train.Parameters;
import dev.minibatch.data.Rows;
import dev.minibatch.train.activation.ActivationFunction;
import dev.minibatch.train.loss.CrossEntropyLoss;
import dev.minibatch.train.loss.SquaredLoss;
import org.nd4j.linalg.api.blas.Level1;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The ND4J kernel set: every product and element-wise step through ND4J's op executor and BLAS wrapper, on any
 * backend. Where a BLAS level-1 call gives the same bits as ND4J's element-wise operation (a copy, y − x, a
 * multiplication by a scalar) it replaces it: each ND4J executor operation costs 5–20 µs of fixed overhead, a BLAS
 * call about 1 µs (docs/PERFORMANCE.md). The divisions stay ND4J operations: x/m is not x·(1/m). The update rule is the
 * libnd4j op DL4J's updater runs ({@code UpdateRule#nd4jOp}).
 */
final class Nd4jKernels extends CpuKernelSet<Nd4jKernels.Batch> {
    private final Level1 blas = Nd4j.getBlasWrapper().level1();
    private final INDArray[] state;
    private final Nd4jDense[] kernels;

    Nd4jKernels(Rows xTrain, Rows yTrain, Parameters initial, TrainingConfig settings) {
        super(xTrain, yTrain, initial, settings);
        kernels = new Nd4jDense[layers.length];
        for (int l = 0; l < layers.length; l++) {
            kernels[l] = new Nd4jDense(layers[l], l);
        }
        state = new INDArray[rule.slots()];
        for (int i = 0; i < state.length; i++) {
            state[i] = Nd4j.valueArrayOf(new long[] {1, nParams}, rule.initialState(), type);
        }
    }

    @Override
    double update(Batch buf, int len, double lr, long iteration) {
        int last = layers.length - 1;
        for (int l = 0; l < last; l++) {                           // hidden layers, input to output
            kernels[l].forward(buf);
        }
        Dense o = output();
        kernels[last].product(buf, buf.out);                       // z of the output layer
        ActivationFunction f = o.activation();
        double ss;
        INDArray delta = buf.g;
        if (loss instanceof CrossEntropyLoss ce) {                 // DL4J's score and δ = dL/dz, its operations
            ss = ce.nd4jStep(buf.xent);
            delta = buf.outDelta;
        } else {
            SquaredLoss sq = (SquaredLoss) loss;
            if (f != null) {                                       // ŷ = f(z) on a copy, as DL4J's loss does
                blas.copy(buf.out, buf.outA);
                f.forward(buf.outA);
            }
            blas.copy(f != null ? buf.outA : buf.out, buf.g);
            blas.axpy(buf.n, -1.0, buf.y, buf.g);                 // g = ŷ − y, exactly
            ss = blas.dot(buf.n, 1.0, buf.gFlat, buf.gFlat);      // Σe², for the batch loss
            if (f == null) {
                sq.gradient(blas, buf.g, buf.n, nTargets);        // δ = dL/dŷ
            } else {                                               // δ = f'(z) ⊙ dL/dŷ, then MSE's ÷k, as DL4J
                sq.errorGradient(blas, buf.g, buf.n);
                f.backward(buf.out, buf.g, buf.outDelta);
                sq.perTarget(buf.outDelta, nTargets);
                delta = buf.outDelta;
            }
        }
        for (int l = last; l >= 0; l--) {                          // backward, output to input
            kernels[l].backward(buf, delta);
            if (l > 0) {
                delta = kernels[l - 1].delta(buf);
            }
        }
        grads.divi(len);
        // DL4J's regularization, between the division and the updater, on each W, as its L1Regularization and
        // L2Regularization do it: one Axpy each, ∇W = coeff·x + ∇W with x = sign(W) or W.
        for (Dense d : layers) {
            if (l1 != 0) {
                Nd4j.exec(new Axpy(Transforms.sign(d.w(), true), d.gw(), d.gw(), l1));
            }
            if (l2 != 0) {
                Nd4j.exec(new Axpy(d.w(), d.gw(), d.gw(), l2));
            }
        }
        CustomOp op = rule.nd4jOp(grads, state, lr, (int) iteration);   // DL4J passes an int iteration count
        if (op == null) {
            blas.scal(grads.length(), lr, grads);                  // plain SGD: exact, as grads.muli(lr)
        } else {
            Nd4j.exec(op);                                         // DL4J's updater op, in place
        }
        blas.axpy(nParams, -1.0, grads, params);                   // exact, as params.subi(grads)
        return ss;
    }

    @Override
    Batch newBuffers(int rows) {
        return new Batch(this, rows);
    }

    @Override
    public double[][] optimizerState() {
        double[][] copy = new double[state.length][];
        for (int i = 0; i < state.length; i++) {
            copy[i] = state[i].toDoubleVector();
        }
        return copy;
    }

    @Override
    void setOptimizerState(double[][] saved) {
        for (int i = 0; i < state.length; i++) {
            state[i].assign(Nd4j.createFromArray(saved[i]).reshape(1, nParams).castTo(type));
        }
    }

    /** The ND4J kernels' buffers: g also as a flat vector, for BLAS's dot. */
    static final class Batch extends CpuKernelSet.Buffers {
        final INDArray gFlat;

        Batch(Nd4jKernels k, int rows) {
            super(k, rows, 'c');
            gFlat = g.reshape(n);
            if (k.loss instanceof CrossEntropyLoss) {
                xent = new CrossEntropyLoss.Batch(out, y, outDelta, null);
            }
        }
    }
}
