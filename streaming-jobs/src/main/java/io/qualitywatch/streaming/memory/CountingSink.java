package io.qualitywatch.streaming.memory;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Counts and drops: lets a benchmark measure the engine without the cost of a sink (for example the
 * Elasticsearch node, which bounds the full job on a small machine). Local MiniCluster only.
 */
public class CountingSink<T> implements Sink<T> {
  private static final AtomicLong COUNT = new AtomicLong();

  public static long count() {
    return COUNT.get();
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    return new SinkWriter<>() {
      @Override
      public void write(T element, Context ctx) {
        COUNT.incrementAndGet();
      }

      @Override
      public void flush(boolean endOfInput) {}

      @Override
      public void close() {}
    };
  }
}
