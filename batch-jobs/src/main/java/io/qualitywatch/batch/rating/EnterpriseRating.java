package io.qualitywatch.batch.rating;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import io.qualitywatch.batch.BatchSettings;
import io.qualitywatch.batch.Regions;
import io.qualitywatch.risk.scoring.EvidenceKind;
import io.qualitywatch.risk.scoring.IndicatorGroup;
import io.qualitywatch.risk.scoring.Reason;
import io.qualitywatch.risk.scoring.RiskBand;
import io.qualitywatch.risk.scoring.RiskScore;
import io.qualitywatch.risk.scoring.RiskScorer;
import io.qualitywatch.risk.scoring.ScoreState;
import io.qualitywatch.risk.scoring.ScoringRules;
import io.qualitywatch.risk.serving.FailureModel;
import io.qualitywatch.risk.serving.ModelChoice;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Annual enterprise credit rating (企业信用风险分类): A–D with the 0–100 risk score at the end of the year,
 * every factor's contribution grouped by indicator group, and the change from last year.
 *
 * <p>The score is {@link RiskScorer#score} of the enterprise's evidence state at the year end — the
 * stream's code and weights — so the same evidence rates the same in both. The state's per-kind
 * decayed units are sums ({@link EvidenceSums}): one hash aggregate per enterprise, plus the
 * attributes an enterprise missing from the register is rated under, then the scorer per enterprise
 * ({@link SumsScorer}); no event is shuffled one by one.
 *
 * <p>An enterprise of the register without any evidence gets the configured no-history class
 * (default B, score at that class's lower cut): no record is not evidence of low risk.
 *
 * <p>With {@code batch.model.*} configured, each enterprise with evidence also gets the learned
 * model's probability that its next inspection after the rating date fails ({@code
 * failure_probability}), its top reasons and {@code model_version}, from {@link FailureModel} over
 * the same evidence — the stream's code, so the same history gives the same probability ({@link
 * FailurePredictions}). Without the configuration these columns do not exist.
 */
public final class EnterpriseRating {
  private EnterpriseRating() {}

  public static final StructType FACTOR =
      new StructType()
          .add("code", DataTypes.StringType)
          .add("kind", DataTypes.StringType)
          .add("label", DataTypes.StringType)
          .add("group", DataTypes.StringType)
          .add("group_label", DataTypes.StringType)
          .add("weight", DataTypes.DoubleType)
          .add("decayed_units", DataTypes.DoubleType)
          // weight × decayed units: negative for reassuring evidence
          .add("raw", DataTypes.DoubleType)
          // share of the 0–100 score (the scorer's reason points), 0 for reassuring evidence
          .add("points", DataTypes.DoubleType);

  public static final StructType GROUP =
      new StructType()
          .add("group", DataTypes.StringType)
          .add("label", DataTypes.StringType)
          .add("points", DataTypes.DoubleType)
          .add("raw", DataTypes.DoubleType);

  /** First instant of {@code year + 1} in the rating zone: a year's rating is as of its end. */
  public static long yearEndMillis(int year, ZoneId zone) {
    return LocalDate.of(year + 1, 1, 1).atStartOfDay(zone).toInstant().toEpochMilli();
  }

  /**
   * @param facts {@link io.qualitywatch.batch.archive.EventFacts} rows (any years)
   * @param enterprises the register ({@code ReferenceTables.ENTERPRISE})
   */
  public static Dataset<Row> rate(
      Dataset<Row> facts, Dataset<Row> enterprises, int year, BatchSettings settings) {
    long asOf = yearEndMillis(year, settings.zone());
    long prevAsOf = yearEndMillis(year - 1, settings.zone());
    Dataset<Row> evidence =
        facts.where(
            col("evidence_kind")
                .isNotNull()
                .and(col("event_ms").lt(asOf))
                .and(col("credit_code").isNotNull()));
    // Attributes only for codes missing from the register; joined to the sums on their key, so
    // the sums keep the aggregate's partitioning for the register join below.
    Dataset<Row> sums =
        EvidenceSums.perEnterprise(evidence, settings.rules(), asOf, prevAsOf)
            .join(
                EvidenceSums.unregisteredAttributes(evidence, enterprises).hint("shuffle_hash"),
                EvidenceSums.joinKey(),
                "left");
    ModelChoice model = settings.model();
    if (model != null) {
      // Load on the driver first: a wrong version or feature schema fails before any task runs.
      FailureModel.shared(model);
    }
    RiskBand nh = settings.noHistoryBand();
    double nhScore = noHistoryScore(settings.rules(), nh);
    Column established = col("e.established");
    Column existedLastYear =
        established
            .isNull()
            .or(established.lt(lit(LocalDate.of(year, 1, 1).toString()).cast("date")));
    // Hash join, register as the build side: the sorts of a sort-merge join over millions of rows
    // cost more than a hash table of one partition's register entries. Joined on the code's hash
    // too, so the sums stay partitioned as their aggregate left them (no second shuffle).
    Dataset<Row> e =
        enterprises
            .withColumn(EvidenceSums.KEY_HASH, EvidenceSums.keyHash())
            .hint("shuffle_hash")
            .alias("e");
    Dataset<Row> s = sums.alias("s");
    Dataset<Row> registeredOrScored =
        e.join(
                s,
                col("e." + EvidenceSums.KEY_HASH)
                    .equalTo(col("s." + EvidenceSums.KEY_HASH))
                    .and(col("e.credit_code").equalTo(col("s.credit_code"))),
                "full_outer")
            // Enterprises registered after the year end are not rated for that year.
            .where(
                established
                    .isNull()
                    .or(established.lt(lit(LocalDate.of(year + 1, 1, 1).toString()).cast("date"))));
    // Scored after the join so that the join moves the narrow sums, not the explanations; only
    // rows with evidence are scored.
    Column result =
        when(
            col("s.credit_code").isNotNull(),
            udf(new SumsScorer(settings.rules(), asOf, prevAsOf), SumsScorer.RESULT)
                .apply(
                    col("s." + EvidenceSums.NOW),
                    col("s." + EvidenceSums.PREV),
                    col("s.evidence_count"),
                    col("s.prev_evidence_count"),
                    col("s.last_evidence_ms"),
                    col("s.prev_last_ms")));
    Dataset<Row> scored = registeredOrScored.withColumn("r", result);
    // The model needs each enterprise's event history, which the sums above do not keep: a
    // separate per-enterprise pass, paid only when a model is configured.
    Dataset<Row> joined =
        model == null
            ? scored
            : scored.join(
                FailurePredictions.of(evidence, model, asOf).alias("p"),
                col("s.credit_code").equalTo(col("p.p_code")),
                "left");
    Column noHistory = col("s.credit_code").isNull();
    Column prevNoHistory = coalesce(col("s.prev_evidence_count"), lit(0L)).equalTo(0L);
    Column score = when(noHistory, lit(nhScore)).otherwise(col("r.score"));
    Column band = when(noHistory, lit(nh.name())).otherwise(col("r.band"));
    Column prevScore =
        when(not(existedLastYear), lit(null).cast("double"))
            .when(prevNoHistory, lit(nhScore))
            .otherwise(col("r.prev_score"));
    Column prevBand =
        when(not(existedLastYear), lit(null).cast("string"))
            .when(prevNoHistory, lit(nh.name()))
            .otherwise(col("r.prev_band"));
    Column creditCode = coalesce(col("e.credit_code"), col("s.credit_code"));
    Column region = coalesce(col("e.region_code"), fromEvidence("ev_region"));
    List<Column> out =
        new ArrayList<>(
            List.of(
                concat_ws(":", creditCode, lit(String.valueOf(year))).as("rating_id"),
                lit(year).as("year"),
                creditCode.as("credit_code"),
                coalesce(col("e.name"), fromEvidence("ev_name")).as("enterprise_name"),
                region.as("region_code"),
                Regions.city(region).as("city_code"),
                Regions.province(region).as("province_code"),
                coalesce(col("e.industry_code"), fromEvidence("ev_industry")).as("industry_code"),
                col("e.size_class").as("size_class"),
                score.as("score"),
                band.as("band"),
                noHistory.as("no_history"),
                col("e.credit_code").isNull().as("unregistered"),
                col("r.factors").as("factors"),
                coalesce(col("r.groups"), emptyGroups()).as("groups"),
                coalesce(col("s.evidence_count"), lit(0L)).as("evidence_count"),
                coalesce(col("s.evidence_in_year"), lit(0L)).as("evidence_in_year"),
                prevScore.as("prev_score"),
                prevBand.as("prev_band"),
                lit(settings.rules().version()).as("rules_version"),
                lit(new Timestamp(asOf)).as("as_of")));
    if (model != null) {
      // Null for enterprises without evidence, like their rating's default class.
      out.add(col("p.failure_probability").as("failure_probability"));
      out.add(col("p.failure_reasons").as("failure_reasons"));
      out.add(lit(model.version()).as("model_version"));
    }
    Dataset<Row> rated = joined.select(out.toArray(Column[]::new));
    return rated
        .withColumn("score_change", round(col("score").minus(col("prev_score")), 2))
        .withColumn("band_change", bandChange(col("prev_band"), col("band")))
        .withColumn("band_label", bandLabel(col("band")));
  }

  /**
   * An attribute from the evidence, for enterprises missing from the register only: a register
   * entry's own empty field stays empty rather than being filled from events.
   */
  private static Column fromEvidence(String column) {
    return when(col("e.credit_code").isNull(), col("s." + column));
  }

  /** Score given to an enterprise without evidence: the lower cut of its class (A: 0). */
  static double noHistoryScore(ScoringRules rules, RiskBand band) {
    return band == RiskBand.A ? 0.0 : rules.bandCuts().get(band.ordinal() - 1);
  }

  private static long yearStart(int year, ZoneId zone) {
    return yearEndMillis(year - 1, zone);
  }

  private static Column bandChange(Column prev, Column now) {
    // Bands ordered A (best) … D: UP means a better (lower-risk) class than last year.
    return when(prev.isNull(), lit("NEW"))
        .when(prev.equalTo(now), lit("SAME"))
        .when(prev.gt(now), lit("UP"))
        .otherwise(lit("DOWN"));
  }

  private static Column bandLabel(Column band) {
    Column c = lit(null).cast("string");
    for (RiskBand b : RiskBand.values()) {
      c = when(band.equalTo(b.name()), lit(b.label())).otherwise(c);
    }
    return c;
  }

  private static Column emptyGroups() {
    List<Column> groups = new ArrayList<>();
    for (IndicatorGroup g : IndicatorGroup.values()) {
      groups.add(
          org.apache.spark.sql.functions.struct(
              lit(g.name()).as("group"),
              lit(g.label()).as("label"),
              lit(0.0).as("points"),
              lit(0.0).as("raw")));
    }
    return org.apache.spark.sql.functions.array(groups.toArray(Column[]::new));
  }

  /**
   * The batch entry of scoring for one enterprise: {@link RiskScorer#score} of its state at the
   * year end, plus the per-kind detail the rating explains itself with.
   */
  public static RatedEnterprise score(
      String creditCode, ScoreState state, ScoringRules rules, long asOfMillis) {
    RiskScore s = new RiskScorer(rules, Integer.MAX_VALUE).score(creditCode, state, asOfMillis);
    ScoreState at = state.copy();
    at.decayTo(asOfMillis, rules);
    Map<EvidenceKind, Double> points = new EnumMap<>(EvidenceKind.class);
    for (Reason r : s.reasons()) {
      points.put(r.kind(), r.points());
    }
    List<Factor> factors = new ArrayList<>();
    for (EvidenceKind k : EvidenceKind.values()) {
      double units = at.decayed[k.ordinal()];
      if (units != 0) {
        double w = rules.rule(k).weight();
        factors.add(
            new Factor(k, w, round4(units), round4(w * units), points.getOrDefault(k, 0.0)));
      }
    }
    factors.sort((a, b) -> Double.compare(b.raw(), a.raw()));
    return new RatedEnterprise(s, factors);
  }

  /** One evidence kind's part in a rating. */
  public record Factor(
      EvidenceKind kind, double weight, double decayedUnits, double raw, double points) {}

  public record RatedEnterprise(RiskScore score, List<Factor> factors) {}

  private static double round4(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
