package dev.minibatch.random;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minibatch.Reference;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The port of glibc's log must equal the C library's result bit for bit (values from numpy_fixtures.py). */
class GlibcLogTest {

    @Test
    void equalsTheCLibrarysLogBitForBit() {
        JsonNode log = Reference.load("numpy_fixtures.json").get("log");
        double[] x = Reference.doubles(log.get("x"));
        double[] expected = Reference.doubles(log.get("log"));
        int mismatches = 0;
        String first = null;
        for (int i = 0; i < x.length; i++) {
            double got = GlibcLog.log(x[i]);
            if (Double.doubleToRawLongBits(got) != Double.doubleToRawLongBits(expected[i])) {
                mismatches++;
                if (first == null) {
                    first = "log(" + x[i] + ") = " + got + ", C library: " + expected[i];
                }
            }
        }
        assertEquals(0, mismatches, first);
        assertTrue(x.length > 26_000);
    }

    @Test
    void specialValuesFollowC() {
        assertEquals(Double.NEGATIVE_INFINITY, GlibcLog.log(0.0));
        assertEquals(Double.NEGATIVE_INFINITY, GlibcLog.log(-0.0));
        assertTrue(Double.isNaN(GlibcLog.log(-1.0)));
        assertTrue(Double.isNaN(GlibcLog.log(Double.NaN)));
        assertEquals(Double.POSITIVE_INFINITY, GlibcLog.log(Double.POSITIVE_INFINITY));
        assertEquals(0.0, GlibcLog.log(1.0));
    }
}
