package dev.minibatch.train.loss;

import dev.minibatch.config.Loss;
import org.nd4j.linalg.api.blas.Level1;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * Keras' and DL4J's mean squared error, (1/(m·k))·Σe²: dL/dŷ = 2e/k, DL4J's {@link LossMSE} ({@code g.muli(2)},
 * then {@code divi(k)}).
 */
public final class MseLoss extends SquaredLoss {
    MseLoss() {
        super(Loss.MSE);
    }

    @Override
    public double errorGradient(double e) {
        return 2.0 * e;                                  // exact
    }

    @Override
    public void errorGradient(Level1 blas, INDArray g, long n) {
        blas.scal(n, 2.0, g);                          // exact, as g.muli(2)
    }

    /**
     * {@inheritDoc} In double, rounded once to T by the caller: equal to the division in T (double rounding of a
     * quotient is innocuous when 53 ≥ 2·24 + 2).
     */
    @Override
    public double perTarget(double d, int targets) {
        return targets > 1 ? d / targets : d;
    }

    @Override
    public void perTarget(INDArray g, int targets) {
        if (targets > 1) {
            g.divi(targets);                           // x / 1 is x: skipped for one target
        }
    }

    @Override
    public ILossFunction dl4j(int nOut, DataType type) {
        return new LossMSE();
    }

    @Override
    public ILossFunction portable(int nOut, DataType type) {
        return new LossMSE();
    }

    @Override
    public int cudaCode() {
        return 1;
    }
}
