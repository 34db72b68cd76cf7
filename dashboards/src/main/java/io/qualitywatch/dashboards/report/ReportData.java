package io.qualitywatch.dashboards.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Everything the quality-situation report shows, read from Elasticsearch once, so that rendering is
 * a pure function and tests compare these figures with the source data.
 *
 * @param from first day of the data window (inclusive)
 * @param to last day of the data window (inclusive)
 * @param ratingsSource which index the ratings came from ({@code ratings}, or {@code scores} when
 *     the annual ratings of the year are not indexed yet: the risk bands then stand in)
 * @param ratingsByClass A–D → enterprises
 * @param ratingsByProvince province code → (class → enterprises)
 * @param passRateByMonth month (yyyy-MM) → [batches, passed]
 * @param coverage the year's province-level figures against their targets
 * @param topRegions cities with most C/D-rated enterprises
 * @param topIndustries industries with most C/D-rated enterprises
 * @param topWarnings the most severe warnings raised in the window
 */
public record ReportData(
    int year,
    Integer month,
    LocalDate from,
    LocalDate to,
    Instant generatedAt,
    String ratingsSource,
    Headline headline,
    Map<String, Long> ratingsByClass,
    Map<String, Map<String, Long>> ratingsByProvince,
    Map<String, long[]> passRateByMonth,
    double passRateTarget,
    List<CoverageFigure> coverage,
    List<Ranked> topRegions,
    List<Ranked> topIndustries,
    List<WarningLine> topWarnings) {

  /** The figures on the first page. */
  public record Headline(
      long enterprisesRated,
      long highRisk,
      long samplingBatches,
      long samplingPassed,
      long complaints,
      long warningsRaised,
      Map<String, Long> warningsByLevel,
      long warningsOpenAtEnd,
      long coverageFigures,
      long coverageBelowTarget) {
    public double passRate() {
      return samplingBatches == 0 ? Double.NaN : 100.0 * samplingPassed / samplingBatches;
    }

    public double highRiskShare() {
      return enterprisesRated == 0 ? Double.NaN : 100.0 * highRisk / enterprisesRated;
    }
  }

  /** One figure against its target. */
  public record CoverageFigure(
      String metricCode,
      String metricLabel,
      String regionCode,
      String regionName,
      double value,
      double target,
      String comparator,
      boolean meetsTarget,
      Double yoyChange,
      String unit) {}

  /** A region or industry with its count of high-risk (C/D) enterprises. */
  public record Ranked(String code, String name, long highRisk, long total) {}

  /** A warning line for the report's table. */
  public record WarningLine(
      String levelLabel,
      String level,
      String scope,
      String subject,
      String region,
      double metric,
      Instant openedAt,
      String status) {}

  public String title() {
    return month == null ? year + "年度产品质量状况分析报告" : year + "年" + month + "月产品质量状况分析报告";
  }

  public String titleEn() {
    return month == null
        ? "Product quality situation report " + year
        : "Product quality situation report " + year + "-" + String.format("%02d", month);
  }
}
