package dev.minibatch.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TrainTestSplitTest {

    @Test
    void testCountRoundsUpAsScikitLearnDoes() {
        assertEquals(200, TrainTestSplit.testCount(1000, 0.2));
        assertEquals(3, TrainTestSplit.testCount(10, 0.21));
        assertEquals(1, TrainTestSplit.testCount(2, 0.1));
    }

    @Test
    void everyRowLandsOnExactlyOneSide() {
        SplitIndices s = TrainTestSplit.split(97, 0.3, 5);
        boolean[] seen = new boolean[97];
        for (int i : s.train()) {
            seen[i] = true;
        }
        for (int i : s.test()) {
            assertEquals(false, seen[i], "row " + i + " on both sides");
            seen[i] = true;
        }
        for (boolean b : seen) {
            assertEquals(true, b);
        }
    }

    @Test
    void aSplitThatLeavesOneSideEmptyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> TrainTestSplit.split(1, 0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> TrainTestSplit.split(10, 1.0, 0));
        assertThrows(IllegalArgumentException.class, () -> TrainTestSplit.split(10, 0.0, 0));
    }
}
