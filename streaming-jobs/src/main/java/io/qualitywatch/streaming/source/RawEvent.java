package io.qualitywatch.streaming.source;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * An event as read from Kafka, not yet parsed: parsing happens in an operator so that a malformed
 * record becomes a dead letter with its topic and offset instead of failing the source.
 *
 * @param timestamp the record timestamp, which the event topics' contract makes the event time
 */
public record RawEvent(String topic, int partition, long offset, long timestamp, byte[] value) {
  /**
   * Event-time watermarks from record timestamps, generated per Kafka partition inside the source
   * so that topics read at different speeds do not make each other's events late.
   */
  public static WatermarkStrategy<RawEvent> watermarks(Duration outOfOrderness, Duration idleness) {
    return WatermarkStrategy.<RawEvent>forBoundedOutOfOrderness(outOfOrderness)
        .withTimestampAssigner((e, ts) -> e.timestamp())
        .withIdleness(idleness);
  }

  public String location() {
    return topic + "/" + partition + "@" + offset;
  }
}
