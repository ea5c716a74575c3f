package dev.minibatch.train.loss;

import dev.minibatch.config.Loss;
import org.nd4j.linalg.api.blas.Level1;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * A training loss, every form of it in one class: its value, its gradient dL/dŷ by hand (the HOST kernels) and
 * through ND4J (the ND4J kernels), DL4J's {@link ILossFunction} for training and for the saved model, and its number
 * in {@code src/main/cuda/kernels.cu} (the CUDA kernels). A new loss is one subclass here, its case in {@link #of},
 * its name in {@link Loss} and its case in kernels.cu (docs/DEVELOPING.md).
 *
 * <p>The gradient is given per row of errors e = ŷ − y as DL4J's loss returns it, before the updater divides by the
 * batch size.
 */
public abstract sealed class LossFunction permits HalfMseLoss, MseLoss {
    private final Loss kind;

    LossFunction(Loss kind) {
        this.kind = kind;
    }

    /**
     * The loss for a configured one: the one place that maps a config name to its class.
     *
     * @param loss the configured loss.
     * @return its function.
     */
    public static LossFunction of(Loss loss) {
        return switch (loss) {
            case HALF_MSE -> new HalfMseLoss();
            case MSE -> new MseLoss();
        };
    }

    /** @return the configured name this function implements. */
    public final Loss kind() {
        return kind;
    }

    /**
     * The loss of m rows and k targets from their sum of squared errors ({@link Loss#of}, the one formula).
     *
     * @param sumSquares Σe².
     * @param rows m.
     * @param targets k.
     * @return the loss.
     */
    public final double value(double sumSquares, long rows, int targets) {
        return kind.of(sumSquares, rows, targets);
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

    /**
     * The DL4J loss the framework trainer trains with.
     *
     * @param nOut the number of outputs.
     * @param type the network's data type.
     * @return the loss function.
     */
    public abstract ILossFunction dl4j(int nOut, DataType type);

    /**
     * The DL4J loss a saved model carries: one of DL4J's own, so that plain DL4J loads the file with nothing of
     * minibatch on the classpath; the same score and gradient as {@link #dl4j}.
     *
     * @param nOut the number of outputs.
     * @param type the network's data type.
     * @return the loss function.
     */
    public abstract ILossFunction portable(int nOut, DataType type);

    /** @return the loss's number in kernels.cu's {@code enum Loss}; a test pins each one to that file. */
    public abstract int cudaCode();
}
