package io.qualitywatch.dashboards.report;

import static io.qualitywatch.dashboards.report.Svg.esc;
import static io.qualitywatch.dashboards.report.Svg.fmt;

import io.qualitywatch.ingestion.codes.CodeTables;
import io.qualitywatch.ingestion.codes.Region;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report as one self-contained HTML page (inline CSS and SVG, A4 print layout), Chinese first
 * with English alongside. Headline figures carry {@code data-figure} attributes so tests can read
 * them back from the page Chromium rendered.
 */
public final class ReportRenderer {
  private static final String[] CLASSES = {
    "A 低风险 low", "B 一般 average", "C 较高 higher", "D 高风险 high"
  };
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private ReportRenderer() {}

  public static String html(ReportData d) {
    ReportData.Headline h = d.headline();
    StringBuilder sb = new StringBuilder();
    sb.append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">");
    sb.append("<title>").append(esc(d.title() + " — " + d.titleEn())).append("</title>");
    sb.append("<style>").append(CSS).append("</style></head><body>");
    sb.append("<header><h1>").append(esc(d.title())).append("</h1>");
    sb.append("<p class=\"en\">").append(esc(d.titleEn())).append("</p>");
    sb.append("<p class=\"meta\">数据区间 Data window: <span data-figure=\"window\">")
        .append(d.from())
        .append(" – ")
        .append(d.to())
        .append("</span> · 生成时间 Generated: <span data-figure=\"generated\">")
        .append(STAMP.format(d.generatedAt()))
        .append("</span> · 评级来源 Ratings from: ")
        .append(
            d.ratingsSource().equals("ratings")
                ? "年度信用风险分类 annual ratings"
                : "实时风险等级（年度分类未生成） live risk bands (annual ratings not yet computed)")
        .append("</p></header>");

    sb.append("<section class=\"headline\"><h2>一、总体情况 Headline figures</h2><div class=\"cards\">");
    card(
        sb,
        "enterprises-rated",
        "参评企业 Enterprises rated",
        String.format(Locale.ROOT, "%,d", h.enterprisesRated()),
        null);
    card(
        sb,
        "high-risk",
        "较高及高风险（C/D） High risk (C/D)",
        String.format(Locale.ROOT, "%,d", h.highRisk()),
        Double.isNaN(h.highRiskShare()) ? null : fmt(h.highRiskShare()) + "%");
    card(
        sb,
        "pass-rate",
        "抽检合格率 Sampling pass rate",
        Double.isNaN(h.passRate()) ? "—" : fmt(h.passRate()) + "%",
        String.format(
            Locale.ROOT, "%,d / %,d 批次 batches", h.samplingPassed(), h.samplingBatches()));
    card(
        sb,
        "complaints",
        "投诉举报 Complaints & reports",
        String.format(Locale.ROOT, "%,d", h.complaints()),
        null);
    card(
        sb,
        "warnings-raised",
        "发布预警 Warnings raised",
        String.format(Locale.ROOT, "%,d", h.warningsRaised()),
        String.format(
            Locale.ROOT,
            "红 %d · 橙 %d · 黄 %d · 蓝 %d",
            h.warningsByLevel().get("RED"),
            h.warningsByLevel().get("ORANGE"),
            h.warningsByLevel().get("YELLOW"),
            h.warningsByLevel().get("BLUE")));
    card(
        sb,
        "below-target",
        "未达标指标 Figures below target",
        String.format(Locale.ROOT, "%d / %d", h.coverageBelowTarget(), h.coverageFigures()),
        null);
    sb.append("</div></section>");

    // Ratings distribution.
    List<Svg.StackRow> rows = new ArrayList<>();
    rows.add(new Svg.StackRow("全部 All", classes(d.ratingsByClass())));
    for (Map.Entry<String, Map<String, Long>> p : d.ratingsByProvince().entrySet()) {
      rows.add(new Svg.StackRow(provinceName(p.getKey()), classes(p.getValue())));
    }
    section(
        sb,
        "二、信用风险分类分布 Ratings distribution A–D",
        "按省份，各分类企业数及占比。Enterprises per class and province.",
        Svg.stacked("ratings", "ratings distribution", rows, CLASSES));

    // Pass-rate trend.
    List<String> months = new ArrayList<>();
    List<Double> rates = new ArrayList<>();
    d.passRateByMonth()
        .forEach(
            (m, v) -> {
              if (v[0] > 0) {
                months.add(m);
                rates.add(100.0 * v[1] / v[0]);
              }
            });
    section(
        sb,
        "三、抽检合格率趋势 Sampling pass-rate trend",
        "按月，虚线为目标值。Per month; the dashed line is the target.",
        Svg.line("pass-rate", "sampling pass-rate trend", months, rates, d.passRateTarget()));

    // Coverage vs targets: each bar scaled within its own metric (counts, rates and per-10,000
    // figures do not share an axis).
    Map<String, Double> metricMax = new java.util.HashMap<>();
    for (ReportData.CoverageFigure c : d.coverage()) {
      metricMax.merge(c.metricCode(), Math.max(c.value(), c.target()), Math::max);
    }
    List<Svg.Bar> cov = new ArrayList<>();
    for (ReportData.CoverageFigure c : d.coverage()) {
      double scale = metricMax.get(c.metricCode()) * 1.05;
      cov.add(
          new Svg.Bar(
              c.regionName() + " · " + shortLabel(c.metricLabel()),
              scale <= 0 ? 0 : 100 * c.value() / scale,
              scale <= 0 ? null : 100 * c.target() / scale,
              c.meetsTarget() ? "#2e7d32" : "#c62828",
              coverageText(c)));
    }
    double covMax = 100;
    section(
        sb,
        "四、覆盖率与目标 Coverage vs targets",
        "绿色达标，红色未达标，虚线为目标，括号内为同比变化。Green meets the target, red falls short;"
            + " dashed tick = target; brackets = year-on-year change.",
        Svg.bars("coverage", "coverage vs targets", cov, covMax));

    // Top risks.
    section(
        sb,
        "五、风险集中地区 Top risks by region",
        "较高及高风险（C/D）企业最多的地市。Cities with the most C/D enterprises.",
        Svg.bars(
            "top-regions",
            "top risks by region",
            rankedBars(d.topRegions()),
            maxRanked(d.topRegions())));
    section(
        sb,
        "六、风险集中行业 Top risks by industry",
        "较高及高风险（C/D）企业最多的行业（GB/T 4754-2017）。Industries with the most C/D enterprises.",
        Svg.bars(
            "top-industries",
            "top risks by industry",
            rankedBars(d.topIndustries()),
            maxRanked(d.topIndustries())));

    // Warnings table.
    sb.append("<section><h2>七、重点预警 Most severe warnings</h2>");
    if (d.topWarnings().isEmpty()) {
      sb.append("<p class=\"note\">本期无预警 No warnings in this period.</p>");
    } else {
      sb.append(
          "<table><thead><tr><th>级别 Level</th><th>范围 Scope</th><th>对象 Subject</th><th>地区/类别 Region</th>"
              + "<th>指标 Metric</th><th>发布 Opened</th><th>状态 Status</th></tr></thead><tbody>");
      for (ReportData.WarningLine w : d.topWarnings()) {
        sb.append("<tr><td><span class=\"lvl ")
            .append(esc(w.level().toLowerCase(Locale.ROOT)))
            .append("\">")
            .append(esc(w.levelLabel()))
            .append("</span></td><td>")
            .append(esc(w.scope()))
            .append("</td><td>")
            .append(esc(w.subject()))
            .append("</td><td>")
            .append(esc(w.region()))
            .append("</td><td>")
            .append(fmt(w.metric()))
            .append("</td><td>")
            .append(w.openedAt().atZone(ZoneOffset.UTC).toLocalDate())
            .append("</td><td>")
            .append(esc(w.status()))
            .append("</td></tr>");
      }
      sb.append("</tbody></table>");
    }
    sb.append("</section>");
    sb.append(
        "<footer>QualityWatch · 数据来自 Elasticsearch 索引 scores / ratings / coverage / events / warnings ·"
            + " Figures read from the Elasticsearch indices at generation time.</footer>");
    sb.append("</body></html>");
    return sb.toString();
  }

  private static String coverageText(ReportData.CoverageFigure c) {
    boolean ratio = "ratio".equals(c.unit());
    String unit = ratio ? "%" : c.unit().equals("count") ? "" : " " + c.unit();
    double k = ratio ? 100 : 1;
    return fmt(c.value() * k)
        + unit
        + " / "
        + (c.comparator().equals("LE") ? "≤" : "≥")
        + fmt(c.target() * k)
        + unit
        + (c.yoyChange() == null ? "" : String.format(Locale.ROOT, " (%+.1f)", c.yoyChange() * k));
  }

  private static void card(StringBuilder sb, String key, String label, String value, String sub) {
    sb.append("<div class=\"card\"><div class=\"label\">")
        .append(esc(label))
        .append("</div><div class=\"value\" data-figure=\"")
        .append(key)
        .append("\">")
        .append(esc(value))
        .append("</div>");
    if (sub != null) {
      sb.append("<div class=\"sub\">").append(esc(sub)).append("</div>");
    }
    sb.append("</div>");
  }

  private static void section(StringBuilder sb, String title, String note, String svg) {
    sb.append("<section><h2>")
        .append(esc(title))
        .append("</h2><p class=\"note\">")
        .append(esc(note))
        .append("</p>")
        .append(svg)
        .append("</section>");
  }

  private static long[] classes(Map<String, Long> m) {
    return new long[] {
      m.getOrDefault("A", 0L),
      m.getOrDefault("B", 0L),
      m.getOrDefault("C", 0L),
      m.getOrDefault("D", 0L)
    };
  }

  private static String provinceName(String code) {
    String full = code.length() == 2 ? code + "0000" : code;
    return CodeTables.get().region(full).map(Region::name).orElse(code) + " " + code;
  }

  private static String shortLabel(String label) {
    int sp = label.indexOf(' ');
    return sp > 0 ? label.substring(0, sp) : label;
  }

  private static List<Svg.Bar> rankedBars(List<ReportData.Ranked> ranked) {
    List<Svg.Bar> out = new ArrayList<>();
    for (ReportData.Ranked r : ranked) {
      out.add(
          new Svg.Bar(
              r.name() + " " + r.code(),
              r.highRisk(),
              null,
              "#ef6c00",
              String.format(
                  Locale.ROOT, "%d（占 %s%%）", r.highRisk(), fmt(100.0 * r.highRisk() / r.total()))));
    }
    return out;
  }

  private static double maxRanked(List<ReportData.Ranked> ranked) {
    return ranked.stream().mapToLong(ReportData.Ranked::highRisk).max().orElse(1) * 1.25;
  }

  private static final String CSS =
      "@page{size:A4;margin:14mm}"
          + "body{font-family:'WenQuanYi Micro Hei','Noto Sans CJK SC','Microsoft YaHei','PingFang SC',sans-serif;"
          + "color:#1f2328;max-width:760px;margin:0 auto;padding:16px;font-size:13px}"
          + "h1{font-size:22px;margin:0}h2{font-size:16px;border-left:4px solid #c62828;padding-left:8px;margin:22px 0 6px}"
          + ".en{color:#57606a;margin:2px 0}.meta{color:#57606a;font-size:12px}"
          + ".cards{display:grid;grid-template-columns:repeat(3,1fr);gap:10px}"
          + ".card{border:1px solid #d0d7de;border-radius:6px;padding:10px}"
          + ".card .label{font-size:12px;color:#57606a}.card .value{font-size:24px;font-weight:bold;margin-top:4px}"
          + ".card .sub{font-size:11px;color:#57606a}.note{color:#57606a;font-size:11px;margin:2px 0 6px}"
          + "section{break-inside:avoid}svg.chart{display:block;max-width:100%;height:auto}"
          + "table{border-collapse:collapse;width:100%;font-size:11px}th,td{border-bottom:1px solid #d0d7de;padding:4px;text-align:left}"
          + ".lvl{padding:1px 6px;border-radius:3px;color:#fff}.lvl.red{background:#c62828}.lvl.orange{background:#ef6c00}"
          + ".lvl.yellow{background:#f9a825;color:#000}.lvl.blue{background:#1565c0}"
          + "footer{margin-top:24px;color:#8c959f;font-size:10px}";
}
