package io.qualitywatch.batch.archive;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.to_timestamp;

import io.qualitywatch.ingestion.kafka.KafkaSettings;
import java.time.ZoneId;
import java.util.regex.Pattern;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The event lake: every accepted event from the {@code <prefix>.events.*} topics, as received (the
 * envelope JSON) plus the columns used to prune and join, partitioned by event type and month of
 * event time ({@code type=sampling-result/month=2025-03}). Months rather than days: a day per type
 * gives thousands of tiny files at regional scale, and the yearly jobs prune by year anyway.
 *
 * <p>Each run reads the topics from the earliest to the current end offsets (a bounded batch read,
 * the topics keep evidence forever) and replaces the partitions it read, so re-archiving is
 * idempotent; events re-delivered under the same id are kept once.
 */
public final class KafkaArchive {
  private KafkaArchive() {}

  public static final StructType HEADER =
      new StructType()
          .add("event_id", DataTypes.StringType)
          .add("type", DataTypes.StringType)
          .add("event_time", DataTypes.StringType)
          .add("credit_code", DataTypes.StringType)
          .add("region_code", DataTypes.StringType);

  /** Reads the event topics as Kafka records (key, value, topic, partition, offset, …). */
  public static Dataset<Row> readTopics(SparkSession spark, KafkaSettings kafka) {
    DataFrameReader r =
        spark
            .read()
            .format("kafka")
            .option("kafka.bootstrap.servers", kafka.bootstrapServers())
            .option(
                "subscribePattern",
                Pattern.quote(kafka.topicPrefix() + ".events.") + "[a-z-]+\\.v[0-9]+")
            .option("startingOffsets", "earliest")
            .option("endingOffsets", "latest")
            .option("failOnDataLoss", "false");
    // TLS / SASL settings pass through exactly as for every other Kafka client of the platform.
    kafka.clientProperties().forEach((k, v) -> r.option("kafka." + k, v));
    return r.load();
  }

  /** Kafka records → lake rows, one per event id (the first offset wins). */
  public static Dataset<Row> toLake(Dataset<Row> kafkaRecords, ZoneId zone) {
    Dataset<Row> parsed =
        kafkaRecords
            .select(
                col("value").cast("string").as("json"),
                col("topic"),
                col("partition"),
                col("offset"))
            .withColumn("h", from_json(col("json"), HEADER, java.util.Map.of()))
            .where(col("h.event_id").isNotNull());
    var firstDelivery =
        Window.partitionBy(col("h.event_id"))
            .orderBy(col("topic"), col("partition"), col("offset"));
    return parsed
        .withColumn("n", row_number().over(firstDelivery))
        .where(col("n").equalTo(1))
        .select(
            col("h.event_id").as("event_id"),
            col("h.type").as("type"),
            to_timestamp(col("h.event_time")).as("event_time"),
            col("h.credit_code").as("credit_code"),
            col("h.region_code").as("region_code"),
            col("json"),
            col("topic"),
            col("partition").as("kafka_partition"),
            col("offset").as("kafka_offset"))
        .withColumn(
            "month", date_format(from_utc_timestamp(col("event_time"), zone.getId()), "yyyy-MM"));
  }

  public static void write(Dataset<Row> lake, String dir) {
    lake.repartition(col("type"), col("month"))
        .write()
        .mode(SaveMode.Overwrite)
        .option("partitionOverwriteMode", "dynamic")
        .partitionBy("type", "month")
        .parquet(dir);
  }

  public static Dataset<Row> read(SparkSession spark, String dir) {
    return spark.read().parquet(dir);
  }
}
