package io.qualitywatch.streaming.source;

import java.io.Serializable;
import java.util.OptionalLong;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Where the job's events come from: Kafka in production, a bounded collection in tests. A parameter
 * of the job, as in flink-training, so the same pipeline runs on both. The stream it returns
 * carries event-time timestamps and watermarks (see {@link RawEvent#watermarks}).
 */
@FunctionalInterface
public interface EventSource extends Serializable {
  DataStream<RawEvent> create(StreamExecutionEnvironment env);

  /**
   * For a bounded input, the latest event time it holds, when known before the job starts: lets the
   * end of the input close exactly the warnings an unbounded run would have closed by then.
   */
  default OptionalLong latestEventTime() {
    return OptionalLong.empty();
  }
}
