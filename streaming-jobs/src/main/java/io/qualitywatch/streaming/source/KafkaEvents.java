package io.qualitywatch.streaming.source;

import io.qualitywatch.ingestion.kafka.KafkaSettings;
import io.qualitywatch.streaming.StreamingSettings;
import java.util.Properties;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** The production source: every event topic of the configured prefix. */
public final class KafkaEvents implements EventSource {
  private final KafkaSettings kafka;
  private final StreamingSettings settings;

  public KafkaEvents(KafkaSettings kafka, StreamingSettings settings) {
    this.kafka = kafka;
    this.settings = settings;
  }

  @Override
  public DataStream<RawEvent> create(StreamExecutionEnvironment env) {
    Properties props = kafka.clientProps();
    props.setProperty("isolation.level", "read_committed");
    KafkaSourceBuilder<RawEvent> b =
        KafkaSource.<RawEvent>builder()
            .setBootstrapServers(kafka.bootstrapServers())
            .setProperties(props)
            .setTopics(kafka.topics().allEvents())
            .setGroupId(settings.consumerGroup())
            .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
            .setDeserializer(new RawEventDeserializer());
    if (settings.bounded()) {
      b.setBounded(OffsetsInitializer.latest());
    }
    return env.fromSource(
            b.build(),
            RawEvent.watermarks(settings.outOfOrderness(), settings.idleness()),
            "kafka-events")
        .uid("kafka-events");
  }
}
