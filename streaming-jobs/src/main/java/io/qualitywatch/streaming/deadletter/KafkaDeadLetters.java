package io.qualitywatch.streaming.deadletter;

import io.qualitywatch.ingestion.kafka.KafkaSettings;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/** Dead letters from the job go to the same topic as ingestion's, so one place holds them all. */
public final class KafkaDeadLetters {
  private KafkaDeadLetters() {}

  public static KafkaSink<String> sink(KafkaSettings kafka) {
    return KafkaSink.<String>builder()
        .setBootstrapServers(kafka.bootstrapServers())
        .setKafkaProducerConfig(kafka.clientProps())
        .setRecordSerializer(
            KafkaRecordSerializationSchema.<String>builder()
                .setTopic(kafka.topics().deadLetter())
                .setValueSerializationSchema(new DeadLetterSerializer())
                .build())
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .build();
  }
}
