package io.qualitywatch.streaming.warning;

import io.qualitywatch.ingestion.kafka.KafkaSettings;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/**
 * The alerts topic, written exactly once: records become visible to read_committed consumers only
 * when the checkpoint that covers them completes, so a restore never republishes a warning change.
 */
public final class KafkaWarnings {
  private KafkaWarnings() {}

  public static KafkaSink<WarningUpdate> sink(KafkaSettings kafka, String transactionalIdPrefix) {
    Properties props = kafka.clientProps();
    // Must not exceed the broker's transaction.max.timeout.ms (15 min by default).
    props.setProperty("transaction.timeout.ms", "300000");
    return KafkaSink.<WarningUpdate>builder()
        .setBootstrapServers(kafka.bootstrapServers())
        .setKafkaProducerConfig(props)
        .setRecordSerializer(new WarningRecordSerializer(kafka.topics().warnings()))
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .setTransactionalIdPrefix(transactionalIdPrefix)
        .build();
  }
}
