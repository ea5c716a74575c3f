package dev.minibatch.train;

import dev.minibatch.config.Loss;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The losses both trainers report, computed the same way for both from their predictions. Sums are taken in
 * double precision whatever the training precision, so a FLOAT run's reported loss is not itself rounded to float.
 */
public final class Metrics {
    private Metrics() {
    }

    /**
     * Returns the loss of predictions in a convention: half-MSE (1/2m)·Σe² or MSE (1/(m·k))·Σe².
     *
     * @param loss the convention.
     * @param predictions m × k predictions.
     * @param labels m × k targets.
     * @return the loss.
     */
    public static double loss(Loss loss, INDArray predictions, INDArray labels) {
        long m = labels.rows();
        double ss = sumSquaredError(predictions, labels);
        return loss.of(ss, m, labels.columns());
    }

    /**
     * Returns the mean squared error over all entries, as scikit-learn's {@code mean_squared_error} with its
     * default uniform average over targets.
     *
     * @param predictions m × k predictions.
     * @param labels m × k targets.
     * @return (1/(m·k))·Σe².
     */
    public static double mse(INDArray predictions, INDArray labels) {
        return loss(Loss.MSE, predictions, labels);
    }

    /**
     * Σe² over all entries, in double precision.
     *
     * @param predictions m × k predictions.
     * @param labels m × k targets.
     * @return the sum of squared errors.
     */
    static double sumSquaredError(INDArray predictions, INDArray labels) {
        // sub, not subi: castTo returns the array itself when it already is DOUBLE.
        INDArray e = predictions.castTo(DataType.DOUBLE).sub(labels.castTo(DataType.DOUBLE));
        return e.muli(e).sumNumber().doubleValue();
    }
}
