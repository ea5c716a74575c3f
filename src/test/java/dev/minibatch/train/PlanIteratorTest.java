package dev.minibatch.train;

import dev.minibatch.data.InMemoryRows;
import dev.minibatch.batch.BatchPlan;
import dev.minibatch.random.NumpyRandomState;
import dev.minibatch.train.framework.PlanIterator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanIteratorTest {
    private static final int ROWS = 70;

    /** Row i of the features holds i, so a batch tells which rows it was gathered from. */
    private static PlanIterator iterator(BatchPlan plan) {
        INDArray x = Nd4j.arange(ROWS).castTo(DataType.DOUBLE).reshape(ROWS, 1);
        return new PlanIterator(new dev.minibatch.data.InMemoryRows(x), new dev.minibatch.data.InMemoryRows(x.mul(2)), plan);
    }

    private static int[] servedRows(PlanIterator it) {
        int[] rows = new int[ROWS];
        int n = 0;
        while (it.hasNext()) {
            DataSet ds = it.next();
            assertEquals(it.lastBatchLength(), ds.numExamples());
            for (double v : ds.getFeatures().toDoubleVector()) {
                rows[n++] = (int) v;
            }
            assertArrayEquals(ds.getFeatures().mul(2).toDoubleVector(), ds.getLabels().toDoubleVector(), 0.0);
        }
        assertEquals(ROWS, n);
        return rows;
    }

    @Test
    void servesTheEpochsRowOrderInBatchesWithAPartialLastOne() {
        PlanIterator it = iterator(BatchPlan.seeded(ROWS, 32, 3));
        int[] order = it.order();
        int batches = 0;
        int[] served = new int[ROWS];
        int n = 0;
        while (it.hasNext()) {
            DataSet ds = it.next();
            batches++;
            for (double v : ds.getFeatures().toDoubleVector()) {
                served[n++] = (int) v;
            }
        }
        assertEquals(3, batches);
        assertEquals(6, it.lastBatchLength());
        assertArrayEquals(order, served);
    }

    @Test
    void reshufflesOnEveryReset() {
        PlanIterator it = iterator(BatchPlan.numpy(ROWS, 8, new NumpyRandomState(42)));
        int[] first = servedRows(it);
        it.reset();
        int[] second = servedRows(it);
        it.reset();
        int[] third = servedRows(it);
        assertFalse(Arrays.equals(first, second));
        assertFalse(Arrays.equals(second, third));
        assertEquals(3, it.epoch());
        int[] sorted = third.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < ROWS; i++) {
            assertEquals(i, sorted[i]);
        }
    }

    @Test
    void theSameSeedGivesTheSameOrders() {
        BatchPlan plan = BatchPlan.seeded(ROWS, 8, 17);
        PlanIterator a = iterator(plan);
        PlanIterator b = iterator(BatchPlan.seeded(ROWS, 8, 17));
        for (int e = 0; e < 3; e++) {
            assertArrayEquals(servedRows(a), servedRows(b));
            a.reset();
            b.reset();
        }
    }

    @Test
    void refusesAsyncPrefetchSoBatchesArriveInPlanOrder() {
        PlanIterator it = iterator(BatchPlan.sequential(ROWS, 10));
        assertFalse(it.asyncSupported());
        assertTrue(it.resetSupported());
        assertEquals(1, it.inputColumns());
        assertEquals(1, it.totalOutcomes());
    }
}
