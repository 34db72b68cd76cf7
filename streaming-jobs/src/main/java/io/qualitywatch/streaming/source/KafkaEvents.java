package io.qualitywatch.streaming.source;

import io.qualitywatch.ingestion.kafka.KafkaSettings;
import io.qualitywatch.streaming.StreamingSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;

/** The production source: every event topic of the configured prefix. */
public final class KafkaEvents implements EventSource {
  private final KafkaSettings kafka;
  private final StreamingSettings settings;

  public KafkaEvents(KafkaSettings kafka, StreamingSettings settings) {
    this.kafka = kafka;
    this.settings = settings;
  }

  /**
   * The largest record timestamp (= event time) over the event topics, from the brokers' index
   * ({@code ListOffsets} with the max-timestamp spec): no scan. Only for bounded reads.
   */
  @Override
  public OptionalLong latestEventTime() {
    if (!settings.bounded()) {
      return OptionalLong.empty();
    }
    try (Admin admin = Admin.create(kafka.clientProps())) {
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      for (var d :
          admin.describeTopics(kafka.topics().allEvents()).allTopicNames().get().values()) {
        d.partitions()
            .forEach(
                p ->
                    request.put(
                        new TopicPartition(d.name(), p.partition()), OffsetSpec.maxTimestamp()));
      }
      long max = Long.MIN_VALUE;
      for (var info : admin.listOffsets(request).all().get().values()) {
        max = Math.max(max, info.timestamp());
      }
      return max < 0 ? OptionalLong.empty() : OptionalLong.of(max);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted reading the event topics' latest timestamps", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "cannot read the event topics' latest timestamps: " + e.getCause().getMessage(), e);
    }
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
