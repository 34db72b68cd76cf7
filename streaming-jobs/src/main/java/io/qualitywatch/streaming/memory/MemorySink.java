package io.qualitywatch.streaming.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Collects a job's output in memory, for tests and benchmarks on a local MiniCluster: writers run
 * in the same JVM, so elements are gathered in a static map under this sink's id and read back
 * after the job finishes. Not for a real cluster.
 */
public class MemorySink<T> implements Sink<T> {
  private static final Map<String, ConcurrentLinkedQueue<Object>> RESULTS =
      new ConcurrentHashMap<>();
  private final String id = UUID.randomUUID().toString();

  public MemorySink() {
    RESULTS.put(id, new ConcurrentLinkedQueue<>());
  }

  @SuppressWarnings("unchecked")
  public List<T> results() {
    return new ArrayList<>((ConcurrentLinkedQueue<T>) (ConcurrentLinkedQueue<?>) RESULTS.get(id));
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    String key = id;
    return new SinkWriter<>() {
      @Override
      public void write(T element, Context ctx) {
        RESULTS.get(key).add(element);
      }

      @Override
      public void flush(boolean endOfInput) {}

      @Override
      public void close() {}
    };
  }
}
