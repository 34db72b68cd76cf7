package io.qualitywatch.batch.coverage;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.qualitywatch.batch.Regions;
import io.qualitywatch.batch.rating.EnterpriseRating;
import io.qualitywatch.ingestion.contract.CertificateEvent.CertificateType;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The metric rows of the rating year and the year before, {@code (year, level, region, industry,
 * metric, num, den, value)}, with the definitions of docs/batch.md.
 *
 * <p>Why it is shaped like this: every source (facts, register, ratings, institutions) is read once
 * for both years and counted at its finest grain — year × region code × industry code, a few
 * thousand rows — with conditional sums, one aggregate per source. The grains are unioned and
 * rolled up onto the national/province/city keys in one aggregate, and each rolled-up row yields
 * all its metrics. Counts and sums roll up exactly. Certificates are the exception: their state is
 * per certificate, and certified organisations is a distinct count, so they are rolled up from one
 * row per certificate and year. A metric row exists exactly where the per-metric aggregation of the
 * first version produced one: count metrics where the count is positive, ratios where the
 * denominator is, institution counts wherever an institution is.
 */
final class YearMetrics {
  private YearMetrics() {}

  private static final String SAMPLING = "sampling-result";

  static Dataset<Row> of(
      Dataset<Row> facts,
      Dataset<Row> enterprises,
      Dataset<Row> institutions,
      Dataset<Row> ratings,
      int year,
      ZoneId zone) {
    int[] years = {year, year - 1};
    Dataset<Row> grain =
        eventGrain(facts, institutions, years)
            .unionByName(registerGrain(enterprises, years), true)
            .unionByName(ratingGrain(ratings, year), true)
            .unionByName(institutionGrain(institutions, years), true);
    List<Column> sums = new ArrayList<>();
    for (String c : SUMMED) {
      sums.add(sum(col(c)).as(c));
    }
    Dataset<Row> rolled =
        CoverageStats.keyed(grain, true)
            .groupBy("year", "level", "region", "industry")
            .agg(sums.get(0), sums.subList(1, sums.size()).toArray(Column[]::new));
    List<Column> metrics = new ArrayList<>();
    metrics.add(countMetric("enterprises", "n"));
    metrics.add(countMetric("sampling_batches", "sampling"));
    metrics.add(ratio("sampling_pass_rate", "pass", "sampling"));
    metrics.add(countMetric("complaints", "complaints"));
    metrics.add(
        metric(
            "complaints_per_10k",
            col("complaints"),
            col("n"),
            col("complaints").multiply(10_000.0).divide(col("n")),
            col("complaints").gt(0).and(col("n").gt(0))));
    Column allIndustries = col("industry").equalTo("*");
    metrics.add(
        metric(
            "testing_capability_coverage",
            col("tested_local"),
            col("tested"),
            col("tested_local").divide(col("tested")),
            allIndustries.and(col("tested").gt(0))));
    Column hasInstitution = allIndustries.and(col("institutions").gt(0));
    metrics.add(
        metric("cnas_institutions", col("cnas"), null, col("cnas").cast("double"), hasInstitution));
    metrics.add(
        metric("cma_institutions", col("cma"), null, col("cma").cast("double"), hasInstitution));
    for (String b : BANDS) {
      metrics.add(ratio("rating_share_" + b, "band_" + b, "rated"));
    }
    return rows(rolled, metrics.toArray(Column[]::new))
        .unionByName(certificates(facts, years, zone));
  }

  private static final List<String> BANDS = List.of("A", "B", "C", "D");

  /** Every additive column of the grains (absent = null in a grain that does not have it). */
  private static final List<String> SUMMED =
      List.of(
          "n",
          "sampling",
          "pass",
          "complaints",
          "tested",
          "tested_local",
          "institutions",
          "cnas",
          "cma",
          "rated",
          "band_A",
          "band_B",
          "band_C",
          "band_D");

  /**
   * Sampled batches, passes, complaints and testing capability per (year, region, industry): one
   * scan of both years' facts. The institution of a sampled batch is looked up through two small
   * broadcast tables, so a batch counts once per matching institution record, as a join would.
   */
  private static Dataset<Row> eventGrain(
      Dataset<Row> facts, Dataset<Row> institutions, int[] years) {
    Dataset<Row> labs =
        institutions.select(
            col("credit_code").as("lab_code"),
            Regions.province(col("region_code")).as("lab_province"));
    // One row per lab code: its records, and its records per province (usually one entry).
    Dataset<Row> perLab =
        labs.groupBy(col("lab_code"), col("lab_province"))
            .agg(count(lit(1)).as("records"))
            .groupBy("lab_code")
            .agg(
                sum(col("records")).as("lab_records"),
                map_from_entries(
                        collect_list(
                            when(
                                col("lab_province").isNotNull(),
                                struct(col("lab_province"), col("records")))))
                    .as("per_province"));
    Column sampling = col("type").equalTo(SAMPLING);
    Column tested = sampling.and(col("testing_institution").isNotNull());
    Column complaint =
        col("type").equalTo("complaint").and(col("subkind").isin("COMPLAINT", "REPORT"));
    Dataset<Row> f =
        facts
            .where(col("year").isin(years[0], years[1]).and(sampling.or(complaint)))
            .select(
                "year", "type", "subkind", "region_code", "industry_code", "testing_institution");
    Dataset<Row> looked =
        f.join(
            broadcast(perLab),
            tested.and(col("testing_institution").equalTo(col("lab_code"))),
            "left");
    Column local = col("per_province").getItem(Regions.province(col("region_code")));
    return looked
        .groupBy("year", "region_code", "industry_code")
        .agg(
            sum(when(sampling, 1L).otherwise(0L)).as("sampling"),
            sum(when(sampling.and(col("subkind").equalTo("PASS")), 1L).otherwise(0L)).as("pass"),
            sum(when(complaint, 1L).otherwise(0L)).as("complaints"),
            // A batch whose institution is not on record still counts once (a left join).
            sum(when(tested, coalesce(col("lab_records"), lit(1L))).otherwise(0L)).as("tested"),
            sum(when(tested, coalesce(local, lit(0L))).otherwise(0L)).as("tested_local"));
  }

  /** Register entries established before each year's end, per (year, region, industry). */
  private static Dataset<Row> registerGrain(Dataset<Row> enterprises, int[] years) {
    List<Column> counts = new ArrayList<>();
    List<Column> perYear = new ArrayList<>();
    for (int y : years) {
      Column est = col("established");
      Column existed =
          est.isNull().or(est.lt(lit(LocalDate.of(y + 1, 1, 1).toString()).cast("date")));
      counts.add(sum(when(existed, 1L).otherwise(0L)).as("n" + y));
      perYear.add(struct(lit(y).as("year"), col("n" + y).as("n")));
    }
    return byYear(
        enterprises
            .groupBy("region_code", "industry_code")
            .agg(counts.get(0), counts.subList(1, counts.size()).toArray(Column[]::new)),
        perYear);
  }

  /** Rated enterprises per class: this year's {@code band}, last year's {@code prev_band}. */
  private static Dataset<Row> ratingGrain(Dataset<Row> ratings, int year) {
    List<Column> aggs = new ArrayList<>();
    List<Column> now = new ArrayList<>(List.of(lit(year).as("year")));
    List<Column> prev = new ArrayList<>(List.of(lit(year - 1).as("year")));
    for (String[] y : new String[][] {{"band", "c", "now"}, {"prev_band", "p", "prev"}}) {
      List<Column> out = y[2].equals("now") ? now : prev;
      aggs.add(count(col(y[0])).as(y[1] + "_rated"));
      out.add(col(y[1] + "_rated").as("rated"));
      for (String b : BANDS) {
        aggs.add(sum(when(col(y[0]).equalTo(b), 1L).otherwise(0L)).as(y[1] + "_" + b));
        out.add(col(y[1] + "_" + b).as("band_" + b));
      }
    }
    return byYear(
        ratings
            .groupBy("region_code", "industry_code")
            .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)),
        List.of(struct(now.toArray(Column[]::new)), struct(prev.toArray(Column[]::new))));
  }

  /** Institutions located in the region; not dated, so the same figures for both years. */
  private static Dataset<Row> institutionGrain(Dataset<Row> institutions, int[] years) {
    List<Column> perYear = new ArrayList<>();
    for (int y : years) {
      perYear.add(struct(lit(y).as("year"), col("institutions"), col("cnas"), col("cma")));
    }
    return byYear(
        institutions
            .groupBy(col("region_code"), lit(null).cast("string").as("industry_code"))
            .agg(
                count(lit(1)).as("institutions"),
                sum(when(col("cnas_accredited"), 1L).otherwise(0L)).as("cnas"),
                sum(when(col("cma_qualified"), 1L).otherwise(0L)).as("cma")),
        perYear);
  }

  /**
   * Certificate state at each year end — the latest lifecycle transition (abuse reports are not
   * transitions) — from one aggregate over the certificate events for both years, then valid
   * certificates (all and per type of the contract), holders and CCC conformity in one roll-up.
   */
  private static Dataset<Row> certificates(Dataset<Row> facts, int[] years, ZoneId zone) {
    Column abuse = col("subkind").equalTo("ABUSE");
    List<Column> aggs = new ArrayList<>();
    List<Column> perYear = new ArrayList<>();
    for (int y : years) {
      Column counts =
          abuse.unary_$bang().and(col("event_ms").lt(EnterpriseRating.yearEndMillis(y, zone)));
      Column at = when(counts, col("event_ms"));
      String s = "_" + y;
      aggs.add(max(when(counts, 1)).as("present" + s));
      aggs.add(max_by(col("subkind"), at).as("state" + s));
      aggs.add(max_by(col("cert_type"), at).as("cert_type" + s));
      aggs.add(max_by(col("credit_code"), at).as("credit_code" + s));
      aggs.add(max_by(col("region_code"), at).as("region_code" + s));
      aggs.add(max_by(col("industry_code"), at).as("industry_code" + s));
      aggs.add(max(when(counts, when(col("year").equalTo(y), 1).otherwise(0))).as("touched" + s));
      // A CCC certificate suspended, revoked or abused during the year (abuse included here).
      aggs.add(
          max(when(
                      col("cert_id")
                          .isNotNull()
                          .and(col("year").equalTo(y))
                          .and(col("cert_type").equalTo("CCC"))
                          .and(col("subkind").isin("SUSPENDED", "REVOKED", "ABUSE")),
                      1)
                  .otherwise(0))
              .as("bad" + s));
      perYear.add(
          struct(
              lit(y).as("year"),
              col("present" + s).as("present"),
              col("state" + s).as("state"),
              col("cert_type" + s).as("cert_type"),
              col("credit_code" + s).as("credit_code"),
              col("region_code" + s).as("region_code"),
              col("industry_code" + s).as("industry_code"),
              col("touched" + s).as("touched"),
              col("bad" + s).as("bad")));
    }
    Dataset<Row> perCert =
        facts
            .where(col("type").equalTo("certificate"))
            .groupBy("cert_id")
            .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new));
    Dataset<Row> keyed =
        CoverageStats.keyed(byYear(perCert, perYear).where(col("present").equalTo(1)), true);
    Column valid = col("state").equalTo("ISSUED");
    Column cccActive =
        col("cert_type")
            .equalTo("CCC")
            .and(valid.or(col("touched").equalTo(1)))
            .and(col("industry").equalTo("*"));
    // Per type: one conditional count per metric name, so the certificates are rolled up once.
    // The condition names the contract's types (the lake's cert_type is the enum constant's name)
    // rather than lower-casing each row's type into a metric name: that ran for every row and
    // metric, through ICU's case mapping.
    Map<String, List<String>> typeMetrics = new LinkedHashMap<>();
    for (CertificateType t : CertificateType.values()) {
      typeMetrics
          .computeIfAbsent(
              "certificates_valid_"
                  + (t == CertificateType.GREEN || t == CertificateType.ORGANIC
                      ? "green_organic"
                      : t.name().toLowerCase(Locale.ROOT)),
              m -> new ArrayList<>())
          .add(t.name());
    }
    List<Column> aggs2 = new ArrayList<>();
    aggs2.add(countDistinct(when(valid, col("credit_code"))).as("holders"));
    aggs2.add(sum(when(cccActive, 1L).otherwise(0L)).as("ccc_active"));
    aggs2.add(
        sum(when(cccActive.and(col("bad").equalTo(0)), 1L).otherwise(0L)).as("ccc_conforming"));
    List<Column> metrics = new ArrayList<>();
    for (Map.Entry<String, List<String>> m : typeMetrics.entrySet()) {
      aggs2.add(
          sum(when(valid.and(col("cert_type").isin(m.getValue().toArray())), 1L).otherwise(0L))
              .as(m.getKey()));
      metrics.add(countMetric(m.getKey(), m.getKey()));
    }
    Dataset<Row> rolled =
        keyed
            .groupBy("year", "level", "region", "industry")
            .agg(sum(when(valid, 1L).otherwise(0L)).as("certs"), aggs2.toArray(Column[]::new));
    metrics.add(
        metric(
            "certificates_valid",
            col("certs"),
            null,
            col("certs").cast("double"),
            col("certs").gt(0)));
    metrics.add(
        metric(
            "certified_organisations",
            col("holders"),
            null,
            col("holders").cast("double"),
            col("certs").gt(0)));
    metrics.add(ratio("ccc_conformity_rate", "ccc_conforming", "ccc_active"));
    return rows(rolled, metrics.toArray(Column[]::new));
  }

  // ---------------------------------------------------------------------------------------------

  /** Grain rows (region_code, industry_code, per-year struct fields) from per-year structs. */
  private static Dataset<Row> byYear(Dataset<Row> grain, List<Column> perYear) {
    List<Column> keep = new ArrayList<>();
    for (String c : List.of("region_code", "industry_code")) {
      if (List.of(grain.columns()).contains(c)) {
        keep.add(col(c));
      }
    }
    keep.add(explode(array(perYear.toArray(Column[]::new))).as("y"));
    List<Column> out = new ArrayList<>();
    for (String c : List.of("region_code", "industry_code")) {
      if (List.of(grain.columns()).contains(c)) {
        out.add(col(c));
      }
    }
    out.add(col("y.*"));
    return grain.select(keep.toArray(Column[]::new)).select(out.toArray(Column[]::new));
  }

  private static Column countMetric(String name, String counted) {
    return metric(
        name,
        col(counted),
        null,
        col(counted).cast("double"),
        coalesce(col(counted), lit(0L)).gt(0));
  }

  private static Column ratio(String name, String num, String den) {
    return metric(
        name, col(num), col(den), col(num).divide(col(den)), coalesce(col(den), lit(0L)).gt(0));
  }

  /** One metric of an aggregated row, emitted where {@code present} holds. */
  private static Column metric(String name, Column num, Column den, Column value, Column present) {
    Column there = coalesce(present, lit(false));
    return struct(
        lit(name).as("metric"),
        num.cast("long").as("num"),
        (den == null ? lit(null) : den).cast("long").as("den"),
        // Guarded: ANSI mode would fail on the ratio of a row that is dropped anyway.
        when(there, value).cast("double").as("value"),
        there.as("present"));
  }

  /** Long rows (year, level, region, industry, metric, num, den, value) of aggregated rows. */
  private static Dataset<Row> rows(Dataset<Row> aggregated, Column... metrics) {
    return aggregated
        .select(
            col("year"),
            col("level"),
            col("region"),
            col("industry"),
            explode(array(metrics)).as("m"))
        .where(col("m.present"))
        .select(
            col("year"),
            col("level"),
            col("region"),
            col("industry"),
            col("m.metric").as("metric"),
            col("m.num").as("num"),
            col("m.den").as("den"),
            col("m.value").as("value"));
  }
}
