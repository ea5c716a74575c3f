package dev.minibatch.train.loss;

import dev.minibatch.config.Loss;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * DL4J's {@link LossMCXENT} with a softmax output (one-hot labels over k classes). Its score: p = softmax(z) by
 * libnd4j's op, values below ε set to ε and above 1 − ε to 1 − ε (ε = 1e-10, by {@code BooleanIndexing}), then
 * −Σ ln p · y. Its gradient is the fused one, δ = p − y with the unclipped p.
 */
public final class CategoricalCrossEntropyLoss extends CrossEntropyLoss {
    /** DL4J's default softmax clipping ε. */
    public static final double EPS = 1e-10;

    private static final ActivationSoftmax SOFTMAX = new ActivationSoftmax();

    CategoricalCrossEntropyLoss() {
        super(Loss.CATEGORICAL_CROSSENTROPY);
    }

    /** The score's clipping, as LossMCXENT does it. */
    private static void clip(INDArray p) {
        BooleanIndexing.replaceWhere(p, EPS, Conditions.lessThan(EPS));
        BooleanIndexing.replaceWhere(p, 1.0 - EPS, Conditions.greaterThan(1.0 - EPS));
    }

    @Override
    public double nd4jStep(Batch s) {
        SOFTMAX.getActivation(s.p.assign(s.z), true);
        s.delta.assign(s.p).subi(s.y);                                      // the fused gradient, p − y
        clip(s.p);
        return -Transforms.log(s.p, false).muli(s.y).sumNumber().doubleValue();
    }

    @Override
    public double hostStep(Batch s) {
        int n = (int) s.z.length();
        SOFTMAX.getActivation(s.p.assign(s.z), true);                       // libnd4j's softmax
        HostValues p = s.hp;
        for (int i = 0; i < n; i++) {
            s.hd.set(i, p.get(i) - s.hy.get(i));
        }
        clip(s.p);                                                           // libnd4j's compare-and-set
        Transforms.log(s.p, false);                                          // libnd4j's ln
        for (int i = 0; i < n; i++) {
            p.set(i, p.get(i) * s.hy.get(i));
        }
        return -s.p.sumNumber().doubleValue();
    }

    @Override
    public double rowLoss(double[] p, double[] y) {
        double s = 0;
        for (int j = 0; j < p.length; j++) {
            if (y[j] != 0) {
                s += y[j] * Math.log(Math.min(Math.max(p[j], EPS), 1 - EPS));
            }
        }
        return -s;
    }

    @Override
    public ILossFunction dl4j(int nOut, DataType type) {
        return new LossMCXENT();
    }

    @Override
    public ILossFunction portable(int nOut, DataType type) {
        return new LossMCXENT();
    }

    @Override
    public int cudaCode() {
        return 3;
    }
}
