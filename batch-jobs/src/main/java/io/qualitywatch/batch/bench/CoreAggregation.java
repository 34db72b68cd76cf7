package io.qualitywatch.batch.bench;

import io.qualitywatch.batch.rating.EnterpriseRating;
import io.qualitywatch.risk.scoring.EvidenceKind;
import io.qualitywatch.risk.scoring.ScoringRules;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * The benchmark's core aggregation as SQL text, the one definition both engines run: per enterprise
 * the decayed raw score Σ weight·magnitude·e^(−λ·age) at the year end and the previous year end,
 * score and band by the scorer's formula and cuts, evidence counts; per province sampling batches,
 * pass rate and complaints. Weights, λ, scale and cuts come from the same {@link ScoringRules} the
 * real rating uses, never from copied constants.
 *
 * <p>The text is plain SQL that DuckDB and Spark SQL both accept ({@code count(*) FILTER}, {@code
 * ||}, {@code GROUP BY 1}, CTEs); only the relation the facts are read from differs ({@code
 * read_parquet('…')} vs {@code parquet.`…`}), and each engine provides a {@code rules(kind, w,
 * lam)} table from {@link #rulesValues()}. So the Spark figure is the same query, not a port of it.
 */
final class CoreAggregation {
  private final ScoringRules rules;
  private final int year;
  private final long asOf;
  private final long prevAsOf;

  CoreAggregation(ScoringRules rules, int year, ZoneId zone) {
    this.rules = rules;
    this.year = year;
    this.asOf = EnterpriseRating.yearEndMillis(year, zone);
    this.prevAsOf = EnterpriseRating.yearEndMillis(year - 1, zone);
  }

  /** {@code ('KIND', weight, lambdaPerMilli), …} for every evidence kind, the rows of rules. */
  String rulesValues() {
    StringBuilder kinds = new StringBuilder();
    for (EvidenceKind k : EvidenceKind.values()) {
      kinds.append(kinds.isEmpty() ? "" : ", ");
      kinds.append(
          String.format(
              Locale.ROOT,
              "('%s', %s, %s)",
              k.name(),
              Double.toString(rules.rule(k).weight()),
              Double.toString(rules.rule(k).lambdaPerMilli())));
    }
    return kinds.toString();
  }

  /** Registers {@code rules} as a temporary view for Spark SQL, typed like DuckDB's table. */
  void registerRules(SparkSession spark) {
    // Spark's inline tables type 1.0 as a decimal: cast, so the columns are doubles as in DuckDB.
    spark
        .sql(
            "SELECT kind, CAST(w AS DOUBLE) AS w, CAST(lam AS DOUBLE) AS lam FROM VALUES "
                + rulesValues()
                + " AS t(kind, w, lam)")
        .createOrReplaceTempView("rules");
  }

  /**
   * Per enterprise with evidence: credit_code, score, prev_score, evidence_count, evidence_in_year,
   * prev_evidence_count, band, prev_band.
   *
   * @param facts the relation of the fact Parquet in the engine's syntax
   */
  String ratingQuery(String facts) {
    List<Double> cuts = rules.bandCuts();
    String band =
        String.format(
            Locale.ROOT,
            "CASE WHEN {v} >= %s THEN 'D' WHEN {v} >= %s THEN 'C' WHEN {v} >= %s THEN 'B'"
                + " ELSE 'A' END",
            cuts.get(2),
            cuts.get(1),
            cuts.get(0));
    String scoreOf = "round(100 * (1 - exp(-greatest(0, %s) / " + rules.scale() + ")), 2)";
    return "WITH ev AS (SELECT f.credit_code, f.event_ms, f.magnitude * r.w AS wm, r.lam"
        + " FROM "
        + facts
        + " f JOIN rules r ON f.evidence_kind = r.kind"
        + " WHERE f.credit_code IS NOT NULL AND f.event_ms < "
        + asOf
        + "), agg AS (SELECT credit_code,"
        + " sum(wm * exp(-lam * ("
        + asOf
        + " - event_ms))) AS raw,"
        + " sum(CASE WHEN event_ms < "
        + prevAsOf
        + " THEN wm * exp(-lam * ("
        + prevAsOf
        + " - event_ms)) END) AS prev_raw,"
        + " count(*) AS evidence_count,"
        + " count(*) FILTER (WHERE event_ms >= "
        + prevAsOf
        + ") AS evidence_in_year,"
        + " count(*) FILTER (WHERE event_ms < "
        + prevAsOf
        + ") AS prev_evidence_count"
        + " FROM ev GROUP BY credit_code), s AS (SELECT credit_code, "
        + String.format(scoreOf, "raw")
        + " AS score, CASE WHEN prev_evidence_count > 0 THEN "
        + String.format(scoreOf, "prev_raw")
        + " END AS prev_score, evidence_count, evidence_in_year, prev_evidence_count FROM agg)"
        + " SELECT *, "
        + band.replace("{v}", "score")
        + " AS band, CASE WHEN prev_score IS NOT NULL THEN "
        + band.replace("{v}", "prev_score")
        + " END AS prev_band FROM s";
  }

  /** Per province of the year: region, sampling_batches, sampling_pass_rate, complaints. */
  String coverageQuery(String facts) {
    return "SELECT substr(region_code, 1, 2) || '0000' AS region,"
        + " count(*) FILTER (WHERE type = 'sampling-result') AS sampling_batches,"
        + " count(*) FILTER (WHERE type = 'sampling-result' AND subkind = 'PASS')"
        + " / nullif(count(*) FILTER (WHERE type = 'sampling-result'), 0) AS sampling_pass_rate,"
        + " count(*) FILTER (WHERE type = 'complaint' AND subkind IN ('COMPLAINT', 'REPORT'))"
        + " AS complaints"
        + " FROM "
        + facts
        + " WHERE year = "
        + year
        + " AND region_code IS NOT NULL GROUP BY 1";
  }
}
