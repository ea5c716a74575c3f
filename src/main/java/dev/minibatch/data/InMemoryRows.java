package dev.minibatch.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Rows held in one C-order ND4J matrix.
 *
 * @param array the matrix.
 */
public record InMemoryRows(INDArray array) implements Rows {
    @Override
    public int rows() {
        return array.rows();
    }

    @Override
    public int columns() {
        return array.columns();
    }

    @Override
    public DataType type() {
        return array.dataType();
    }

    @Override
    public void gather(int[] order, int start, int len, INDArray dst) {
        NdArrays.gatherRows(array, dst, order, start, len);
    }

    @Override
    public void copy(int from, int len, INDArray dst) {
        NdArrays.copyRows(array, from, len, dst);
    }
}
