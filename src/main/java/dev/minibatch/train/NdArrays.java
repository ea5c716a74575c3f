package dev.minibatch.train;

import dev.minibatch.config.Precision;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Conversions between plain Java arrays and ND4J arrays of the configured precision. */
public final class NdArrays {
    private NdArrays() {
    }

    /**
     * Returns the ND4J data type of a precision.
     *
     * @param precision the configured precision.
     * @return DOUBLE or FLOAT.
     */
    public static DataType dataType(Precision precision) {
        return precision == Precision.DOUBLE ? DataType.DOUBLE : DataType.FLOAT;
    }

    /**
     * Creates a C-ordered matrix; in FLOAT each double is rounded to the nearest float.
     *
     * @param rows the matrix rows.
     * @param type the data type.
     * @return a new array.
     */
    public static INDArray matrix(double[][] rows, DataType type) {
        return Nd4j.createFromArray(rows).castTo(type);
    }

    /**
     * Creates a 1 × n row vector.
     *
     * @param values the entries.
     * @param type the data type.
     * @return a new array.
     */
    public static INDArray row(double[] values, DataType type) {
        return Nd4j.createFromArray(new double[][] {values}).castTo(type);
    }

    /**
     * Copies W and b out of ND4J.
     *
     * @param weights the n_features × n_targets weights.
     * @param bias the 1 × n_targets bias.
     * @return the parameters as doubles (exact: every float is a double).
     */
    public static Parameters parameters(INDArray weights, INDArray bias) {
        return new Parameters(weights.castTo(DataType.DOUBLE).toDoubleMatrix(),
                bias.castTo(DataType.DOUBLE).reshape(-1).toDoubleVector());
    }
}
