package io.qualitywatch.batch.rating;

import io.qualitywatch.risk.scoring.IndicatorGroup;
import io.qualitywatch.risk.scoring.RiskScore;
import io.qualitywatch.risk.scoring.RiskScorer;
import io.qualitywatch.risk.scoring.ScoreState;
import io.qualitywatch.risk.scoring.ScoringRules;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF6;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.collection.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Scores one enterprise's {@link EvidenceSums} row through {@link RiskScorer} — the stream's scorer
 * — at the year end and the previous year end, with the per-kind explanation. A column function
 * rather than {@code mapPartitions} so the rows stay partitioned by credit code for the join with
 * the register.
 */
final class SumsScorer implements UDF6<Seq<Object>, Seq<Object>, Long, Long, Long, Long, Row> {
  static final StructType RESULT =
      new StructType()
          .add("score", DataTypes.DoubleType)
          .add("band", DataTypes.StringType)
          .add("factors", DataTypes.createArrayType(EnterpriseRating.FACTOR))
          .add("groups", DataTypes.createArrayType(EnterpriseRating.GROUP))
          .add("prev_score", DataTypes.DoubleType)
          .add("prev_band", DataTypes.StringType);

  private final ScoringRules rules;
  private final long asOf;
  private final long prevAsOf;

  SumsScorer(ScoringRules rules, long asOf, long prevAsOf) {
    this.rules = rules;
    this.asOf = asOf;
    this.prevAsOf = prevAsOf;
  }

  @Override
  public Row call(
      Seq<Object> now, Seq<Object> prev, Long count, Long prevCount, Long last, Long prevLast) {
    ScoreState state = ScoreState.ofDecayed(units(now), asOf, count, last);
    EnterpriseRating.RatedEnterprise rated = EnterpriseRating.score("", state, rules, asOf);
    RiskScore prevScore =
        prevCount == 0
            ? null
            : new RiskScorer(rules)
                .score(
                    "", ScoreState.ofDecayed(units(prev), prevAsOf, prevCount, prevLast), prevAsOf);
    List<Row> factors = new ArrayList<>();
    Map<IndicatorGroup, double[]> groups = new EnumMap<>(IndicatorGroup.class);
    for (IndicatorGroup g : IndicatorGroup.values()) {
      groups.put(g, new double[2]);
    }
    for (EnterpriseRating.Factor f : rated.factors()) {
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
    RiskScore s = rated.score();
    return RowFactory.create(
        s.score(),
        s.band().name(),
        CollectionConverters.asScala(factors).toSeq(),
        CollectionConverters.asScala(groupRows).toSeq(),
        prevScore == null ? null : prevScore.score(),
        prevScore == null ? null : prevScore.band().name());
  }

  private static double[] units(Seq<Object> sums) {
    double[] d = new double[sums.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = ((Number) sums.apply(i)).doubleValue();
    }
    return d;
  }

  private static double round2(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static double round4(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
