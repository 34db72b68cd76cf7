package io.qualitywatch.batch.coverage;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.qualitywatch.batch.Regions;
import io.qualitywatch.ingestion.codes.CodeTables;
import io.qualitywatch.ingestion.codes.Region;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Coverage and statistics for leadership reports (质量状况分析): per year, region (national, province,
 * city) and industry (all, and each division at national and province level), one row per metric
 * with numerator and denominator, last year's value, and the gap to the targets table. Long format
 * on purpose: a new metric or target is a row, not a schema change.
 *
 * <p>Definitions (docs/batch.md): sampling pass rate = passed / sampled batches; valid certificates
 * = certificates whose latest lifecycle transition by the year end is ISSUED; CCC conformity = 1 −
 * CCC certificates suspended, revoked or abused in the year / CCC certificates active in the year;
 * testing-capability coverage = sampled batches tested by an institution of the sampled
 * enterprise's own province / sampled batches with a known institution; complaints per 10,000
 * enterprises of the register.
 */
public final class CoverageStats {
  private CoverageStats() {}

  /** code → [label, unit]. */
  public static final Map<String, String[]> METRICS = metrics();

  public static final StructType TARGET =
      new StructType()
          .add("metric", DataTypes.StringType)
          .add("level", DataTypes.StringType)
          .add("region_code", DataTypes.StringType)
          .add("year", DataTypes.StringType)
          .add("industries", DataTypes.StringType)
          .add("comparator", DataTypes.StringType)
          .add("target", DataTypes.DoubleType)
          .add("source", DataTypes.StringType);

  public static Dataset<Row> compute(
      Dataset<Row> facts,
      Dataset<Row> enterprises,
      Dataset<Row> institutions,
      Dataset<Row> ratings,
      Dataset<Row> targets,
      int year,
      ZoneId zone) {
    // Both years in one long table; last year's value moves next to this year's by a pivot on
    // year rather than a self-join, so nothing is computed twice.
    Column now = col("year").equalTo(year);
    Dataset<Row> joined =
        YearMetrics.of(facts, enterprises, institutions, ratings, year, zone)
            .groupBy("level", "region", "industry", "metric")
            .agg(
                max(when(now, 1)).as("has_now"),
                max(when(now, col("num"))).as("num"),
                max(when(now, col("den"))).as("den"),
                max(when(now, col("value"))).as("value"),
                max(when(col("year").equalTo(year - 1), col("value"))).as("previous_value"))
            .where(col("has_now").equalTo(1));
    Dataset<Row> withTargets = withTargets(joined, targets, year);
    Column gap =
        when(col("comparator").equalTo(">="), col("value").minus(col("target")))
            .when(col("comparator").equalTo("<="), col("target").minus(col("value")));
    Dataset<Row> names = regionNames(facts.sparkSession());
    return withTargets
        .join(names, col("region").equalTo(col("n_code")), "left")
        .select(
            concat_ws(
                    ":",
                    lit(String.valueOf(year)),
                    col("level"),
                    col("region"),
                    col("industry"),
                    col("metric"))
                .as("coverage_id"),
            lit(year).as("year"),
            col("level").as("region_level"),
            col("region").as("region_code"),
            when(col("level").equalTo("CITY"), col("region")).as("city_code"),
            when(col("level").isin("CITY", "PROVINCE"), Regions.province(col("region")))
                .as("province_code"),
            coalesce(col("n_name"), when(col("level").equalTo("NATIONAL"), lit("全国")))
                .as("region_name"),
            col("industry").as("industry_code"),
            col("metric").as("metric_code"),
            label(col("metric"), 0).as("metric_label"),
            round(col("value"), 6).as("value"),
            col("num").cast("double").as("numerator"),
            col("den").cast("double").as("denominator"),
            label(col("metric"), 1).as("unit"),
            col("target"),
            col("comparator").as("target_comparator"),
            round(gap, 6).as("gap"),
            // Relative gap ranks shortfalls across metrics of different units.
            round(gap.divide(col("target")), 6).as("gap_ratio"),
            when(col("target").isNotNull(), gap.geq(0)).as("meets_target"),
            round(col("previous_value"), 6).as("previous_value"),
            round(col("value").minus(col("previous_value")), 6).as("yoy_change"));
  }

  /**
   * Explodes rows onto their group keys: national, province, city (all industries), and — with
   * {@code byIndustry} — national and province per industry division.
   */
  static Dataset<Row> keyed(Dataset<Row> rows, boolean byIndustry) {
    Column region = col("region_code");
    Column industry = col("industry_code");
    List<Column> keys = new ArrayList<>();
    keys.add(key(lit("NATIONAL"), lit("000000"), lit("*")));
    keys.add(key(lit("PROVINCE"), Regions.province(region), lit("*")));
    keys.add(key(lit("CITY"), Regions.city(region), lit("*")));
    if (byIndustry) {
      keys.add(key(lit("NATIONAL"), lit("000000"), industry));
      keys.add(key(lit("PROVINCE"), Regions.province(region), industry));
    }
    // Exploded, then filtered: a filter() lambda inside the explode is an interpreted expression
    // and made Spark run the Generate without code generation, row by row.
    return rows.withColumn("k", explode(array(keys.toArray(Column[]::new))))
        .where(col("k.r").isNotNull().and(col("k.i").isNotNull()))
        .withColumn("level", col("k.l"))
        .withColumn("region", col("k.r"))
        .withColumn("industry", col("k.i"))
        .drop("k");
  }

  private static Column key(Column level, Column region, Column industry) {
    return struct(level.as("l"), region.as("r"), industry.as("i"));
  }

  /** The most specific matching target per row: exact region, then exact year, beat "*". */
  static Dataset<Row> withTargets(Dataset<Row> rows, Dataset<Row> targets, int year) {
    Dataset<Row> t =
        targets.select(
            col("metric").as("t_metric"),
            col("level").as("t_level"),
            col("region_code").as("t_region"),
            col("year").as("t_year"),
            col("industries").as("t_industries"),
            col("comparator"),
            col("target"));
    Column match =
        col("metric")
            .equalTo(col("t_metric"))
            .and(col("t_level").equalTo("*").or(col("t_level").equalTo(col("level"))))
            .and(col("t_region").equalTo("*").or(col("t_region").equalTo(col("region"))))
            .and(col("t_year").equalTo("*").or(col("t_year").equalTo(String.valueOf(year))))
            .and(col("t_industries").equalTo("EACH").or(col("industry").equalTo("*")));
    Column specificity =
        when(col("t_region").notEqual("*"), 4)
            .otherwise(0)
            .plus(when(col("t_year").notEqual("*"), 2).otherwise(0))
            .plus(when(col("t_level").notEqual("*"), 1).otherwise(0));
    Dataset<Row> j =
        rows.join(t, match, "left")
            .withColumn("spec", specificity)
            .withColumn(
                "pick",
                row_number()
                    .over(
                        Window.partitionBy("level", "region", "industry", "metric")
                            .orderBy(col("spec").desc_nulls_last())))
            .where(col("pick").equalTo(1));
    return j.select(
        col("level"),
        col("region"),
        col("industry"),
        col("metric"),
        col("num"),
        col("den"),
        col("value"),
        col("previous_value"),
        col("target"),
        col("comparator"));
  }

  /** The targets table: {@code file}, or the bundled one seeded from the domain brief. */
  public static Dataset<Row> targets(SparkSession spark, String file) {
    String text;
    try (InputStream in =
        file == null
            ? CoverageStats.class.getResourceAsStream("/targets/targets.tsv")
            : Files.newInputStream(Path.of(file))) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read targets table " + file, e);
    }
    List<Row> rows = new ArrayList<>();
    boolean header = true;
    int n = 0;
    for (String line : text.split("\n")) {
      n++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      if (header) {
        header = false;
        continue;
      }
      String[] c = line.split("\t");
      if (c.length < 7 || !METRICS.containsKey(c[0]) || !List.of(">=", "<=").contains(c[5])) {
        throw new IllegalArgumentException("targets table line " + n + ": bad row '" + line + "'");
      }
      rows.add(
          RowFactory.create(
              c[0],
              c[1],
              c[2],
              c[3],
              c[4],
              c[5],
              Double.parseDouble(c[6]),
              c.length > 7 ? c[7] : null));
    }
    return spark.createDataFrame(rows, TARGET);
  }

  private static Dataset<Row> regionNames(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (Region r : CodeTables.get().regions()) {
      rows.add(RowFactory.create(r.code(), r.name()));
    }
    return spark.createDataFrame(
        rows,
        new StructType().add("n_code", DataTypes.StringType).add("n_name", DataTypes.StringType));
  }

  private static Column label(Column metric, int i) {
    Column c = lit(null).cast("string");
    for (Map.Entry<String, String[]> m : METRICS.entrySet()) {
      c = when(metric.equalTo(m.getKey()), lit(m.getValue()[i])).otherwise(c);
    }
    return c;
  }

  private static Map<String, String[]> metrics() {
    Map<String, String[]> m = new LinkedHashMap<>();
    m.put("enterprises", new String[] {"登记企业数", "count"});
    m.put("sampling_batches", new String[] {"抽检批次", "count"});
    m.put("sampling_pass_rate", new String[] {"抽检合格率", "ratio"});
    m.put("complaints", new String[] {"投诉举报件数", "count"});
    m.put("complaints_per_10k", new String[] {"每万户企业投诉举报数", "per 10,000 enterprises"});
    m.put("certificates_valid", new String[] {"有效认证证书数", "count"});
    m.put("certified_organisations", new String[] {"获证组织数", "count"});
    for (String t :
        List.of(
            "qms",
            "ems",
            "enms",
            "ohsms",
            "ipm",
            "service",
            "food_safety",
            "ccc",
            "low_carbon",
            "energy_saving",
            "green_organic")) {
      m.put(
          "certificates_valid_" + t,
          new String[] {"有效证书数(" + t.toUpperCase(java.util.Locale.ROOT) + ")", "count"});
    }
    m.put("ccc_conformity_rate", new String[] {"CCC认证符合率", "ratio"});
    m.put("testing_capability_coverage", new String[] {"检验检测能力覆盖率", "ratio"});
    m.put("cnas_institutions", new String[] {"CNAS认可机构数", "count"});
    m.put("cma_institutions", new String[] {"CMA资质认定机构数", "count"});
    for (String b : List.of("A", "B", "C", "D")) {
      m.put("rating_share_" + b, new String[] {b + "类企业占比", "ratio"});
    }
    return m;
  }
}
