package io.qualitywatch.batch.institution;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.qualitywatch.batch.BatchSettings;
import io.qualitywatch.batch.Regions;
import io.qualitywatch.batch.rating.EnterpriseRating;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Credit evaluation of testing and certification institutions (检验检测/认证机构信用评价), A (low risk) … D
 * (high), from the year's annual report and self-declaration, proficiency tests, supervision
 * findings, penalties and complaints. Each fact adds configured risk points, capped at 100; the
 * cuts are configuration. Institutions under a lifetime ban or permanent exit, or on the
 * serious-dishonesty list at the year end, are excluded from the evaluation and flagged: they get
 * no class, because a class would let them take part in procurement by that class.
 *
 * <p>Dimensions follow the 2025 national norm's groups (基本信息, 经营状况, 监督执法, 能力水平) plus social
 * evaluation (complaints).
 */
public final class InstitutionEvaluation {
  private InstitutionEvaluation() {}

  /** One factor: code, label, group, the config key of its weight, and how its value is counted. */
  private record FactorDef(
      String code, String label, String group, String weightKey, Column value) {}

  public static Dataset<Row> evaluate(
      Dataset<Row> facts, Dataset<Row> institutions, int year, BatchSettings settings) {
    Dataset<Row> now = evaluateYear(facts, institutions, year, settings);
    Dataset<Row> prev =
        evaluateYear(facts, institutions, year - 1, settings)
            .select(col("credit_code").as("p_code"), col("rating").as("previous_rating"));
    return now.join(prev, col("credit_code").equalTo(col("p_code")), "left").drop("p_code");
  }

  static Dataset<Row> evaluateYear(
      Dataset<Row> facts, Dataset<Row> institutions, int year, BatchSettings settings) {
    long asOf = EnterpriseRating.yearEndMillis(year, settings.zone());
    Column inYear = col("year").equalTo(year);
    Column sub = col("subkind");
    Dataset<Row> counts =
        facts
            .where(col("credit_code").isNotNull().and(col("event_ms").lt(asOf)))
            .groupBy(col("credit_code").as("f_code"))
            .agg(
                // The annual report on year Y−1 is due within year Y (by the end of April).
                max(when(sub.equalTo("ANNUAL_REPORT").and(col("report_year").equalTo(year - 1)), 1)
                        .otherwise(0))
                    .as("annual_reports"),
                max(when(sub.equalTo("SELF_DECLARATION").and(col("report_year").equalTo(year)), 1)
                        .otherwise(0))
                    .as("self_declarations"),
                count(inYear.and(col("proficiency").equalTo("UNSATISFACTORY")))
                    .as("pt_unsatisfactory"),
                count(inYear.and(col("proficiency").equalTo("QUESTIONABLE"))).as("pt_questionable"),
                count(inYear.and(col("proficiency").equalTo("SATISFACTORY"))).as("pt_satisfactory"),
                sum(when(
                            inYear.and(sub.equalTo("SUPERVISION_FINDING")),
                            coalesce(col("findings"), lit(0)))
                        .otherwise(0))
                    .as("supervision_findings"),
                count(inYear.and(sub.equalTo("PENALTY"))).as("penalties"),
                count(inYear.and(sub.equalTo("ABNORMAL_OPERATION_LISTED"))).as("abnormal"),
                count(
                        inYear
                            .and(col("type").equalTo("complaint"))
                            .and(sub.isin("COMPLAINT", "REPORT")))
                    .as("complaints"),
                max(when(sub.isin("PERMANENT_EXIT", "LIFETIME_BAN"), 1).otherwise(0)).as("banned"),
                // Listed at the year end: the latest of listing and removal decides.
                max_by(
                        when(sub.equalTo("BLACKLIST_LISTED"), 1).otherwise(0),
                        when(sub.isin("BLACKLIST_LISTED", "BLACKLIST_REMOVED"), col("event_ms")))
                    .as("listed"));
    Map<String, Double> w = settings.institutionWeights();
    Column isLab = col("i.kind").equalTo("TESTING_LAB");
    List<FactorDef> defs =
        List.of(
            new FactorDef(
                "F01", "未按时报送年度报告", "BASIC", "no_annual_report", lit(1).minus(n("annual_reports"))),
            new FactorDef(
                "F02",
                "未作出自我声明",
                "BASIC",
                "no_self_declaration",
                when(isLab, lit(1).minus(n("self_declarations"))).otherwise(0)),
            new FactorDef(
                "F10",
                "能力验证不满意",
                "CAPABILITY",
                "proficiency_unsatisfactory",
                n("pt_unsatisfactory")),
            new FactorDef(
                "F11", "能力验证有问题", "CAPABILITY", "proficiency_questionable", n("pt_questionable")),
            new FactorDef(
                "F20", "监督检查发现问题", "SUPERVISION", "supervision_finding", n("supervision_findings")),
            new FactorDef("F21", "行政处罚", "SUPERVISION", "penalty", n("penalties")),
            new FactorDef("F22", "列入经营异常名录", "OPERATING", "abnormal_operation", n("abnormal")),
            new FactorDef("F30", "投诉举报", "SOCIAL", "complaint", n("complaints")));
    Column[] factorStructs = new Column[defs.size()];
    for (int i = 0; i < defs.size(); i++) {
      FactorDef d = defs.get(i);
      double weight = w.get(d.weightKey());
      Column contribution = d.value().multiply(weight);
      if (d.weightKey().equals("complaint")) {
        // A burst of complaints must not outweigh a failed proficiency test.
        contribution = least(contribution, lit(w.get("complaint_cap")));
      }
      factorStructs[i] =
          struct(
              lit(d.code()).as("code"),
              lit(d.label()).as("label"),
              lit(d.group()).as("group"),
              lit(weight).as("weight"),
              d.value().cast("double").as("value"),
              round(contribution.cast("double"), 2).as("contribution"));
    }
    Column excluded = n("banned").equalTo(1).or(n("listed").equalTo(1));
    Dataset<Row> joined =
        institutions.alias("i").join(counts, col("i.credit_code").equalTo(col("f_code")), "left");
    Column factors = filter(array(factorStructs), f -> f.getField("contribution").gt(0));
    Column points =
        org.apache.spark.sql.functions.aggregate(
            factors, lit(0.0), (acc, f) -> acc.plus(f.getField("contribution")));
    List<Double> cuts = settings.institutionCuts();
    Column score = least(lit(100.0), round(points, 2));
    Column rating =
        when(excluded, lit(null).cast("string"))
            .when(score.geq(cuts.get(2)), lit("D"))
            .when(score.geq(cuts.get(1)), lit("C"))
            .when(score.geq(cuts.get(0)), lit("B"))
            .otherwise(lit("A"));
    return joined.select(
        concat_ws(":", col("i.credit_code"), lit(String.valueOf(year))).as("rating_id"),
        lit(year).as("year"),
        col("i.credit_code").as("credit_code"),
        col("i.name").as("institution_name"),
        col("i.kind").as("institution_kind"),
        col("i.region_code").as("region_code"),
        Regions.city(col("i.region_code")).as("city_code"),
        Regions.province(col("i.region_code")).as("province_code"),
        col("i.cnas_accredited").as("cnas_accredited"),
        col("i.cma_qualified").as("cma_qualified"),
        rating.as("rating"),
        label(rating).as("rating_label"),
        when(excluded, lit(null).cast("double")).otherwise(score).as("score"),
        n("listed").equalTo(1).as("blacklisted"),
        excluded.as("excluded"),
        when(n("banned").equalTo(1), lit("BANNED"))
            .when(n("listed").equalTo(1), lit("BLACKLISTED"))
            .as("exclusion_reason"),
        factors.as("factors"),
        n("pt_satisfactory").as("proficiency_satisfactory"));
  }

  private static Column n(String c) {
    return coalesce(col(c), lit(0)).cast("long");
  }

  private static Column count(Column condition) {
    return sum(when(condition, 1).otherwise(0));
  }

  private static Column label(Column rating) {
    // The institution norm's wording: 低风险 / 一般风险 / 较高风险 / 高风险.
    return when(rating.equalTo("A"), lit("低风险"))
        .when(rating.equalTo("B"), lit("一般风险"))
        .when(rating.equalTo("C"), lit("较高风险"))
        .when(rating.equalTo("D"), lit("高风险"))
        .otherwise(lit("不予评价(严重失信)"));
  }
}
