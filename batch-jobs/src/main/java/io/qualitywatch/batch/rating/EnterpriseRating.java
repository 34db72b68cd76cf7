package io.qualitywatch.batch.rating;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.when;

import io.qualitywatch.batch.BatchSettings;
import io.qualitywatch.batch.Regions;
import io.qualitywatch.risk.features.EntityHistory;
import io.qualitywatch.risk.features.HistoryKind;
import io.qualitywatch.risk.model.Prediction;
import io.qualitywatch.risk.scoring.Evidence;
import io.qualitywatch.risk.scoring.EvidenceKind;
import io.qualitywatch.risk.scoring.IndicatorGroup;
import io.qualitywatch.risk.scoring.Reason;
import io.qualitywatch.risk.scoring.RiskBand;
import io.qualitywatch.risk.scoring.RiskScore;
import io.qualitywatch.risk.scoring.RiskScorer;
import io.qualitywatch.risk.scoring.ScoreState;
import io.qualitywatch.risk.scoring.ScoringRules;
import io.qualitywatch.risk.serving.EnterpriseFeatures;
import io.qualitywatch.risk.serving.FailureModel;
import io.qualitywatch.risk.serving.ModelChoice;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Annual enterprise credit rating (企业信用风险分类): A–D with the 0–100 risk score at the end of the year,
 * every factor's contribution grouped by indicator group, and the change from last year.
 *
 * <p>The score is {@link RiskScorer#scoreAll} over the enterprise's evidence up to the year end —
 * the stream's code and weights — so the same evidence rates the same in both. Evidence is shuffled
 * by credit code and sorted within partitions, then scored partition by partition: one shuffle, no
 * per-group object encoding.
 *
 * <p>An enterprise of the register without any evidence gets the configured no-history class
 * (default B, score at that class's lower cut): no record is not evidence of low risk.
 *
 * <p>With {@code batch.model.*} configured, each enterprise with evidence also gets the learned
 * model's probability that its next inspection after the rating date fails ({@code
 * failure_probability}), its top reasons and {@code model_version}, from {@link FailureModel} over
 * the same evidence — the stream's code, so the same history gives the same probability. Without
 * the configuration these columns do not exist.
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

  /** What scoring one enterprise yields, before the register is joined on. */
  public static final StructType SCORED =
      new StructType()
          .add("credit_code", DataTypes.StringType)
          .add("ev_name", DataTypes.StringType)
          .add("ev_region", DataTypes.StringType)
          .add("ev_industry", DataTypes.StringType)
          .add("score", DataTypes.DoubleType)
          .add("band", DataTypes.StringType)
          .add("factors", DataTypes.createArrayType(FACTOR))
          .add("groups", DataTypes.createArrayType(GROUP))
          .add("evidence_count", DataTypes.LongType)
          .add("evidence_in_year", DataTypes.LongType)
          .add("last_evidence_ms", DataTypes.LongType)
          .add("prev_score", DataTypes.DoubleType)
          .add("prev_band", DataTypes.StringType)
          .add("prev_evidence_count", DataTypes.LongType);

  /** {@link #SCORED} plus the model's columns. */
  public static final StructType SCORED_WITH_MODEL =
      SCORED
          .add("failure_probability", DataTypes.DoubleType)
          .add("failure_reasons", DataTypes.createArrayType(DataTypes.StringType));

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
        facts
            .where(col("evidence_kind").isNotNull().and(col("event_ms").lt(asOf)))
            .where(col("credit_code").isNotNull())
            .select(
                "credit_code",
                "event_ms",
                "event_id",
                "evidence_kind",
                "magnitude",
                "enterprise_name",
                "region_code",
                "industry_code")
            .repartition(col("credit_code"))
            .sortWithinPartitions("credit_code", "event_ms", "event_id");
    ModelChoice model = settings.model();
    if (model != null) {
      // Load on the driver first: a wrong version or feature schema fails before any task runs.
      FailureModel.shared(model);
    }
    Dataset<Row> scored =
        evidence.mapPartitions(
            new ScorePartition(
                settings.rules(), asOf, prevAsOf, yearStart(year, settings.zone()), model),
            Encoders.row(model == null ? SCORED : SCORED_WITH_MODEL));

    RiskBand nh = settings.noHistoryBand();
    double nhScore = noHistoryScore(settings.rules(), nh);
    Column established = col("e.established");
    Column existedLastYear =
        established
            .isNull()
            .or(established.lt(lit(LocalDate.of(year, 1, 1).toString()).cast("date")));
    Dataset<Row> e = enterprises.alias("e");
    Dataset<Row> s = scored.alias("s");
    Dataset<Row> joined =
        e.join(s, col("e.credit_code").equalTo(col("s.credit_code")), "full_outer")
            // Enterprises registered after the year end are not rated for that year.
            .where(
                established
                    .isNull()
                    .or(established.lt(lit(LocalDate.of(year + 1, 1, 1).toString()).cast("date"))));
    Column noHistory = col("s.credit_code").isNull();
    Column prevNoHistory = coalesce(col("s.prev_evidence_count"), lit(0L)).equalTo(0L);
    Column score = when(noHistory, lit(nhScore)).otherwise(col("s.score"));
    Column band = when(noHistory, lit(nh.name())).otherwise(col("s.band"));
    Column prevScore =
        when(not(existedLastYear), lit(null).cast("double"))
            .when(prevNoHistory, lit(nhScore))
            .otherwise(col("s.prev_score"));
    Column prevBand =
        when(not(existedLastYear), lit(null).cast("string"))
            .when(prevNoHistory, lit(nh.name()))
            .otherwise(col("s.prev_band"));
    Column creditCode = coalesce(col("e.credit_code"), col("s.credit_code"));
    Column region = coalesce(col("e.region_code"), col("s.ev_region"));
    List<Column> out =
        new ArrayList<>(
            List.of(
                concat_ws(":", creditCode, lit(String.valueOf(year))).as("rating_id"),
                lit(year).as("year"),
                creditCode.as("credit_code"),
                coalesce(col("e.name"), col("s.ev_name")).as("enterprise_name"),
                region.as("region_code"),
                Regions.city(region).as("city_code"),
                Regions.province(region).as("province_code"),
                coalesce(col("e.industry_code"), col("s.ev_industry")).as("industry_code"),
                col("e.size_class").as("size_class"),
                score.as("score"),
                band.as("band"),
                noHistory.as("no_history"),
                col("e.credit_code").isNull().as("unregistered"),
                col("s.factors").as("factors"),
                coalesce(col("s.groups"), emptyGroups()).as("groups"),
                coalesce(col("s.evidence_count"), lit(0L)).as("evidence_count"),
                coalesce(col("s.evidence_in_year"), lit(0L)).as("evidence_in_year"),
                prevScore.as("prev_score"),
                prevBand.as("prev_band"),
                lit(settings.rules().version()).as("rules_version"),
                lit(new Timestamp(asOf)).as("as_of")));
    if (model != null) {
      // Null for enterprises without evidence, like their rating's default class.
      out.add(col("s.failure_probability").as("failure_probability"));
      out.add(col("s.failure_reasons").as("failure_reasons"));
      out.add(lit(model.version()).as("model_version"));
    }
    Dataset<Row> rated = joined.select(out.toArray(Column[]::new));
    return rated
        .withColumn("score_change", round(col("score").minus(col("prev_score")), 2))
        .withColumn("band_change", bandChange(col("prev_band"), col("band")))
        .withColumn("band_label", bandLabel(col("band")));
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
   * The batch entry of scoring for one enterprise: exactly {@link RiskScorer#scoreAll}, plus the
   * per-kind detail the rating explains itself with.
   */
  public static RatedEnterprise score(
      String creditCode, List<Evidence> evidence, ScoringRules rules, long asOfMillis) {
    RiskScorer scorer = new RiskScorer(rules, Integer.MAX_VALUE);
    RiskScore s = scorer.scoreAll(creditCode, evidence, asOfMillis);
    ScoreState state = new ScoreState();
    for (Evidence e : evidence) {
      state.apply(e, rules);
    }
    state.decayTo(asOfMillis, rules);
    Map<EvidenceKind, Double> points = new EnumMap<>(EvidenceKind.class);
    for (Reason r : s.reasons()) {
      points.put(r.kind(), r.points());
    }
    List<Factor> factors = new ArrayList<>();
    for (EvidenceKind k : EvidenceKind.values()) {
      double units = state.decayed[k.ordinal()];
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

  private static double round2(double v) {
    return Math.round(v * 100) / 100.0;
  }

  /** Scores runs of one credit code in a partition sorted by credit code. */
  static final class ScorePartition implements MapPartitionsFunction<Row, Row> {
    private final ScoringRules rules;
    private final long asOf;
    private final long prevAsOf;
    private final long yearStart;
    private final ModelChoice model;

    ScorePartition(
        ScoringRules rules, long asOf, long prevAsOf, long yearStart, ModelChoice model) {
      this.rules = rules;
      this.asOf = asOf;
      this.prevAsOf = prevAsOf;
      this.yearStart = yearStart;
      this.model = model;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> in) {
      // Once per executor JVM (cached), not per row: the registry must be readable there.
      FailureModel fm = model == null ? null : FailureModel.shared(model);
      return new Iterator<>() {
        Row pending = in.hasNext() ? in.next() : null;

        @Override
        public boolean hasNext() {
          return pending != null;
        }

        @Override
        public Row next() {
          if (pending == null) {
            throw new NoSuchElementException();
          }
          String code = pending.getString(0);
          List<Evidence> all = new ArrayList<>();
          String name = null;
          String region = null;
          String industry = null;
          while (pending != null && pending.getString(0).equals(code)) {
            Row r = pending;
            all.add(
                new Evidence(
                    r.getString(2),
                    code,
                    r.getLong(1),
                    EvidenceKind.valueOf(r.getString(3)),
                    r.getDouble(4),
                    r.getString(6),
                    r.getString(7),
                    null,
                    r.getString(5)));
            // The latest event's subject attributes stand in for enterprises missing from the
            // register (rows are sorted by time).
            name = r.isNullAt(5) ? name : r.getString(5);
            region = r.isNullAt(6) ? region : r.getString(6);
            industry = r.isNullAt(7) ? industry : r.getString(7);
            pending = in.hasNext() ? in.next() : null;
          }
          return toRow(code, name, region, industry, all, fm);
        }
      };
    }

    private Row toRow(
        String code,
        String name,
        String region,
        String industry,
        List<Evidence> all,
        FailureModel fm) {
      RatedEnterprise now = score(code, all, rules, asOf);
      List<Evidence> before = new ArrayList<>();
      long inYear = 0;
      long last = Long.MIN_VALUE;
      for (Evidence e : all) {
        if (e.eventTimeMillis() < prevAsOf) {
          before.add(e);
        }
        if (e.eventTimeMillis() >= yearStart) {
          inYear++;
        }
        last = Math.max(last, e.eventTimeMillis());
      }
      RiskScore prev =
          before.isEmpty() ? null : new RiskScorer(rules).scoreAll(code, before, prevAsOf);
      List<Row> factors = new ArrayList<>();
      Map<IndicatorGroup, double[]> groups = new EnumMap<>(IndicatorGroup.class);
      for (IndicatorGroup g : IndicatorGroup.values()) {
        groups.put(g, new double[2]);
      }
      for (Factor f : now.factors()) {
        IndicatorGroup g = f.kind().group();
        factors.add(
            RowFactory.create(
                f.kind().reasonCode(),
                f.kind().name(),
                f.kind().label(),
                g.name(),
                g.label(),
                f.weight(),
                f.decayedUnits(),
                f.raw(),
                f.points()));
        groups.get(g)[0] += f.points();
        groups.get(g)[1] += f.raw();
      }
      List<Row> groupRows = new ArrayList<>();
      groups.forEach(
          (g, v) ->
              groupRows.add(RowFactory.create(g.name(), g.label(), round2(v[0]), round4(v[1]))));
      RiskScore s = now.score();
      List<Object> values = new ArrayList<>(16);
      java.util.Collections.addAll(
          values,
          code,
          name,
          region,
          industry,
          s.score(),
          s.band().name(),
          CollectionConverters.asScala(factors).toSeq(),
          CollectionConverters.asScala(groupRows).toSeq(),
          s.evidenceCount(),
          inYear,
          last,
          prev == null ? null : prev.score(),
          prev == null ? null : prev.band().name(),
          (long) before.size());
      if (fm != null) {
        EntityHistory h = new EntityHistory();
        for (Evidence e : all) {
          HistoryKind k = EnterpriseFeatures.kind(e.kind());
          if (k != null) {
            h.add(k, e.eventTimeMillis());
          }
        }
        Prediction p = fm.predict(code, h, industry, region, asOf);
        values.add(p.probability());
        values.add(CollectionConverters.asScala(FailureModel.reasons(p)).toSeq());
      }
      return RowFactory.create(values.toArray());
    }
  }
}
