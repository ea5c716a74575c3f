package dev.minibatch.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** One colour per trainer and one dash per split, in every plot. */
class ChartStylesTest {
    private static Charts.Series s(String name, boolean dashed) {
        return new Charts.Series(name, new double[] {1}, new double[] {1}, false, dashed);
    }

    @Test
    void eachSplitHasItsDashAndEachTrainerItsColour() {
        assertNull(Charts.dash(s("framework training MSE", true)), "training is solid");
        assertArrayEquals(new float[] {2.5f, 4f}, Charts.dash(s("scratch validation", false)));
        assertArrayEquals(new float[] {8f, 6f}, Charts.dash(s("trainers (equal) test", false)));
        assertArrayEquals(new float[] {8f, 6f}, Charts.dash(s("python test", false)));
        assertArrayEquals(new float[] {8f, 6f}, Charts.dash(s("scratch", true)), "a line drawn over another");
        assertNull(Charts.dash(s("framework", false)));
        assertEquals(Charts.trainerColor("framework"), Charts.trainerColor("framework test MSE"));
        assertEquals(Charts.trainerColor("scratch"), Charts.trainerColor("scratch validation"));
        assertEquals(Charts.trainerColor("framework"), Charts.trainerColor("trainers (equal) training"));
        assertNotEquals(Charts.trainerColor("python training"), Charts.trainerColor("framework training"));
        assertNull(Charts.trainerColor("framework layer 1 (input)"), "a layer's line takes its own colour");
    }
}
