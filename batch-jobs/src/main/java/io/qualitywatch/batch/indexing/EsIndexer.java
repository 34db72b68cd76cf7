package io.qualitywatch.batch.indexing;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.transform;

import io.qualitywatch.ingestion.elastic.BulkWriter;
import io.qualitywatch.ingestion.elastic.ElasticSettings;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

/**
 * Writes batch outputs to Elasticsearch aliases with deterministic ids: one {@link BulkWriter} per
 * partition (bulk, retries with backoff on 429/5xx), flushed before the task ends, so a task either
 * wrote all its documents or failed — and Spark's retry of a failed task rewrites the same ids,
 * replacing rather than duplicating. Re-running a year therefore replaces its documents. (es-hadoop
 * has no Spark 4 build; see the local-stack notes.)
 *
 * <p>The projections below turn the Parquet outputs into the documents the index templates in
 * {@code dashboards} define (strict mappings): field names there, richer columns in Parquet.
 */
public final class EsIndexer {
  private EsIndexer() {}

  /**
   * @param docs rows whose columns are the document's fields, including {@code idColumn}
   * @return documents written
   */
  public static long index(Dataset<Row> docs, String alias, String idColumn, ElasticSettings es) {
    LongAccumulator written =
        docs.sparkSession().sparkContext().longAccumulator("indexed:" + alias);
    Column[] fields = Arrays.stream(docs.columns()).map(c -> col(c)).toArray(Column[]::new);
    docs.select(col(idColumn).as("_id"), to_json(struct(fields)).as("_json"))
        .foreachPartition(new Write(alias, es, written));
    return written.value();
  }

  static final class Write implements ForeachPartitionFunction<Row> {
    private final String alias;
    private final ElasticSettings es;
    private final LongAccumulator written;

    Write(String alias, ElasticSettings es, LongAccumulator written) {
      this.alias = alias;
      this.es = es;
      this.written = written;
    }

    @Override
    public void call(Iterator<Row> rows) {
      if (!rows.hasNext()) {
        return;
      }
      try (BulkWriter w = new BulkWriter(es)) {
        while (rows.hasNext()) {
          Row r = rows.next();
          w.indexJson(alias, r.getString(0), r.getString(1).getBytes(StandardCharsets.UTF_8));
        }
        w.flush();
        written.add(w.written());
      }
    }
  }

  private static Column factors(String points, String value) {
    return transform(
        col("factors"),
        f ->
            struct(
                f.getField("code").as("code"),
                f.getField("label").as("label"),
                f.getField("group").as("group"),
                f.getField("weight").as("weight"),
                f.getField(value).as("value"),
                f.getField(points).as("contribution")));
  }

  /** Enterprise ratings as {@code <prefix>-ratings} documents. */
  public static Dataset<Row> ratingDocs(Dataset<Row> ratings, String configVersion, Timestamp at) {
    List<Column> cols =
        new ArrayList<>(
            List.of(
                col("rating_id"),
                col("year"),
                col("credit_code"),
                col("enterprise_name"),
                col("region_code"),
                col("city_code"),
                col("province_code"),
                col("industry_code"),
                col("band").as("rating"),
                col("band_label").as("rating_label"),
                col("score"),
                col("prev_band").as("previous_rating"),
                col("prev_score").as("previous_score"),
                col("score_change"),
                col("band_change").as("rating_change"),
                col("no_history").as("default_applied"),
                factors("points", "decayed_units").as("factors"),
                lit(at).as("computed_at"),
                lit(configVersion).as("config_version")));
    // The learned model's columns exist only when the rating was run with batch.model.*.
    for (String c : List.of("failure_probability", "failure_reasons", "model_version")) {
      if (Arrays.asList(ratings.columns()).contains(c)) {
        cols.add(col(c));
      }
    }
    return ratings.select(cols.toArray(Column[]::new));
  }

  /** Institution evaluations as {@code <prefix>-institution-ratings} documents. */
  public static Dataset<Row> institutionDocs(
      Dataset<Row> eval, String configVersion, Timestamp at) {
    return eval.select(
        col("rating_id"),
        col("year"),
        col("credit_code"),
        col("institution_name"),
        col("institution_kind"),
        col("region_code"),
        col("city_code"),
        col("province_code"),
        col("rating"),
        col("rating_label"),
        col("score"),
        col("previous_rating"),
        col("blacklisted"),
        col("excluded"),
        col("exclusion_reason"),
        factors("contribution", "value").as("factors"),
        lit(at).as("computed_at"),
        lit(configVersion).as("config_version"));
  }

  /** Plan assignments as {@code <prefix>-inspection-plans} documents. */
  public static Dataset<Row> planDocs(Dataset<Row> assignments, Timestamp at) {
    return assignments.withColumn("computed_at", lit(at));
  }

  /** Coverage rows as {@code <prefix>-coverage} documents. */
  public static Dataset<Row> coverageDocs(Dataset<Row> coverage, Timestamp at) {
    return coverage.drop("gap_ratio").withColumn("computed_at", lit(at));
  }
}
