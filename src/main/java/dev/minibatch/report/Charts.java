package dev.minibatch.report;

import dev.minibatch.format.Numbers;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

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
     * <p>Every axis gets numbers. XChart's own log axis labels only whole decades, so a curve within one decade
     * (the tutorial's loss goes from 275 to 191) had no numbers at all; here a log axis is drawn as a linear axis
     * over log10 of the values, labelled with the values themselves, and its title says "log scale". XChart also
     * puts ticks only on data points when all x values are equally spaced (epochs 1 … N), which crowded the
     * epoch axis with labels like 1, 5, 9, …; one invisible point off that grid makes it choose round steps.
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
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(logX ? xTitle + ", log scale" : xTitle)
                .yAxisTitle(logY ? yTitle + ", log scale" : yTitle).build();
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(true);
        chart.getStyler().setMarkerSize(5);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        List<double[][]> kept = new ArrayList<>();
        for (Series s : series) {
            double[][] xy = logY ? positive(s.x(), s.y()) : new double[][] {s.x(), s.y()};
            if (logX) {
                double[][] swapped = positive(xy[1], xy[0]);
                xy = new double[][] {swapped[1], swapped[0]};
            }
            kept.add(new double[][] {logX ? log10(xy[0]) : xy[0], logY ? log10(xy[1]) : xy[1]});
        }
        chart.getStyler().setxAxisTickLabelsFormattingFunction(axisLabels(kept, 0, logX));
        chart.getStyler().setyAxisTickLabelsFormattingFunction(axisLabels(kept, 1, logY));
        double[] anyPoint = null;
        boolean byTrainer = series.stream().anyMatch(x -> trainerColor(x.name()) != null);
        int other = 0;
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            double[][] xy = kept.get(i);
            if (xy[0].length == 0) {
                continue;
            }
            anyPoint = anyPoint == null ? new double[] {xy[0][0], xy[1][0]} : anyPoint;
            XYSeries xs = chart.addSeries(s.name(), xy[0], xy[1]);
            if (byTrainer) {           // one colour per trainer in every plot; the others from the rest
                java.awt.Color c = trainerColor(s.name());
                c = c != null ? c : OTHERS[other++ % OTHERS.length];
                xs.setLineColor(c);
                xs.setMarkerColor(c);
            }
            if (s.scatter()) {
                xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                xs.setMarker(SeriesMarkers.CIRCLE);
            } else {
                // a line of one point draws nothing: mark the point (a one-epoch run)
                xs.setMarker(xy[0].length == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
                float[] dash = dash(s);
                if (dash != null) {
                    xs.setLineStyle(new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash,
                            0f));
                }
            }
        }
        if (anyPoint != null && distinctX(kept) > 12) {
            XYSeries off = chart.addSeries(" ", new double[] {anyPoint[0] + 0.5 * spacing(kept)},
                    new double[] {anyPoint[1]});
            off.setMarker(SeriesMarkers.NONE);
            off.setShowInLegend(false);
            off.setLineColor(new java.awt.Color(0, 0, 0, 0));
        }
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The framework trainer's colour in every plot (blue), the scratch trainer's (orange), the Python reference's. */
    static final java.awt.Color FRAMEWORK = new java.awt.Color(31, 119, 180);
    static final java.awt.Color SCRATCH = new java.awt.Color(255, 127, 14);
    static final java.awt.Color PYTHON = new java.awt.Color(44, 160, 44);
    private static final java.awt.Color[] OTHERS = {new java.awt.Color(214, 39, 40), new java.awt.Color(148, 103, 189),
        new java.awt.Color(140, 86, 75), new java.awt.Color(127, 127, 127), new java.awt.Color(227, 119, 194),
        new java.awt.Color(188, 189, 34), new java.awt.Color(23, 190, 207)};

    /**
     * The colour of a series that is one trainer's own curve ("framework", "scratch", "framework (target 2)"; its
     * validation or test curves in the same plot get other colours, so that no two lines share one) or the Python
     * reference's ("python (…)"), or {@code null} for any other series.
     */
    /**
     * One dash per split in every plot: a series whose name has the word "training" is solid, "validation" dotted,
     * "test" dashed; any other line is dashed when asked (a trainer's line drawn over another's).
     */
    static float[] dash(Series s) {
        List<String> words = List.of(s.name().split(" "));
        if (words.contains("validation")) {
            return new float[] {2.5f, 4f};
        }
        if (words.contains("test")) {
            return new float[] {8f, 6f};
        }
        if (words.contains("training")) {
            return null;
        }
        return s.dashed() ? new float[] {8f, 6f} : null;
    }

    /** Whether a series is named for a split (a trainer's training, validation or test curve). */
    private static boolean split(String name) {
        List<String> words = List.of(name.split(" "));
        return words.contains("training") || words.contains("validation") || words.contains("test");
    }

    static java.awt.Color trainerColor(String name) {
        if (name.startsWith("trainers ")) {              // one line standing for trainers that are equal
            return FRAMEWORK;
        }
        for (String t : new String[] {"framework", "scratch"}) {
            if (name.equals(t) || name.startsWith(t + " (") || name.startsWith(t + " ") && split(name)) {
                return t.equals("framework") ? FRAMEWORK : SCRATCH;
            }
        }
        return name.startsWith("python (") || name.startsWith("python ") ? PYTHON : null;
    }

    /** Labels an axis with its values (10^v on a log axis), with as many digits as the axis' span needs. */
    static Function<Double, String> axisLabels(List<double[][]> data, int axis, boolean log) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[][] xy : data) {
            for (double v : xy[axis]) {
                lo = Math.min(lo, log ? Math.pow(10, v) : v);
                hi = Math.max(hi, log ? Math.pow(10, v) : v);
            }
        }
        // Enough significant digits that two ticks ~1/8 of the span apart read differently.
        double mag = Math.max(Math.abs(lo), Math.abs(hi));
        int digits = hi > lo ? (int) Math.ceil(Math.log10(mag / ((hi - lo) / 8))) + 1 : 3;
        int sig = Math.max(2, Math.min(digits, 10));
        return v -> log ? Numbers.pow10(v, sig) : Numbers.format(v, sig);
    }

    private static int distinctX(List<double[][]> data) {
        java.util.Set<Double> xs = new java.util.HashSet<>();
        for (double[][] xy : data) {
            for (double x : xy[0]) {
                xs.add(x);
            }
        }
        return xs.size();
    }

    private static double spacing(List<double[][]> data) {
        for (double[][] xy : data) {
            if (xy[0].length > 1) {
                return Math.abs(xy[0][1] - xy[0][0]);
            }
        }
        return 1.0;
    }

    private static double[] log10(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.log10(v[i]);
        }
        return out;
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
