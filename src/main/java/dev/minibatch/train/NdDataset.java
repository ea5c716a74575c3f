package dev.minibatch.train;

import dev.minibatch.data.Rows;
import dev.minibatch.data.InMemoryRows;
import dev.minibatch.data.NdArrays;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.factory.Nd4j;
import dev.minibatch.config.Loss;
import dev.minibatch.config.Precision;
import dev.minibatch.config.TrainingConfig;
import dev.minibatch.data.Dataset;
import dev.minibatch.train.loss.CrossEntropyLoss;
import dev.minibatch.train.loss.LossFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The data both trainers read, in the training precision: in ND4J memory ({@link #of}) or in memory-mapped files
 * ({@link MappedRows}) for data larger than the heap.
 *
 * <p>The per-epoch losses are computed over blocks of at most {@link #BLOCK} rows, whose squared errors are
 * summed in block order, whichever way the data is held: a split of up to {@link #BLOCK} rows is one block (the
 * whole array), and a larger one is copied block by block into the same buffers in both cases, so the two give the
 * same bits.
 *
 * @param xTrain the training features.
 * @param yTrain the training targets.
 * @param xTest the test features.
 * @param yTest the test targets.
 * @param xVal the validation features, or {@code null} without a validation split.
 * @param yVal the validation targets, or {@code null}.
 */
public record NdDataset(Rows xTrain, Rows yTrain, Rows xTest, Rows yTest, Rows xVal, Rows yVal) {
    /** The most rows the per-epoch losses predict at once. */
    public static final int BLOCK = 1 << 16;

    /**
     * Copies a dataset into ND4J; in FLOAT every value is rounded to the nearest float.
     *
     * @param data the dataset.
     * @param precision the training precision.
     * @return the arrays.
     */
    public static NdDataset of(Dataset data, Precision precision) {
        DataType type = NdArrays.dataType(precision);
        boolean val = data.nVal() > 0;
        return new NdDataset(rows(data.xTrain(), type), rows(data.yTrain(), type), rows(data.xTest(), type),
                rows(data.yTest(), type), val ? rows(data.xVal(), type) : null, val ? rows(data.yVal(), type) : null);
    }

    private static Rows rows(double[][] m, DataType type) {
        return new InMemoryRows(NdArrays.matrix(m, type));
    }

    /**
     * Checks that the arrays are of a precision.
     *
     * @param precision the training precision.
     * @return this.
     * @throws IllegalArgumentException if they are not.
     */
    public NdDataset requirePrecision(Precision precision) {
        DataType type = NdArrays.dataType(precision);
        if (xTrain.type() != type) {
            throw new IllegalArgumentException("dataset is " + xTrain.type() + ", training wants " + type);
        }
        return this;
    }

    /**
     * Builds an epoch's record from a trainer's model, and stops a diverged run.
     *
     * @param trainer the trainer's name, for the divergence message.
     * @param epoch the epoch just finished, from 1.
     * @param settings the training settings (loss convention, learning rate).
     * @param model predicts rows with the parameters after the epoch.
     * @param batchLossMean the batch-size-weighted mean of the epoch's batch losses.
     * @param parameters the parameters after the epoch.
     * @param stepSeconds the cumulative seconds spent in update steps.
     * @param steps the update steps made so far (for the learning rate a schedule had reached).
     * @return the record.
     * @throws DivergenceException if a parameter or a loss is NaN or infinite ({@link Divergence}).
     */
    public EpochRecord epochRecord(String trainer, int epoch, TrainingConfig settings,
                                   UnaryOperator<INDArray> model, double batchLossMean,
                                   Parameters parameters, double stepSeconds, long steps) {
        int k = yTrain.columns();
        if (settings.loss().isClassification()) {
            CrossEntropyLoss ce = (CrossEntropyLoss) LossFunction.of(settings.loss());
            Metrics.Tally train = tally(xTrain, yTrain, model, ce);
            Metrics.Tally test = tally(xTest, yTest, model, ce);
            Metrics.Tally val = xVal == null ? null : tally(xVal, yVal, model, ce);
            double valLoss = val == null ? Double.NaN : val.loss();
            Divergence.check(trainer, epoch, steps, settings, train.loss(), batchLossMean, test.loss(),
                    val == null ? null : valLoss, parameters);
            return new EpochRecord(epoch, train.loss(), batchLossMean, test.mse(k), parameters, stepSeconds, valLoss,
                    new EpochRecord.Classifier(test.loss(), train.accuracy(),
                            val == null ? Double.NaN : val.accuracy(), test.accuracy()));
        }
        double trainLoss = settings.loss().of(sumSquaredError(xTrain, yTrain, model), xTrain.rows(), k);
        double testMse = Loss.MSE.of(sumSquaredError(xTest, yTest, model), xTest.rows(), k);
        double valLoss = xVal == null ? Double.NaN
                : settings.loss().of(sumSquaredError(xVal, yVal, model), xVal.rows(), k);
        Divergence.check(trainer, epoch, steps, settings, trainLoss, batchLossMean, testMse,
                xVal == null ? null : valLoss, parameters);
        return new EpochRecord(epoch, trainLoss, batchLossMean, testMse, parameters, stepSeconds, valLoss);
    }

    /** A classifier's tally of a split, block by block in row order. */
    static Metrics.Tally tally(Rows x, Rows y, UnaryOperator<INDArray> model, CrossEntropyLoss loss) {
        Metrics.Tally t = new Metrics.Tally(loss);
        forEachBlock(x, y, model, t::add);
        return t;
    }

    /** Σe² of a model's predictions, block by block in row order. */
    static double sumSquaredError(Rows x, Rows y, UnaryOperator<INDArray> model) {
        double[] total = {0.0};
        forEachBlock(x, y, model, (p, labels) -> total[0] += Metrics.sumSquaredError(p, labels));
        return total[0];
    }

    /** A model's predictions of a split with their labels, in blocks of at most {@link #BLOCK} rows, in row order. */
    private static void forEachBlock(Rows x, Rows y, UnaryOperator<INDArray> model,
                                     java.util.function.BiConsumer<INDArray, INDArray> block) {
        if (x.array() != null && x.rows() <= BLOCK) {
            block.accept(model.apply(x.array()), y.array());
            return;
        }
        INDArray xb = null;
        INDArray yb = null;
        for (int from = 0; from < x.rows(); from += BLOCK) {
            int len = Math.min(BLOCK, x.rows() - from);
            if (xb == null || xb.rows() != len) {
                xb = Nd4j.create(x.type(), len, x.columns());
                yb = Nd4j.create(y.type(), len, y.columns());
            }
            x.copy(from, len, xb);
            y.copy(from, len, yb);
            block.accept(model.apply(xb), yb);
        }
    }
}
