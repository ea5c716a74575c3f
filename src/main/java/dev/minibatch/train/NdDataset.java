package dev.minibatch.train;

import dev.minibatch.config.Precision;
import dev.minibatch.config.TrainingConfig;
import dev.minibatch.data.Dataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@link Dataset} copied into ND4J arrays of the training precision, as both trainers read it.
 *
 * @param xTrain the training features.
 * @param yTrain the training targets.
 * @param xTest the test features.
 * @param yTest the test targets.
 * @param xVal the validation features, or {@code null} without a validation split.
 * @param yVal the validation targets, or {@code null}.
 */
public record NdDataset(INDArray xTrain, INDArray yTrain, INDArray xTest, INDArray yTest, INDArray xVal,
                        INDArray yVal) {

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
        return new NdDataset(NdArrays.matrix(data.xTrain(), type), NdArrays.matrix(data.yTrain(), type),
                NdArrays.matrix(data.xTest(), type), NdArrays.matrix(data.yTest(), type),
                val ? NdArrays.matrix(data.xVal(), type) : null, val ? NdArrays.matrix(data.yVal(), type) : null);
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
        if (xTrain.dataType() != type) {
            throw new IllegalArgumentException("dataset is " + xTrain.dataType() + ", training wants " + type);
        }
        return this;
    }

    /**
     * Builds an epoch's record from a trainer's predictions, and stops a diverged run.
     *
     * @param trainer the trainer's name, for the divergence message.
     * @param epoch the epoch just finished, from 1.
     * @param settings the training settings (loss convention, learning rate).
     * @param trainPredictions the predictions on the training split after the epoch.
     * @param testPredictions the predictions on the test split after the epoch.
     * @param valPredictions the predictions on the validation split, or {@code null} without one.
     * @param batchLossMean the batch-size-weighted mean of the epoch's batch losses.
     * @param parameters the parameters after the epoch.
     * @param stepSeconds the cumulative seconds spent in update steps.
     * @return the record.
     * @throws DivergenceException if a parameter or a loss is NaN or infinite ({@link Divergence}).
     */
    public EpochRecord epochRecord(String trainer, int epoch, TrainingConfig settings,
                                   INDArray trainPredictions, INDArray testPredictions, INDArray valPredictions,
                                   double batchLossMean,
                                   Parameters parameters, double stepSeconds) {
        double trainLoss = Metrics.loss(settings.loss(), trainPredictions, yTrain);
        double testMse = Metrics.mse(testPredictions, yTest);
        double valLoss = valPredictions == null ? Double.NaN : Metrics.loss(settings.loss(), valPredictions, yVal);
        Divergence.check(trainer, epoch, settings, trainLoss, batchLossMean, testMse,
                valPredictions == null ? null : valLoss, parameters);
        return new EpochRecord(epoch, trainLoss, batchLossMean, testMse, parameters, stepSeconds, valLoss);
    }
}
