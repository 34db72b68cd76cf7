package io.qualitywatch.batch.rating;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.raise_error;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.qualitywatch.risk.scoring.EvidenceKind;
import io.qualitywatch.risk.scoring.ScoringRules;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Per enterprise, the evidence units of every kind decayed to the year end and to the previous year
 * end — Σ magnitude · e^(−λ_kind · (asOf − t)), the {@link io.qualitywatch.risk.scoring.ScoreState}
 * of the stream, in closed form — plus evidence counts.
 *
 * <p>Decay is linear, so these are plain sums: one aggregate whose partial sums merge map-side, so
 * only one row per enterprise and map task crosses the shuffle. Sorting every event of an
 * enterprise and replaying it (the first version) shuffled and sorted every fact row with its
 * strings. λ comes from the same {@link ScoringRules} the scorer uses.
 *
 * <p>The aggregate holds only fixed-width buffers, so Spark plans a code-generated hash aggregate.
 * The latest name, region and industry on the evidence, which an enterprise missing from the
 * register is rated under, come from {@link #unregisteredAttributes}: carried in this aggregate
 * (the previous version) their string buffers made it a sort-based, interpreted aggregate of every
 * evidence row, 13.8 vs 5.0 task-CPU seconds at 1M enterprises (docs/batch.md, "Scale benchmark").
 */
final class EvidenceSums {
  private EvidenceSums() {}

  static final String NOW = "now_units";
  static final String PREV = "prev_units";

  /** xxhash64 of the credit code: a join on it and the code keeps the aggregate's partitioning. */
  static final String KEY_HASH = "code_hash";

  /**
   * @param evidence fact rows with {@code evidence_kind} set, before {@code asOf}
   * @return code_hash, credit_code, now_units and prev_units (arrays by {@link EvidenceKind}
   *     ordinal), evidence_count, prev_evidence_count, evidence_in_year, last_evidence_ms,
   *     prev_last_ms
   */
  static Dataset<Row> perEnterprise(
      Dataset<Row> evidence, ScoringRules rules, long asOf, long prevAsOf) {
    EvidenceKind[] kinds = EvidenceKind.values();
    List<Column> names = new ArrayList<>();
    List<Column> lambdas = new ArrayList<>();
    for (EvidenceKind k : kinds) {
      names.add(lit(k.name()));
      lambdas.add(lit(rules.rule(k).lambdaPerMilli()));
    }
    Column position = array_position(array(names.toArray(Column[]::new)), col("evidence_kind"));
    // An archived kind this build does not know means the contract changed: fail, never skip.
    Column ordinal =
        when(
                position.equalTo(0),
                raise_error(concat(lit("unknown evidence kind "), col("evidence_kind"))))
            .otherwise(position.minus(1))
            .cast("int");
    Column lambda = element_at(array(lambdas.toArray(Column[]::new)), col("k").plus(1));
    Column before = col("event_ms").lt(prevAsOf);
    Dataset<Row> weighted =
        evidence
            .select(col("credit_code"), col("event_ms"), col("magnitude"), ordinal.as("k"))
            .select(
                col("credit_code"),
                col("event_ms"),
                col("k"),
                decayed(lambda, asOf).as("w_now"),
                when(before, decayed(lambda, prevAsOf)).otherwise(0.0).as("w_prev"));
    List<Column> aggs = new ArrayList<>();
    for (int k = 0; k < kinds.length; k++) {
      Column isK = col("k").equalTo(k);
      aggs.add(sum(when(isK, col("w_now")).otherwise(0.0)).as("n" + k));
      aggs.add(sum(when(isK, col("w_prev")).otherwise(0.0)).as("p" + k));
    }
    aggs.add(sum(when(before, 1L).otherwise(0L)).as("prev_evidence_count"));
    aggs.add(max(col("event_ms")).as("last_evidence_ms"));
    aggs.add(max(when(before, col("event_ms"))).as("prev_last_ms"));
    Dataset<Row> sums =
        weighted
            .groupBy(keyHash(), col("credit_code"))
            .agg(count(lit(1)).as("evidence_count"), aggs.toArray(Column[]::new));
    List<Column> now = new ArrayList<>();
    List<Column> prev = new ArrayList<>();
    for (int k = 0; k < kinds.length; k++) {
      now.add(col("n" + k));
      prev.add(col("p" + k));
    }
    return sums.select(
        col(KEY_HASH),
        col("credit_code"),
        array(now.toArray(Column[]::new)).as(NOW),
        array(prev.toArray(Column[]::new)).as(PREV),
        col("evidence_count"),
        col("prev_evidence_count"),
        col("evidence_count").minus(col("prev_evidence_count")).as("evidence_in_year"),
        col("last_evidence_ms"),
        col("prev_last_ms"));
  }

  /**
   * The latest non-null enterprise name, region and industry on the evidence of the credit codes
   * that are not in the register: {@code code_hash, credit_code, ev_name, ev_region, ev_industry}.
   *
   * <p>Only those codes' rows are aggregated (sort-based: the buffers are strings). The codes are
   * found from the evidence's distinct codes and the register's codes alone, and broadcast to
   * select their rows: normally few or none. The trade-off: evidence about millions of codes
   * missing from the register (no register loaded) would broadcast them all.
   *
   * @param enterprises the register ({@code credit_code})
   */
  static Dataset<Row> unregisteredAttributes(Dataset<Row> evidence, Dataset<Row> enterprises) {
    Seq<String> key = joinKey();
    Dataset<Row> unregistered =
        evidence
            .select(keyHash(), col("credit_code"))
            .distinct()
            // A hash join: a sort-merge anti join sorted millions of codes on both sides.
            .join(
                enterprises.select(keyHash(), col("credit_code")).hint("shuffle_hash"),
                key,
                "left_anti");
    return evidence
        .withColumn(KEY_HASH, keyHash())
        .join(broadcast(unregistered), key, "left_semi")
        .groupBy(KEY_HASH, "credit_code")
        .agg(
            latest(col("enterprise_name")).as("ev_name"),
            latest(col("region_code")).as("ev_region"),
            latest(col("industry_code")).as("ev_industry"));
  }

  /** The columns to join per-enterprise results on: {@code code_hash, credit_code}. */
  static Seq<String> joinKey() {
    return CollectionConverters.asScala(List.of(KEY_HASH, "credit_code")).toSeq();
  }

  /**
   * The grouping and join key leads with a 64-bit hash of the credit code: a join on (hash, code)
   * keeps the aggregate's partitioning, and hash-map lookups compare a long before the code.
   */
  static Column keyHash() {
    return xxhash64(col("credit_code")).as(KEY_HASH);
  }

  /** The latest non-null value: by event time, then event id (null ordering keys lose). */
  private static Column latest(Column value) {
    return max_by(value, when(value.isNotNull(), struct(col("event_ms"), col("event_id"))));
  }

  /** magnitude · e^(−λ · (at − t)), exactly as {@code ScoreState.apply} weighs late evidence. */
  private static Column decayed(Column lambda, long at) {
    Column age = lit(at).minus(col("event_ms")).cast("double");
    return col("magnitude").multiply(exp(lambda.multiply(age).unary_$minus()));
  }
}
