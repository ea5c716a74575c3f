package dev.minibatch.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Line and scatter charts rendered to PNG with XChart. */
public final class Charts {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 460;

    private Charts() {
    }

    /**
     * One series of a chart.
     *
     * @param name the legend entry.
     * @param x the x values.
     * @param y the y values.
     * @param scatter whether to draw markers only (no line).
     * @param dashed whether to dash the line (to tell overlapping lines apart).
     */
    public record Series(String name, double[] x, double[] y, boolean scatter, boolean dashed) {
        /**
         * A solid line.
         *
         * @param name the legend entry.
         * @param x the x values.
         * @param y the y values.
         * @return the series.
         */
        public static Series line(String name, double[] x, double[] y) {
            return new Series(name, x, y, false, false);
        }
    }

    /**
     * Renders a chart.
     *
     * @param title the title.
     * @param xTitle the x-axis title.
     * @param yTitle the y-axis title.
     * @param logY whether the y axis is logarithmic (non-positive points are then left out).
     * @param series the series.
     * @return the PNG bytes.
     */
    public static byte[] png(String title, String xTitle, String yTitle, boolean logY, List<Series> series) {
        return png(title, xTitle, yTitle, false, logY, series);
    }

    /**
     * Renders a chart with a choice of logarithmic axes (non-positive points are left out of a log axis).
     *
     * @param title the title.
     * @param xTitle the x-axis title.
     * @param yTitle the y-axis title.
     * @param logX whether the x axis is logarithmic.
     * @param logY whether the y axis is logarithmic.
     * @param series the series.
     * @return the PNG bytes.
     */
    public static byte[] png(String title, String xTitle, String yTitle, boolean logX, boolean logY,
                             List<Series> series) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(true);
        chart.getStyler().setMarkerSize(5);
        for (Series s : series) {
            double[][] xy = logY ? positive(s.x(), s.y()) : new double[][] {s.x(), s.y()};
            if (logX) {
                double[][] swapped = positive(xy[1], xy[0]);
                xy = new double[][] {swapped[1], swapped[0]};
            }
            if (xy[0].length == 0) {
                continue;
            }
            XYSeries xs = chart.addSeries(s.name(), xy[0], xy[1]);
            if (s.scatter()) {
                xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                xs.setMarker(SeriesMarkers.CIRCLE);
            } else {
                xs.setMarker(SeriesMarkers.NONE);
                if (s.dashed()) {
                    xs.setLineStyle(new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                            new float[] {8f, 6f}, 0f));
                }
            }
        }
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double[][] positive(double[] x, double[] y) {
        List<double[]> keep = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (y[i] > 0 && Double.isFinite(y[i])) {
                keep.add(new double[] {x[i], y[i]});
            }
        }
        double[][] out = new double[2][keep.size()];
        for (int i = 0; i < keep.size(); i++) {
            out[0][i] = keep.get(i)[0];
            out[1][i] = keep.get(i)[1];
        }
        return out;
    }
}
