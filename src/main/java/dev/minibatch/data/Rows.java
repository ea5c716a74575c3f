package dev.minibatch.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A matrix in the training precision that trainers read by rows: batches gathered by the batch plan, and blocks
 * of consecutive rows for the per-epoch losses. It is held in ND4J memory ({@link InMemoryRows}) or in a
 * memory-mapped file ({@link MappedRows}) for data larger than the heap; both give the same bits.
 */
public interface Rows {
    /** @return the number of rows. */
    int rows();

    /** @return the number of columns. */
    int columns();

    /** @return FLOAT or DOUBLE. */
    DataType type();

    /**
     * Copies rows in a given order into the first rows of a buffer.
     *
     * @param order row indices.
     * @param start the first position in {@code order} to copy.
     * @param len how many rows.
     * @param dst a C-order matrix of this type and width, at least {@code len} rows.
     */
    void gather(int[] order, int start, int len, INDArray dst);

    /**
     * Copies consecutive rows into the first rows of a buffer.
     *
     * @param from the first row.
     * @param len how many rows.
     * @param dst a C-order matrix of this type and width, at least {@code len} rows.
     */
    void copy(int from, int len, INDArray dst);

    /** @return the whole matrix as one ND4J array when it is held in ND4J memory, else {@code null}. */
    INDArray array();
}
