package dev.minibatch.train.loss;

import dev.minibatch.config.Loss;
import org.nd4j.linalg.api.blas.Level1;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A squared-error loss (regression): its value is a function of Σe² and its gradient of each error e = ŷ − y, given
 * per row as DL4J's loss returns it, before the updater divides by the batch size.
 */
public abstract sealed class SquaredLoss extends LossFunction permits HalfMseLoss, MseLoss {
    SquaredLoss(Loss kind) {
        super(kind);
    }

    /**
     * dL/dŷ of one identity output from its error, as the HOST kernels compute it: {@link #errorGradient} then
     * {@link #perTarget}, for the caller to round once to the data type (2e is exact, so one rounding of the
     * quotient gives the ND4J form's bits).
     *
     * @param e the output's error ŷ − y, in the data type.
     * @param targets k.
     * @return the gradient, before rounding.
     */
    public final double gradient(double e, int targets) {
        return perTarget(errorGradient(e), targets);
    }

    /**
     * Turns errors into dL/dŷ of an identity output in place with ND4J (the ND4J kernels), in DL4J's order.
     *
     * @param blas ND4J's BLAS level 1.
     * @param g the errors, rows × targets; overwritten.
     * @param n the number of values in g.
     * @param targets k.
     */
    public final void gradient(Level1 blas, INDArray g, long n, int targets) {
        errorGradient(blas, g, n);
        perTarget(g, targets);
    }

    /**
     * The loss's derivative by the activated output, before the output activation's backward step: e for half-MSE,
     * 2e for MSE (DL4J's {@code LossL2} multiplies by 2; exact).
     *
     * @param e the error.
     * @return the derivative, exact.
     */
    public abstract double errorGradient(double e);

    /**
     * {@link #errorGradient(double)} in place with ND4J.
     *
     * @param blas ND4J's BLAS level 1.
     * @param g the errors; overwritten.
     * @param n the number of values in g.
     */
    public abstract void errorGradient(Level1 blas, INDArray g, long n);

    /**
     * The last step of the gradient, after the output activation's backward step: MSE's division by the number of
     * targets (DL4J's {@code LossMSE} divides the gradient by k; x/1 is x, so it is skipped for one target).
     *
     * @param d the gradient so far.
     * @param targets k.
     * @return the gradient, before rounding.
     */
    public abstract double perTarget(double d, int targets);

    /**
     * {@link #perTarget(double, int)} in place with ND4J.
     *
     * @param g the gradient so far; overwritten.
     * @param targets k.
     */
    public abstract void perTarget(INDArray g, int targets);

}
