package dev.minibatch.train.loss;

import dev.minibatch.config.Loss;
import org.nd4j.linalg.api.blas.Level1;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossL2;

/** The tutorial's half mean squared error, (1/2m)·Σe²: dL/dŷ = e. DL4J: {@link LossHalfMse}. */
public final class HalfMseLoss extends SquaredLoss {
    HalfMseLoss() {
        super(Loss.HALF_MSE);
    }

    @Override
    public double errorGradient(double e) {
        return e;
    }

    @Override
    public void errorGradient(Level1 blas, INDArray g, long n) {
        // g = e already
    }

    @Override
    public double perTarget(double d, int targets) {
        return d;
    }

    @Override
    public void perTarget(INDArray g, int targets) {
        // each target is trained as the tutorial trains its one
    }

    @Override
    public ILossFunction dl4j(int nOut, DataType type) {
        return new LossHalfMse();
    }

    /**
     * {@inheritDoc} DL4J's {@link LossL2} with per-output weights 0.5: score (1/m)·Σ 0.5·e² and gradient 2·0.5·e = e.
     */
    @Override
    public ILossFunction portable(int nOut, DataType type) {
        return new LossL2(Nd4j.valueArrayOf(new long[] {1, nOut}, 0.5, type));
    }

    @Override
    public int cudaCode() {
        return 0;
    }
}
