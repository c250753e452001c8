package org.dalesweep.task.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.dalesweep.task.Batch;
import org.dalesweep.task.ChannelGroup;
import org.dalesweep.task.Task;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A picture of a few trials of a task, so a scientist can check its definition by eye: one column
 * per trial, one panel per input channel group (as the task groups them), then the targets (drawn
 * only on masked steps, where the loss sees them) and the mask, against time in ms (or the step,
 * for tasks whose steps are sequence positions). Groups of more than {@value #MAX_LINES} channels
 * (image rows) are drawn as a grey-level map of channel over time.
 */
public final class TrialPlot {

    /** Channel groups larger than this are drawn as a map, not as lines. */
    static final int MAX_LINES = 8;
    private static final int PANEL_WIDTH = 520;
    private static final int PANEL_HEIGHT = 210;
    private static final int MAP_HEIGHT = 320;
    private static final int TITLE_HEIGHT = 40;

    private TrialPlot() {
    }

    /** Writes the picture of the first {@code trials} trials of {@code batch} as a PNG. */
    public static void write(Task task, Batch batch, int trials, String heading, Path png) throws IOException {
        BufferedImage image = render(task, batch, trials, heading);
        Path dir = png.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        if (!ImageIO.write(image, "png", png.toFile())) {
            throw new IOException(png + ": no PNG writer available");
        }
    }

    /** The picture as an image: a heading, then a grid of panels (rows) by trials (columns). */
    public static BufferedImage render(Task task, Batch batch, int trials, String heading) {
        int n = Math.min(trials, batch.size());
        if (n < 1) {
            throw new IllegalArgumentException("nothing to draw: " + trials + " trials asked, batch has " + batch.size());
        }
        List<List<BufferedImage>> columns = new ArrayList<>();
        for (int b = 0; b < n; b++) {
            columns.add(panels(task, batch, b));
        }
        int rows = columns.get(0).size();
        int[] heights = new int[rows];
        for (int r = 0; r < rows; r++) {
            heights[r] = columns.get(0).get(r).getHeight();
        }
        int width = n * PANEL_WIDTH;
        int height = TITLE_HEIGHT;
        for (int h : heights) {
            height += h;
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(heading, 12, 26);
            for (int b = 0; b < n; b++) {
                int y = TITLE_HEIGHT;
                for (int r = 0; r < rows; r++) {
                    g.drawImage(columns.get(b).get(r), b * PANEL_WIDTH, y, null);
                    y += heights[r];
                }
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    private static List<BufferedImage> panels(Task task, Batch batch, int b) {
        List<BufferedImage> out = new ArrayList<>();
        String trial = "trial " + (b + 1) + " (" + describe(task, batch, b) + ")";
        boolean first = true;
        for (ChannelGroup group : task.inputGroups()) {
            String title = (first ? trial + " · " : "") + "input: " + group.title();
            first = false;
            if (group.size() > MAX_LINES) {
                out.add(image(map(task, batch, b, group, title)));
            } else {
                out.add(image(inputLines(task, batch, b, group, title)));
            }
        }
        out.add(image(targets(task, batch, b)));
        out.add(image(mask(task, batch, b)));
        return out;
    }

    private static BufferedImage image(Chart<?, ?> chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** The trial's answer in words: its label and the output it names, or its target for regression. */
    static String describe(Task task, Batch batch, int b) {
        int label = batch.labels()[b];
        if (task.classification()) {
            return label >= 0 ? "answer: " + task.outputNames().get(label) : "catch trial: no answer";
        }
        for (int t = batch.steps() - 1; t >= 0; t--) {
            if (batch.mask(t, b, 0) > 0) {
                return String.format("target %.3f at the last step", batch.target(t, b, 0));
            }
        }
        return "no target";
    }

    private static String timeAxis(Task task) {
        return task.stepMs().isPresent() ? "time (ms)" : "step (sequence position)";
    }

    private static double[] times(Task task, int steps) {
        double dt = task.stepMs().orElse(1);
        double[] x = new double[steps];
        for (int t = 0; t < steps; t++) {
            x[t] = t * dt;
        }
        return x;
    }

    /**
     * A series drawn as the staircase it is: step t holds its value over [t·dt, (t+1)·dt), so an
     * epoch boundary is a vertical edge at the time it happens, not a slope across a step.
     */
    private static XYSeries stairs(XYChart chart, Task task, String name, double[] y) {
        double dt = task.stepMs().orElse(1);
        double[] xs = new double[2 * y.length];
        double[] ys = new double[2 * y.length];
        for (int t = 0; t < y.length; t++) {
            xs[2 * t] = t * dt;
            xs[2 * t + 1] = (t + 1) * dt;
            ys[2 * t] = y[t];
            ys[2 * t + 1] = y[t];
        }
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setMarker(SeriesMarkers.NONE);
        return s;
    }

    private static XYChart lineChart(Task task, String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).title(title)
                .xAxisTitle(timeAxis(task)).yAxisTitle(yTitle).build();
        XYStyler s = chart.getStyler();
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setYAxisDecimalPattern("0.0");
        s.setXAxisDecimalPattern("#0");
        s.setXAxisTickMarkSpacingHint(90);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotGridLinesColor(new Color(225, 225, 225));
        return chart;
    }

    private static void range(XYChart chart, double lo, double hi) {
        double min = Math.min(lo, 0);
        double max = Math.max(hi, min + 1e-6);
        double pad = 0.08 * (max - min);
        chart.getStyler().setYAxisMin(min - pad);
        chart.getStyler().setYAxisMax(max + pad);
    }

    private static XYChart inputLines(Task task, Batch batch, int b, ChannelGroup group, String title) {
        XYChart chart = lineChart(task, title, "input");
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = group.from(); i < group.to(); i++) {
            double[] y = new double[batch.steps()];
            for (int t = 0; t < y.length; t++) {
                y[t] = batch.input(t, b, i);
                lo = Math.min(lo, y[t]);
                hi = Math.max(hi, y[t]);
            }
            stairs(chart, task, task.inputNames().get(i), y);
        }
        range(chart, lo, hi);
        return chart;
    }

    private static XYChart targets(Task task, Batch batch, int b) {
        XYChart chart = lineChart(task, "target (drawn on masked steps only)", "target");
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < batch.outputCount(); k++) {
            double[] y = new double[batch.steps()];
            int shown = 0;
            for (int t = 0; t < y.length; t++) {
                if (batch.mask(t, b, k) > 0) {
                    y[t] = batch.target(t, b, k);
                    lo = Math.min(lo, y[t]);
                    hi = Math.max(hi, y[t]);
                    shown++;
                } else {
                    y[t] = Double.NaN;
                }
            }
            XYSeries series = stairs(chart, task, task.outputNames().get(k), y);
            if (shown <= 2) {
                series.setMarker(SeriesMarkers.CIRCLE);
            }
        }
        if (batch.outputCount() > 4) {
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
            chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        }
        range(chart, Double.isFinite(lo) ? lo : 0, Double.isFinite(hi) ? hi : 1);
        return chart;
    }

    private static XYChart mask(Task task, Batch batch, int b) {
        XYChart chart = lineChart(task, "mask (loss weight)", "mask");
        boolean same = true;
        for (int t = 0; t < batch.steps() && same; t++) {
            for (int k = 1; k < batch.outputCount(); k++) {
                same &= batch.mask(t, b, k) == batch.mask(t, b, 0);
            }
        }
        int series = same ? 1 : batch.outputCount();
        for (int k = 0; k < series; k++) {
            double[] y = new double[batch.steps()];
            for (int t = 0; t < y.length; t++) {
                y[t] = batch.mask(t, b, k);
            }
            stairs(chart, task, same ? "all outputs" : task.outputNames().get(k), y);
        }
        range(chart, 0, 1);
        return chart;
    }

    private static HeatMapChart map(Task task, Batch batch, int b, ChannelGroup group, String title) {
        HeatMapChart chart = new HeatMapChartBuilder().width(PANEL_WIDTH).height(MAP_HEIGHT).title(title)
                .xAxisTitle(timeAxis(task)).yAxisTitle("input channel").build();
        chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        chart.getStyler().setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setRangeColors(new Color[] {Color.WHITE, Color.BLACK});
        chart.getStyler().setMin(0);
        chart.getStyler().setMax(1);
        chart.getStyler().setShowValue(false);
        chart.getStyler().setDrawBorder(false);
        chart.getStyler().setXAxisLabelRotation(90);
        double[] time = times(task, batch.steps());
        List<Number> xs = new ArrayList<>();
        for (double t : time) {
            xs.add(task.stepMs().isPresent() ? (Number) t : (Number) (int) t);
        }
        List<Number> ys = new ArrayList<>();
        for (int i = group.from(); i < group.to(); i++) {
            ys.add(group.to() - 1 - i);
        }
        List<Number[]> cells = new ArrayList<>();
        for (int t = 0; t < batch.steps(); t++) {
            for (int i = group.from(); i < group.to(); i++) {
                cells.add(new Number[] {t, group.to() - 1 - i, (double) batch.input(t, b, i)});
            }
        }
        chart.addSeries("input level", xs, ys, cells);
        return chart;
    }
}
