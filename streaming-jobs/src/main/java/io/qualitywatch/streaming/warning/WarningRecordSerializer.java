package io.qualitywatch.streaming.warning;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Warnings topic records: key = warning id (one partition per warning keeps its changes in order),
 * value = the warning document with the action. A named class: the sink rejects lambdas.
 */
public class WarningRecordSerializer implements KafkaRecordSerializationSchema<WarningUpdate> {
  private final String topic;

  public WarningRecordSerializer(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      WarningUpdate w, KafkaSinkContext context, Long timestamp) {
    // Record time = publication time: warnings about old events must not age out of the topic.
    return new ProducerRecord<>(
        topic,
        null,
        System.currentTimeMillis(),
        w.warningId().getBytes(StandardCharsets.UTF_8),
        w.json().getBytes(StandardCharsets.UTF_8));
  }
}
