package dev.minibatch.report;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class ChartsTest {
    @Test
    void aLogAxisWithinOneDecadeIsLabelledWithItsValues() {
        // the tutorial's loss: 275 down to 191, drawn over log10 of the values
        double[][] xy = {{1, 2, 3}, {Math.log10(274.5), Math.log10(200), Math.log10(191.158)}};
        Function<Double, String> labels = Charts.axisLabels(List.<double[][]>of(xy), 1, true);
        assertEquals("200", labels.apply(Math.log10(200)));
        assertEquals("251", labels.apply(2.4));
        assertNotEquals(labels.apply(2.28), labels.apply(2.30), "neighbouring ticks read differently");
    }

    @Test
    void manyDecadesAndTinyValuesGetShortExponents() {
        double[][] xy = {{1, 2}, {-16, -12}};
        Function<Double, String> labels = Charts.axisLabels(List.<double[][]>of(xy), 1, true);
        assertEquals("1e-16", labels.apply(-16.0));
        assertEquals("1e-12", labels.apply(-12.0));
    }

    @Test
    void aLinearAxisGetsPlainNumbers() {
        double[][] xy = {{0, 5000}, {0, 1}};
        Function<Double, String> labels = Charts.axisLabels(List.<double[][]>of(xy), 0, false);
        assertArrayEquals(new String[] {"0", "500", "2500", "5000"},
                new String[] {labels.apply(0.0), labels.apply(500.0), labels.apply(2500.0), labels.apply(5000.0)});
    }
}
