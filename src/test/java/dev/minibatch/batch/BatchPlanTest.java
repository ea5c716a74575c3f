package dev.minibatch.batch;

import dev.minibatch.random.NumpyRandomState;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchPlanTest {

    @Test
    void theLastBatchIsPartialWhenRowsAreNotAMultiple() {
        BatchPlan plan = BatchPlan.sequential(800, 32);
        assertEquals(25, plan.batchesPerEpoch());
        BatchPlan odd = BatchPlan.sequential(442, 32);
        assertEquals(14, odd.batchesPerEpoch());
        assertEquals(32, odd.batchLength(12));
        assertEquals(442 - 13 * 32, odd.batchLength(13));
        assertEquals(13 * 32, odd.batchStart(13));
    }

    @Test
    void numpyPlanDrawsOnePermutationPerEpochFromTheGivenState() {
        NumpyRandomState state = new NumpyRandomState(42);
        state.nextGaussian();
        BatchPlan plan = BatchPlan.numpy(100, 10, state);
        NumpyRandomState expected = state.copy();
        BatchPlan.Epochs epochs = plan.epochs();
        for (int e = 0; e < 5; e++) {
            assertArrayEquals(expected.permutation(100), epochs.next());
        }
    }

    @Test
    void everyCursorReplaysTheSameEpochs() {
        for (BatchPlan plan : new BatchPlan[] {BatchPlan.numpy(50, 7, new NumpyRandomState(1)),
            BatchPlan.seeded(50, 7, 99)}) {
            BatchPlan.Epochs a = plan.epochs();
            BatchPlan.Epochs b = plan.epochs();
            for (int e = 0; e < 4; e++) {
                assertArrayEquals(a.next(), b.next(), plan + " epoch " + e);
            }
        }
    }

    @Test
    void differentEpochsHaveDifferentOrders() {
        BatchPlan.Epochs epochs = BatchPlan.seeded(200, 10, 5).epochs();
        int[] first = epochs.next();
        int[] second = epochs.next();
        assertFalse(Arrays.equals(first, second));
        int[] sorted = second.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertEquals(i, sorted[i]);
        }
    }

    @Test
    void differentSeedsGiveDifferentOrders() {
        assertFalse(Arrays.equals(BatchPlan.seeded(200, 10, 5).epochs().next(),
                BatchPlan.seeded(200, 10, 6).epochs().next()));
    }

    @Test
    void sequentialPlanKeepsTheStoredOrder() {
        BatchPlan.Epochs epochs = BatchPlan.sequential(5, 2).epochs();
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, epochs.next());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, epochs.next());
    }

    @Test
    void seededShuffleReachesEveryPermutationEvenly() {
        // Fisher–Yates with nextInt(i) instead of nextInt(i + 1) would never leave an item in place.
        Map<String, Integer> counts = new HashMap<>();
        BatchPlan.Epochs epochs = BatchPlan.seeded(3, 1, 11).epochs();
        int draws = 60_000;
        for (int i = 0; i < draws; i++) {
            counts.merge(Arrays.toString(epochs.next()), 1, Integer::sum);
        }
        assertEquals(6, counts.size());
        for (int c : counts.values()) {
            assertTrue(Math.abs(c - draws / 6.0) < 500, "count " + c + " of " + counts);
        }
    }

    @Test
    void batchSizesOutsideOneToRowsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> BatchPlan.sequential(10, 0));
        assertThrows(IllegalArgumentException.class, () -> BatchPlan.sequential(10, 11));
    }
}
