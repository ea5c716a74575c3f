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
public final class MseLoss extends LossFunction {
    MseLoss() {
        super(Loss.MSE);
    }

    /**
     * {@inheritDoc} 2e is exact; e/k in double rounded once to T equals the division in T (double rounding of a
     * quotient is innocuous when 53 ≥ 2·24 + 2).
     */
    @Override
    public double gradient(double e, int targets) {
        double twice = 2.0 * e;
        return targets > 1 ? twice / targets : twice;
    }

    @Override
    public void gradient(Level1 blas, INDArray g, long n, int targets) {
        blas.scal(n, 2.0, g);                          // exact, as g.muli(2)
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
