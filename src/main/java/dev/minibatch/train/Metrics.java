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

    /**
     * A classifier's sums over blocks of predictions: the rows' losses, the squared errors, the outputs predicted
     * right. Right means, for a softmax over k ≥ 2 one-hot columns, the largest probability's column (the first of
     * equal ones, as NumPy's {@code argmax}) is the label's; for sigmoid outputs, each output's p > 0.5 equals its 0/1
     * label — Keras' {@code binary_accuracy}, which for several labels is the mean over them.
     */
    public static final class Tally {
        private final dev.minibatch.train.loss.CrossEntropyLoss loss;
        private final boolean softmax;
        private double lossSum;
        private double sse;
        private long right;
        private long outputs;
        private long rows;

        /**
         * Starts empty.
         *
         * @param loss the cross-entropy the classifier trains with.
         */
        public Tally(dev.minibatch.train.loss.CrossEntropyLoss loss) {
            this.loss = loss;
            this.softmax = loss.kind() == Loss.CATEGORICAL_CROSSENTROPY;
        }

        /**
         * Adds a block.
         *
         * @param predictions m × k probabilities.
         * @param labels m × k 0/1 labels.
         */
        public void add(INDArray predictions, INDArray labels) {
            int m = (int) predictions.rows();
            int k = (int) predictions.columns();
            double[] pf = predictions.castTo(DataType.DOUBLE).dup('c').data().asDouble();   // one copy, not m rows
            double[] yf = labels.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            double[] p = new double[k];
            double[] y = new double[k];
            for (int i = 0; i < m; i++) {
                System.arraycopy(pf, i * k, p, 0, k);
                System.arraycopy(yf, i * k, y, 0, k);
                add(p, y);
            }
        }

        /**
         * Adds one row.
         *
         * @param p its probabilities.
         * @param y its 0/1 labels.
         */
        public void add(double[] p, double[] y) {
            int k = p.length;
            lossSum += loss.rowLoss(p, y);
            for (int j = 0; j < k; j++) {
                double e = p[j] - y[j];
                sse += e * e;
            }
            if (softmax) {
                right += argmax(p) == argmax(y) ? 1 : 0;
                outputs++;
            } else {
                for (int j = 0; j < k; j++) {
                    right += (p[j] > 0.5) == (y[j] > 0.5) ? 1 : 0;
                    outputs++;
                }
            }
            rows++;
        }

        /** @return the mean loss per row. */
        public double loss() {
            return lossSum / rows;
        }

        /** @return the fraction predicted right. */
        public double accuracy() {
            return (double) right / outputs;
        }

        /**
         * The mean squared error of the probabilities.
         *
         * @param targets k.
         * @return (1/(m·k))·Σ(p − y)².
         */
        public double mse(int targets) {
            return Loss.MSE.of(sse, rows, targets);
        }
    }

    /**
     * The index of a row's largest value, the first of equal ones (NumPy's {@code argmax}).
     *
     * @param row the values.
     * @return the index.
     */
    public static int argmax(double[] row) {
        int best = 0;
        for (int j = 1; j < row.length; j++) {
            if (row[j] > row[best]) {
                best = j;
            }
        }
        return best;
    }
}
