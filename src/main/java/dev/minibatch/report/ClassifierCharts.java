package dev.minibatch.report;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** A classifier's pictures, rendered to PNG with XChart: the confusion matrix and the decision regions. */
final class ClassifierCharts {
    /** One colour per class (matplotlib's tab10), dark for the points, light for the regions. */
    private static final Color[] CLASS_COLORS = {new Color(31, 119, 180), new Color(255, 127, 14),
        new Color(44, 160, 44), new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75),
        new Color(227, 119, 194), new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207)};

    private ClassifierCharts() {
    }

    static Color classColor(int c) {
        return CLASS_COLORS[c % CLASS_COLORS.length];
    }

    private static Color light(Color c) {
        return new Color((c.getRed() + 3 * 255) / 4, (c.getGreen() + 3 * 255) / 4, (c.getBlue() + 3 * 255) / 4);
    }

    /**
     * A confusion matrix as a heat map with the counts written in the cells.
     *
     * @param title the title.
     * @param classes the classes, in order.
     * @param counts rows the true class, columns the predicted one.
     * @return the PNG bytes.
     */
    static byte[] confusion(String title, List<String> classes, long[][] counts) {
        int k = classes.size();
        int side = Math.min(900, 220 + 60 * k);
        HeatMapChart chart = new HeatMapChartBuilder().width(side + 160).height(side).title(title)
                .xAxisTitle("predicted class").yAxisTitle("true class").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setShowValue(true);
        chart.getStyler().setHeatMapValueDecimalPattern("0");
        chart.getStyler().setValueFontColor(Color.BLACK);
        chart.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(158, 202, 225), new Color(33, 113,
                181)});
        chart.getStyler().setLegendVisible(false);
        List<Number[]> cells = new ArrayList<>();
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                cells.add(new Number[] {p, k - 1 - t, counts[t][p]});   // the first class at the top
            }
        }
        List<String> reversed = new ArrayList<>(classes);
        java.util.Collections.reverse(reversed);
        chart.addSeries("rows", classes, reversed, cells);
        return encode(chart);
    }

    /**
     * Decision regions of a model of two features, with labelled points over them.
     *
     * @param title the title.
     * @param xTitle the first feature's name.
     * @param yTitle the second feature's name.
     * @param classes the classes, in order.
     * @param grid the region grid's points: x, y and the predicted class of each.
     * @param points the labelled points: x, y and the true class of each.
     * @return the PNG bytes.
     */
    static byte[] regions(String title, String xTitle, String yTitle, List<String> classes, double[][] grid,
                          double[][] points) {
        XYChart chart = new XYChartBuilder().width(900).height(620).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(false);
        chart.getStyler().setMarkerSize(9);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        for (int pass = 0; pass < 2; pass++) {
            double[][] src = pass == 0 ? grid : points;
            for (int c = 0; c < classes.size(); c++) {
                List<Double> xs = new ArrayList<>();
                List<Double> ys = new ArrayList<>();
                for (int i = 0; i < src[0].length; i++) {
                    if ((int) src[2][i] == c) {
                        xs.add(src[0][i]);
                        ys.add(src[1][i]);
                    }
                }
                if (xs.isEmpty()) {
                    continue;
                }
                XYSeries s = chart.addSeries(pass == 0 ? "predicted " + classes.get(c) : "class " + classes.get(c),
                        xs, ys);
                s.setMarker(pass == 0 ? SeriesMarkers.SQUARE : SeriesMarkers.CIRCLE);
                s.setMarkerColor(pass == 0 ? light(classColor(c)) : classColor(c));
                s.setShowInLegend(pass == 1 || classes.size() <= 4);
            }
        }
        return encode(chart);
    }

    /**
     * ROC curves on the unit square, with the chance diagonal.
     *
     * @param title the title.
     * @param curves per name, the points {fpr, tpr}.
     * @return the PNG bytes.
     */
    static byte[] roc(String title, java.util.Map<String, List<double[]>> curves) {
        XYChart chart = new XYChartBuilder().width(700).height(620).title(title).xAxisTitle("false-positive rate")
                .yAxisTitle("true-positive rate").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        int i = 0;
        for (java.util.Map.Entry<String, List<double[]>> e : curves.entrySet()) {
            XYSeries s = chart.addSeries(e.getKey(), e.getValue().stream().mapToDouble(p -> p[0]).toArray(),
                    e.getValue().stream().mapToDouble(p -> p[1]).toArray());
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(classColor(i));
            if (i++ > 0) {
                s.setLineStyle(new java.awt.BasicStroke(2.5f, java.awt.BasicStroke.CAP_BUTT,
                        java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {8f, 6f}, 0f));
            }
        }
        // XChart puts a tick on every data point when the values lie on a grid (rates are multiples of 1/n): one
        // invisible point off that grid makes it choose round steps, as Charts does
        XYSeries off = chart.addSeries(" ", new double[] {0.0123457}, new double[] {0.0123457});
        off.setMarker(SeriesMarkers.NONE);
        off.setShowInLegend(false);
        off.setLineColor(new Color(0, 0, 0, 0));
        XYSeries chance = chart.addSeries("chance", new double[] {0, 1}, new double[] {0, 1});
        chance.setMarker(SeriesMarkers.NONE);
        chance.setLineColor(Color.GRAY);
        chance.setLineStyle(new java.awt.BasicStroke(1f, java.awt.BasicStroke.CAP_BUTT,
                java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {3f, 4f}, 0f));
        return encode(chart);
    }

    private static byte[] encode(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
