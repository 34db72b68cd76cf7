package io.qualitywatch.batch;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/**
 * GB/T 2260 roll-ups as column expressions: the city and province of a six-digit code are its first
 * four and two digits padded with zeros (municipalities' and province-direct counties' placeholder
 * cities included, see docs/codes.md) — cheaper than a join with the code table.
 */
public final class Regions {
  private Regions() {}

  public static Column province(Column code) {
    return when(code.isNull(), lit(null)).otherwise(concat(substring(code, 1, 2), lit("0000")));
  }

  public static Column city(Column code) {
    return when(code.isNull().or(code.endsWith("0000")), lit(null))
        .otherwise(concat(substring(code, 1, 4), lit("00")));
  }
}
