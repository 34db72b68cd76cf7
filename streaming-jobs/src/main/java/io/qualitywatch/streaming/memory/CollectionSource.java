package io.qualitywatch.streaming.memory;

import io.qualitywatch.streaming.StreamingSettings;
import io.qualitywatch.streaming.rules.ControlStreamWatermarks;
import io.qualitywatch.streaming.source.EventSource;
import io.qualitywatch.streaming.source.RawEvent;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Bounded in-memory input for tests and benchmarks: the same timestamps and watermarks as the Kafka
 * sources, so the pipeline behaves as in production.
 */
public final class CollectionSource {
  private CollectionSource() {}

  /** Events; their {@link RawEvent#timestamp()} is the event time. */
  public static EventSource events(List<RawEvent> events, StreamingSettings settings) {
    return env ->
        fromData(env, events)
            .assignTimestampsAndWatermarks(
                RawEvent.watermarks(settings.outOfOrderness(), settings.idleness()));
  }

  /** Rules documents for the control stream. */
  public static EventSource rules(List<RawEvent> rules) {
    return env ->
        fromData(env, rules).assignTimestampsAndWatermarks(ControlStreamWatermarks.strategy());
  }

  private static DataStream<RawEvent> fromData(
      StreamExecutionEnvironment env, List<RawEvent> data) {
    return env.fromData(data).setParallelism(1);
  }
}
