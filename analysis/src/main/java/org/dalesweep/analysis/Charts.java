package org.dalesweep.analysis;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's PNG charts, drawn with XChart from small aggregated arrays: line charts with
 * interquartile bands, heat maps of a value over two factors, grouped bar charts (histograms)
 * and scatter plots. One palette and one font size throughout so the figures read alike.
 */
final class Charts {

    static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};
    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;

    /** A line with an optional band (lower/upper, drawn as dashed lines of the same colour). */
    record Line(String name, double[] x, double[] y, double[] lower, double[] upper) {
    }

    private Charts() {
    }

    /** The SVG beside a chart's PNG: the same name, {@code .svg}. */
    static String svgName(String png) {
        return png.replaceAll("\\.png$", "") + ".svg";
    }

    /** Writes the chart as PNG at {@code file} and as SVG beside it (vector, for a paper). */
    static void save(Chart<?, ?> chart, Path file) throws IOException {
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        Path svg = file.resolveSibling(svgName(file.getFileName().toString()));
        VectorGraphicsEncoder.saveVectorGraphic(chart, svg.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    }

    static void lines(Path file, String title, String xLabel, String yLabel, List<Line> lines, boolean logY)
            throws IOException {
        lines(file, title, xLabel, yLabel, lines, logY, false);
    }

    /** Lines with their bands; {@code zeroLine}: a thin black line at y = 0 (the sign matters). */
    static void lines(Path file, String title, String xLabel, String yLabel, List<Line> lines, boolean logY,
                      boolean zeroLine) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        style(chart.getStyler());
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        int c = 0;
        for (Line line : lines) {
            Color colour = PALETTE[c++ % PALETTE.length];
            XYSeries s = chart.addSeries(line.name(), line.x(), line.y());
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(colour);
            s.setLineStyle(new BasicStroke(2.5f));
            if (line.lower() != null) {
                for (double[] edge : new double[][] {line.lower(), line.upper()}) {
                    XYSeries b = chart.addSeries(line.name() + (edge == line.lower() ? " q25" : " q75"), line.x(), edge);
                    b.setMarker(SeriesMarkers.NONE);
                    b.setLineColor(colour);
                    b.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                            new float[] {5f, 4f}, 0f));
                    b.setShowInLegend(false);
                }
            }
        }
        if (zeroLine) {
            lateRange(chart, lines);
        }
        if (zeroLine && !lines.isEmpty()) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (Line line : lines) {
                for (double x : line.x()) {
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                }
            }
            if (lo <= hi) {
                XYSeries z = chart.addSeries("zero", new double[] {lo, hi}, new double[] {0, 0});
                z.setMarker(SeriesMarkers.NONE);
                z.setLineColor(Color.BLACK);
                z.setLineStyle(new BasicStroke(1f));
                z.setShowInLegend(false);
            }
        }
        save(chart, file);
    }

    /**
     * The y range of a pressure chart over the windows after the first quarter of the curve (at
     * least after the first window), as the late pressure: the early transient (often 10–1000
     * times the later pressure) would flatten the rest to a line; it runs off the edge, and the
     * caption says so. Zero is always in range.
     */
    private static void lateRange(XYChart chart, List<Line> lines) {
        double lo = 0;
        double hi = 0;
        boolean any = false;
        for (Line line : lines) {
            for (int i = Math.max(1, line.x().length / 4); i < line.x().length; i++) {
                for (double[] ys : new double[][] {line.y(), line.lower(), line.upper()}) {
                    if (ys != null && Double.isFinite(ys[i])) {
                        lo = Math.min(lo, ys[i]);
                        hi = Math.max(hi, ys[i]);
                        any = true;
                    }
                }
            }
        }
        if (any && hi > lo) {
            double pad = 0.08 * (hi - lo);
            chart.getStyler().setYAxisMin(lo - pad);
            chart.getStyler().setYAxisMax(hi + pad);
        }
    }

    static void heatMap(Path file, String title, String xLabel, String yLabel, List<String> xLevels,
                        List<String> yLevels, double[][] values) throws IOException {
        HeatMapChart chart = new HeatMapChartBuilder().width(Math.max(560, 120 + 90 * xLevels.size()))
                .height(Math.max(360, 140 + 50 * yLevels.size())).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        style(chart.getStyler());
        chart.getStyler().setShowValue(true);
        chart.getStyler().setValueFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        chart.getStyler().setValueFontColor(Color.BLACK);
        chart.getStyler().setMin(0);
        chart.getStyler().setMax(1);
        chart.getStyler().setRangeColors(new Color[] {new Color(0x3b4cc0), new Color(0xf7f7f7), new Color(0xb40426)});
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        List<Number[]> cells = new java.util.ArrayList<>();
        for (int i = 0; i < xLevels.size(); i++) {
            for (int j = 0; j < yLevels.size(); j++) {
                if (Double.isFinite(values[i][j])) {
                    cells.add(new Number[] {i, j, Math.round(values[i][j] * 100) / 100.0});
                }
            }
        }
        chart.addSeries("mean alpha_final", xLevels, yLevels, cells);
        save(chart, file);
    }

    /** Grouped bars: one series per group over shared categories. */
    static void bars(Path file, String title, String xLabel, String yLabel, List<String> categories,
                     List<String> groups, double[][] heights) throws IOException {
        bars(file, title, xLabel, yLabel, categories, groups, heights, null);
    }

    /** Grouped bars with error bars ({@code errors[g][c]}: half-widths; NaN or null: none). */
    static void bars(Path file, String title, String xLabel, String yLabel, List<String> categories,
                     List<String> groups, double[][] heights, double[][] errors) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setXAxisLabelRotation(errors == null ? 45 : 0);
        chart.getStyler().setSeriesColors(PALETTE);
        if (errors != null) {
            chart.getStyler().setErrorBarsColor(Color.BLACK);
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        }
        for (int g = 0; g < groups.size(); g++) {
            List<Double> ys = new java.util.ArrayList<>();
            List<Double> es = new java.util.ArrayList<>();
            for (int c = 0; c < heights[g].length; c++) {
                ys.add(Double.isFinite(heights[g][c]) ? heights[g][c] : 0);
                es.add(errors == null || !Double.isFinite(errors[g][c]) ? 0 : errors[g][c]);
            }
            if (errors == null) {
                chart.addSeries(groups.get(g), categories, ys);
            } else {
                chart.addSeries(groups.get(g), categories, ys, es);
            }
        }
        save(chart, file);
    }

    /**
     * Estimates with their intervals, one column per category and the groups side by side within
     * it (a marker at the estimate, a vertical line over the interval); missing estimates are left
     * out. {@code logY}: a logarithmic value axis.
     */
    static void intervals(Path file, String title, String xLabel, String yLabel, List<String> categories,
                          List<String> groups, double[][] est, double[][] lo, double[][] hi, boolean logY)
            throws IOException {
        // the categories, left to right, name the x axis (XChart's tick labels do not fall on categories)
        StringBuilder names = new StringBuilder(xLabel).append(", left to right: ");
        for (int c = 0; c < categories.size(); c++) {
            names.append(c == 0 ? "" : "  |  ").append(categories.get(c));
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(names.toString())
                .yAxisTitle(yLabel).build();
        style(chart.getStyler());
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setXAxisMin(0.5);
        chart.getStyler().setXAxisMax(categories.size() + 0.5);
        chart.getStyler().setXAxisTicksVisible(false);
        chart.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, names.length() > 90 ? 11 : 14));
        boolean any = false;
        for (int g = 0; g < groups.size(); g++) {
            Color colour = PALETTE[g % PALETTE.length];
            List<Double> xs = new java.util.ArrayList<>();
            List<Double> ys = new java.util.ArrayList<>();
            for (int c = 0; c < categories.size(); c++) {
                double x = c + 1 + (g - (groups.size() - 1) / 2.0) * 0.15;
                if (!(Double.isFinite(est[g][c]) && (!logY || est[g][c] > 0))) {
                    continue;
                }
                xs.add(x);
                ys.add(est[g][c]);
                if (Double.isFinite(lo[g][c]) && Double.isFinite(hi[g][c]) && (!logY || lo[g][c] > 0)) {
                    XYSeries bar = chart.addSeries(groups.get(g) + " interval " + c, new double[] {x, x},
                            new double[] {lo[g][c], hi[g][c]});
                    bar.setMarker(SeriesMarkers.NONE);
                    bar.setLineColor(colour);
                    bar.setLineStyle(new BasicStroke(2f));
                    bar.setShowInLegend(false);
                }
            }
            if (!xs.isEmpty()) {
                XYSeries s = chart.addSeries(groups.get(g), xs, ys);
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                s.setMarker(SeriesMarkers.DIAMOND);
                s.setMarkerColor(colour);
                any = true;
            }
        }
        if (!any) {
            XYSeries none = chart.addSeries("no bracketed estimate", new double[] {1}, new double[] {logY ? 1 : 0});
            none.setMarker(SeriesMarkers.NONE);
        }
        save(chart, file);
    }

    static void scatter(Path file, String title, String xLabel, String yLabel, double[] x, double[] y)
            throws IOException {
        scatter(file, title, xLabel, yLabel, x, y, false);
    }

    /** A scatter plot; {@code diagonal}: the line y = x over the data's range (learned against twin). */
    static void scatter(Path file, String title, String xLabel, String yLabel, double[] x, double[] y,
                        boolean diagonal) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        style(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setMarkerSize(5);
        XYSeries s = chart.addSeries("runs", x, y);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(new Color(31, 119, 180, 110));
        if (diagonal && x.length > 0) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < x.length; i++) {
                lo = Math.min(lo, Math.min(x[i], y[i]));
                hi = Math.max(hi, Math.max(x[i], y[i]));
            }
            XYSeries d = chart.addSeries("y = x", new double[] {lo, hi}, new double[] {lo, hi});
            d.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            d.setMarker(SeriesMarkers.NONE);
            d.setLineColor(Color.GRAY);
            d.setLineStyle(new BasicStroke(1f));
        }
        save(chart, file);
    }

    private static void style(org.knowm.xchart.style.Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        if (s instanceof org.knowm.xchart.style.AxesChartStyler a) {
            a.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
            a.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            a.setPlotBackgroundColor(Color.WHITE);
            a.setPlotGridLinesColor(new Color(0xdddddd));
        }
    }
}
