package dev.minibatch.train.loss;

import dev.minibatch.config.Loss;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * A training loss, every form of it in one class: its value, its gradient dL/dŷ by hand (the HOST kernels) and
 * through ND4J (the ND4J kernels), DL4J's {@link ILossFunction} for training and for the saved model, and its number
 * in {@code src/main/cuda/kernels.cu} (the CUDA kernels). A new loss is one subclass here, its case in {@link #of},
 * its name in {@link Loss} and its case in kernels.cu (docs/DEVELOPING.md).
 *
 * <p>Two families: {@link SquaredLoss} (regression: the value from Σe², the gradient from e) and
 * {@link CrossEntropyLoss} (classification: DL4J's clipped score and gradient, step by step).
 */
public abstract sealed class LossFunction permits SquaredLoss, CrossEntropyLoss {
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
            case BINARY_CROSSENTROPY -> new BinaryCrossEntropyLoss();
            case CATEGORICAL_CROSSENTROPY -> new CategoricalCrossEntropyLoss();
        };
    }

    /** @return the configured name this function implements. */
    public final Loss kind() {
        return kind;
    }

    /**
     * The loss of m rows and k targets from their sum ({@link Loss#of}, the one formula).
     *
     * @param sumSquares Σe² (a cross-entropy: the rows' summed negative log-likelihood).
     * @param rows m.
     * @param targets k.
     * @return the loss.
     */
    public final double value(double sumSquares, long rows, int targets) {
        return kind.of(sumSquares, rows, targets);
    }

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
