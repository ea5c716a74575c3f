package dev.minibatch.train.loss;

import dev.minibatch.config.Loss;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A cross-entropy (classification), DL4J's definition operation by operation: its clipping of the probabilities and
 * its gradient. The CPU kernel sets call one step per batch at the output layer: from the output's pre-activations z
 * and the labels, the batch's score — DL4J's {@code computeScore(…, average false)}, which DL4J then divides by the
 * batch size — and δ = dL/dz, what DL4J's {@code computeGradient} returns.
 *
 * <p>Exactness: the ND4J form runs DL4J's operations; the HOST form does the correctly rounded arithmetic (+, −, ×, ÷,
 * clipping) in Java loops over host memory and leaves to libnd4j what Java cannot reproduce bit for bit — the
 * activation (the C library's exp), ln, and the summation order of the score. Both give DL4J's bits.
 */
public abstract sealed class CrossEntropyLoss extends LossFunction
        permits BinaryCrossEntropyLoss, CategoricalCrossEntropyLoss {
    CrossEntropyLoss(Loss kind) {
        super(kind);
    }

    /**
     * One batch length's arrays for the step, allocated once: the output's z, the labels and δ (the kernel set's), and
     * three work arrays of the same shape; with their host memory for the HOST form.
     */
    public static final class Batch {
        final INDArray z;
        final INDArray y;
        final INDArray delta;
        final INDArray p;
        final INDArray a;
        final INDArray b;
        final HostValues hy;
        final HostValues hd;
        final HostValues hp;
        final HostValues ha;
        final HostValues hb;

        /**
         * Allocates the work arrays.
         *
         * @param z the output layer's pre-activations, m × k, row-major; the step leaves them unchanged.
         * @param y the labels, m × k.
         * @param delta receives dL/dz, m × k, row-major.
         * @param host the host memory of an array that owns its buffer (the HOST kernels), or {@code null}.
         */
        public Batch(INDArray z, INDArray y, INDArray delta, Function<INDArray, HostValues> host) {
            this.z = z;
            this.y = y;
            this.delta = delta;
            p = Nd4j.create(z.dataType(), z.shape());
            a = Nd4j.create(z.dataType(), z.shape());
            b = Nd4j.create(z.dataType(), z.shape());
            hy = host == null ? null : host.apply(y);
            hd = host == null ? null : host.apply(delta);
            hp = host == null ? null : host.apply(p);
            ha = host == null ? null : host.apply(a);
            hb = host == null ? null : host.apply(b);
        }
    }

    /**
     * The ND4J kernels' step: the batch's score and δ, by ND4J's operations in DL4J's order.
     *
     * @param s the batch's arrays.
     * @return −Σ over the batch (DL4J's score before its division by m).
     */
    public abstract double nd4jStep(Batch s);

    /**
     * The HOST kernels' step: the same values, the arithmetic in Java loops.
     *
     * @param s the batch's arrays, with their host memory.
     * @return −Σ over the batch.
     */
    public abstract double hostStep(Batch s);

    /**
     * The loss of rows of predicted probabilities in double (the per-epoch losses, the reference's, evaluate's
     * log-loss): the same definition and clipping as the training score, summed over the rows.
     *
     * @param p one row's probabilities.
     * @param y its labels.
     * @return the row's negative log-likelihood.
     */
    public abstract double rowLoss(double[] p, double[] y);
}
