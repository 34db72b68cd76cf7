package io.qualitywatch.streaming.rules;

import io.qualitywatch.ingestion.kafka.KafkaSettings;
import io.qualitywatch.streaming.StreamingSettings;
import io.qualitywatch.streaming.source.EventSource;
import io.qualitywatch.streaming.source.RawEvent;
import io.qualitywatch.streaming.source.RawEventDeserializer;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The rules control topic, always read from the beginning so that a fresh start replays every
 * version and ends with the latest valid one in force. Rules carry no event time: they apply from
 * when they arrive, so this source never holds event time back (see {@link
 * ControlStreamWatermarks}).
 */
public final class KafkaRules implements EventSource {
  private final KafkaSettings kafka;
  private final StreamingSettings settings;

  public KafkaRules(KafkaSettings kafka, StreamingSettings settings) {
    this.kafka = kafka;
    this.settings = settings;
  }

  @Override
  public DataStream<RawEvent> create(StreamExecutionEnvironment env) {
    KafkaSourceBuilder<RawEvent> b =
        KafkaSource.<RawEvent>builder()
            .setBootstrapServers(kafka.bootstrapServers())
            .setProperties(kafka.clientProps())
            .setTopics(kafka.topics().rules())
            .setGroupId(settings.consumerGroup() + "-rules")
            .setStartingOffsets(OffsetsInitializer.earliest())
            .setDeserializer(new RawEventDeserializer());
    if (settings.bounded()) {
      b.setBounded(OffsetsInitializer.latest());
    }
    return env.fromSource(b.build(), ControlStreamWatermarks.strategy(), "kafka-rules")
        .uid("kafka-rules")
        .setParallelism(1);
  }
}
