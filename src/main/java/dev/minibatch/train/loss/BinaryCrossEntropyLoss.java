package dev.minibatch.train.loss;

import dev.minibatch.config.Loss;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SigmoidDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.same.TimesOneMinus;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * DL4J's {@link LossBinaryXENT} with sigmoid outputs (one or several independent 0/1 labels). Its score: p = σ(z)
 * clipped to [ε, 1 − ε] (ε = 1e-5, libnd4j's {@code clipbyvalue}), then −Σ[ln p · y + ln(1 − p) · (1 − y)]. Its
 * gradient is not fused: dL/dp = (p − y) / (p·(1 − p)) with the clipped p, then back through the sigmoid,
 * f'(z) = σ(z)·(1 − σ(z)) by libnd4j's {@code SigmoidDerivative} — so where p is clipped the gradient is not exactly
 * σ(z) − y, as DL4J computes it.
 */
public final class BinaryCrossEntropyLoss extends CrossEntropyLoss {
    /** DL4J's default clipping ε. */
    public static final double EPS = LossBinaryXENT.DEFAULT_CLIPPING_EPSILON;

    private static final ActivationSigmoid SIGMOID = new ActivationSigmoid();

    BinaryCrossEntropyLoss() {
        super(Loss.BINARY_CROSSENTROPY);
    }

    private static void clip(INDArray p) {
        CustomOp op = DynamicCustomOp.builder("clipbyvalue").addInputs(p).callInplace(true)
                .addFloatingPointArguments(EPS, 1.0 - EPS).build();
        Nd4j.getExecutioner().execAndReturn(op);
    }

    /**
     * {@inheritDoc} DL4J's operations on the batch's arrays: p = σ(z) on a copy, clipped; the score's ln p · y and
     * ln(1 − p) · (1 − y) summed; dL/dp = (p − y) / (p·(1 − p)) by {@code TimesOneMinus} and a division; then
     * {@code SigmoidDerivative}. Each value comes from the operation DL4J computes it with (an in-place operation on
     * a copy gives the copy's bits).
     */
    @Override
    public double nd4jStep(Batch s) {
        SIGMOID.getActivation(s.p.assign(s.z), true);
        clip(s.p);
        INDArray score = Transforms.log(s.a.assign(s.p), false).muli(s.y);   // ln p · y
        INDArray second = Transforms.log(s.b.assign(s.p).rsubi(1), false);   // ln(1 − p)
        second.muli(s.y.rsub(1));                                              // · (1 − y)
        score.addi(second);
        double total = -score.sumNumber().doubleValue();
        INDArray dLdp = s.a.assign(s.p).subi(s.y).divi(Nd4j.getExecutioner().exec(new TimesOneMinus(s.b.assign(s.p))));
        Nd4j.exec(new SigmoidDerivative(s.z, dLdp, s.delta));
        return total;
    }

    @Override
    public double hostStep(Batch s) {
        int n = (int) s.z.length();
        SIGMOID.getActivation(s.p.assign(s.z), true);                       // libnd4j's sigmoid
        HostValues p = s.hp;
        HostValues lp = s.ha;
        HostValues lq = s.hb;
        double lo = p.round(EPS);
        double hi = p.round(1.0 - EPS);
        for (int i = 0; i < n; i++) {
            double v = p.get(i);
            v = v > hi ? hi : v < lo ? lo : v;                              // clipbyvalue
            p.set(i, v);
            lp.set(i, v);
            lq.set(i, 1 - v);                                               // exact when rounded once
        }
        Transforms.log(s.a, false);                                         // libnd4j's ln
        Transforms.log(s.b, false);
        for (int i = 0; i < n; i++) {
            double yi = s.hy.get(i);
            lp.set(i, lp.round(lp.get(i) * yi) + lp.round(lq.get(i) * lq.round(1 - yi)));   // one rounding each
        }
        double total = -s.a.sumNumber().doubleValue();
        HostValues g = s.ha;
        for (int i = 0; i < n; i++) {
            double pi = p.get(i);
            double yi = s.hy.get(i);
            g.set(i, g.round(pi - yi) / g.round(pi * g.round(1 - pi)));     // (p − y) / (p·(1 − p))
        }
        Nd4j.exec(new SigmoidDerivative(s.z, s.a, s.delta));                // libnd4j's σ'(z) ⊙ dL/dp
        return total;
    }

    @Override
    public double rowLoss(double[] p, double[] y) {
        double s = 0;
        for (int j = 0; j < p.length; j++) {
            double v = Math.min(Math.max(p[j], EPS), 1 - EPS);
            s += y[j] * Math.log(v) + (1 - y[j]) * Math.log(1 - v);
        }
        return -s;
    }

    @Override
    public ILossFunction dl4j(int nOut, DataType type) {
        return new LossBinaryXENT();
    }

    @Override
    public ILossFunction portable(int nOut, DataType type) {
        return new LossBinaryXENT();
    }

    @Override
    public int cudaCode() {
        return 2;
    }
}
