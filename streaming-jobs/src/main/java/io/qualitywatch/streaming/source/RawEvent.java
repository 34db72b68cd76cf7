package io.qualitywatch.streaming.source;

/**
 * An event as read from Kafka, not yet parsed: parsing happens in an operator so that a malformed
 * record becomes a dead letter with its topic and offset instead of failing the source.
 */
public record RawEvent(String topic, int partition, long offset, byte[] value) {
  public String location() {
    return topic + "/" + partition + "@" + offset;
  }
}
