package io.qualitywatch.batch.rating;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Name, region and industry of enterprises rated from evidence but missing from the register: each
 * the latest non-null value on their evidence (by event time, then event id).
 *
 * <p>Only those enterprises' events are read back, through a broadcast semi-join with their codes
 * (with a complete register the broadcast side is empty and the read-back is skipped), so the
 * per-enterprise aggregate over all evidence never carries strings, which would turn its hash
 * aggregate into a sort. Prices: the codes of unregistered enterprises must fit a broadcast (a
 * missing register should be loaded rather than rated around), and finding them is planned apart
 * from the main register join — column pruning makes it a second, narrower aggregate over the
 * evidence codes plus a second register shuffle, whose exchanges are not reused (docs/batch.md,
 * "Scale benchmark": the next thing to remove).
 */
final class UnregisteredAttributes {
  private UnregisteredAttributes() {}

  /**
   * @param evidence the rated evidence rows
   * @param registeredOrScored the register full-outer-joined with the scored enterprises, aliased
   *     {@code e} and {@code s}
   * @return a_code, ev_name, ev_region, ev_industry
   */
  static Dataset<Row> latest(Dataset<Row> evidence, Dataset<Row> registeredOrScored) {
    Dataset<Row> unregistered =
        registeredOrScored
            .where(col("e.credit_code").isNull())
            .select(col("s.credit_code").as("u_code"));
    return evidence
        .join(broadcast(unregistered), col("credit_code").equalTo(col("u_code")), "left_semi")
        .groupBy(col("credit_code").as("a_code"))
        .agg(
            last(col("enterprise_name")).as("ev_name"),
            last(col("region_code")).as("ev_region"),
            last(col("industry_code")).as("ev_industry"));
  }

  private static Column last(Column value) {
    return max_by(value, when(value.isNotNull(), struct(col("event_ms"), col("event_id"))));
  }
}
