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

    @Test
    void aCurveNearTheTopOfTheDoubleRangeStillRenders() {
        // A run at lr 5 on the tutorial's shape: the loss climbs to 1.27e300 without overflowing. XChart pads the
        // log axis past 1e308; labels there were all "∞", and its search for distinct labels never ended.
        double[] x = new double[50];
        double[] y = new double[50];
        for (int i = 0; i < 50; i++) {
            x[i] = i + 1;
            y[i] = 1.8e8 * Math.pow(10, 5.84 * i);
        }
        byte[] png = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                () -> Charts.png("loss", "epoch", "loss", true, List.of(Charts.Series.line("l", x, y))));
        assertEquals((byte) 0x89, png[0]);
        assertEquals("1e+310", dev.minibatch.format.Numbers.pow10(310, 3));
        assertEquals("3.16e+310", dev.minibatch.format.Numbers.pow10(310.5, 3));
    }

    @Test
    void aFlatCurveStillRenders() {
        // a converged loss, flat to the last bits: labels with the digits the span needs must still be distinct
        double[] x = {1, 2, 3};
        double[] y = {191.15812, 191.15812 + 1e-13, 191.15812};
        byte[] png = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                () -> Charts.png("flat", "epoch", "loss", true, List.of(Charts.Series.line("l", x, y))));
        assertEquals((byte) 0x89, png[0]);
    }
}
