package io.qualitywatch.dashboards.report;

import java.util.List;
import java.util.Locale;

/**
 * Small inline-SVG charts for the report: no JavaScript and no external files, so the HTML renders
 * the same in any browser, in headless Chromium's PDF and when mailed as one file. Every data mark
 * has class {@code mark}, and each chart states its mark count in {@code data-marks}, which lets
 * tests detect an empty chart.
 */
final class Svg {
  static final String[] CLASS_COLOURS = {"#2e7d32", "#1565c0", "#ef6c00", "#c62828"};
  static final String GRID = "#d0d7de";

  private Svg() {}

  /** One horizontal bar row with a label and stacked segments. */
  record StackRow(String label, long[] values) {}

  /** A bar with a label, a value and an optional target tick. */
  record Bar(String label, double value, Double target, String colour, String valueText) {}

  static String esc(String s) {
    return s == null
        ? ""
        : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static String open(String name, int w, int h, int marks, String aria) {
    return "<svg class=\"chart\" data-chart=\""
        + name
        + "\" data-marks=\""
        + marks
        + "\" xmlns=\"http://www.w3.org/2000/svg\" width=\""
        + w
        + "\" height=\""
        + h
        + "\" viewBox=\"0 0 "
        + w
        + " "
        + h
        + "\" role=\"img\" aria-label=\""
        + esc(aria)
        + "\">";
  }

  static String empty(String name, String aria) {
    return open(name, 680, 60, 0, aria)
        + "<text x=\"10\" y=\"35\" fill=\"#888\">无数据 No data for this period</text></svg>";
  }

  /** 100 % stacked horizontal bars, e.g. ratings A–D per province. */
  static String stacked(String name, String aria, List<StackRow> rows, String[] legend) {
    if (rows.isEmpty()) {
      return empty(name, aria);
    }
    int labelW = 170;
    int barW = 440;
    int rowH = 24;
    int top = 30;
    int h = top + rows.size() * rowH + 10;
    StringBuilder sb = new StringBuilder();
    int marks = 0;
    for (int i = 0; i < legend.length; i++) {
      sb.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"6\" width=\"12\" height=\"12\" fill=\"%s\"/><text x=\"%d\" y=\"16\" font-size=\"12\">%s</text>",
              labelW + i * 110,
              CLASS_COLOURS[i],
              labelW + i * 110 + 16,
              esc(legend[i])));
    }
    for (int r = 0; r < rows.size(); r++) {
      StackRow row = rows.get(r);
      long total = 0;
      for (long v : row.values()) {
        total += v;
      }
      int y = top + r * rowH;
      sb.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">%s</text>",
              labelW - 8,
              y + 15,
              esc(row.label())));
      double x = labelW;
      for (int i = 0; i < row.values().length; i++) {
        if (row.values()[i] == 0 || total == 0) {
          continue;
        }
        double w = barW * (double) row.values()[i] / total;
        sb.append(
            String.format(
                Locale.ROOT,
                "<rect class=\"mark\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"18\" fill=\"%s\"><title>%s %s: %d</title></rect>",
                x,
                y + 2,
                w,
                CLASS_COLOURS[i % CLASS_COLOURS.length],
                esc(row.label()),
                esc(legend[i]),
                row.values()[i]));
        if (w > 26) {
          sb.append(
              String.format(
                  Locale.ROOT,
                  "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" fill=\"#fff\" text-anchor=\"middle\">%d</text>",
                  x + w / 2,
                  y + 15,
                  row.values()[i]));
        }
        x += w;
        marks++;
      }
      sb.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#555\">%d</text>",
              labelW + barW + 6,
              y + 15,
              total));
    }
    return open(name, 680, h, marks, aria) + sb + "</svg>";
  }

  /** Horizontal bars with optional target ticks (coverage vs targets, top risks). */
  static String bars(String name, String aria, List<Bar> bars, double max) {
    if (bars.isEmpty()) {
      return empty(name, aria);
    }
    int labelW = 250;
    int barW = 340;
    int rowH = 24;
    int h = 10 + bars.size() * rowH + 10;
    double scale = max <= 0 ? 1 : max;
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < bars.size(); i++) {
      Bar b = bars.get(i);
      int y = 10 + i * rowH;
      double w = Math.max(1, barW * Math.max(0, b.value()) / scale);
      sb.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">%s</text>"
                  + "<rect class=\"mark\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"18\" fill=\"%s\"><title>%s: %s</title></rect>"
                  + "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" fill=\"#333\">%s</text>",
              labelW - 8,
              y + 15,
              esc(b.label()),
              labelW,
              y + 2,
              w,
              b.colour(),
              esc(b.label()),
              esc(b.valueText()),
              labelW + w + 6,
              y + 15,
              esc(b.valueText())));
      if (b.target() != null) {
        double tx = labelW + barW * b.target() / scale;
        sb.append(
            String.format(
                Locale.ROOT,
                "<line class=\"target\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#000\" stroke-width=\"2\" stroke-dasharray=\"3,2\"/>",
                tx,
                tx,
                y,
                y + 22));
      }
    }
    return open(name, 680, h, bars.size(), aria) + sb + "</svg>";
  }

  /** A line of percentages per period with a dashed target line. */
  static String line(
      String name, String aria, List<String> labels, List<Double> values, double target) {
    if (values.isEmpty()) {
      return empty(name, aria);
    }
    int w = 680;
    int h = 240;
    int left = 50;
    int right = 20;
    int top = 20;
    int bottom = 40;
    double lo =
        Math.min(target, values.stream().mapToDouble(Double::doubleValue).min().orElse(target));
    lo = Math.max(0, Math.floor((lo - 5) / 5) * 5);
    double hi = 100;
    double plotW = w - left - right;
    double plotH = h - top - bottom;
    StringBuilder sb = new StringBuilder();
    for (double g = lo; g <= hi + 1e-9; g += 5) {
      double y = top + plotH * (hi - g) / (hi - lo);
      sb.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/><text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%s%%</text>",
              left,
              w - right,
              y,
              y,
              GRID,
              left - 4,
              y + 3,
              fmt(g).replace(".0", "")));
    }
    double ty = top + plotH * (hi - target) / (hi - lo);
    sb.append(
        String.format(
            Locale.ROOT,
            "<line class=\"target\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#c62828\" stroke-dasharray=\"6,3\"/>"
                + "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" fill=\"#c62828\" text-anchor=\"end\">目标 target %s%%</text>",
            left,
            w - right,
            ty,
            ty,
            w - right,
            ty - 4,
            fmt(target)));
    StringBuilder path = new StringBuilder();
    StringBuilder points = new StringBuilder();
    int n = values.size();
    for (int i = 0; i < n; i++) {
      double x = left + (n == 1 ? plotW / 2 : plotW * i / (n - 1));
      double y = top + plotH * (hi - values.get(i)) / (hi - lo);
      path.append(i == 0 ? "M" : "L").append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
      points.append(
          String.format(
              Locale.ROOT,
              "<circle class=\"mark\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#1565c0\"><title>%s: %s%%</title></circle>"
                  + "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>"
                  + "<text x=\"%.1f\" y=\"%.1f\" font-size=\"9\" fill=\"#1565c0\" text-anchor=\"middle\">%s</text>",
              x,
              y,
              esc(labels.get(i)),
              fmt(values.get(i)),
              x,
              h - bottom + 16,
              esc(labels.get(i).length() > 5 ? labels.get(i).substring(5) : labels.get(i)),
              x,
              y - 7,
              fmt(values.get(i))));
    }
    sb.append("<path d=\"")
        .append(path)
        .append("\" fill=\"none\" stroke=\"#1565c0\" stroke-width=\"2\"/>")
        .append(points);
    return open(name, w, h, n, aria) + sb + "</svg>";
  }
}
