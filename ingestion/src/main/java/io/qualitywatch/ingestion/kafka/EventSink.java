package io.qualitywatch.ingestion.kafka;

import io.qualitywatch.ingestion.contract.EventEnvelope;

/**
 * Where the importer sends its three kinds of output. {@link EventPublisher} writes them to Kafka;
 * {@link #discarding()} is the dry run.
 */
public interface EventSink extends AutoCloseable {

  /** An accepted event, to its event topic. */
  void publish(EventEnvelope event);

  /**
   * Same as {@link #publish(EventEnvelope)} with the value already encoded by {@code
   * EventCodec.encode(event)}, so that encoding can run on another thread than the send.
   */
  default void publish(EventEnvelope event, byte[] encoded) {
    publish(event);
  }

  void deadLetter(DeadLetter deadLetter);

  void unresolved(UnresolvedRecord record);

  /** Blocks until everything sent so far is acknowledged; throws if anything failed. */
  void flush();

  /** Events acknowledged on the event topics so far (0 for a dry run). */
  long eventsPublished();

  @Override
  void close();

  /** A sink that sends nothing: validation and the summary still run. */
  static EventSink discarding() {
    return new EventSink() {
      @Override
      public void publish(EventEnvelope event) {}

      @Override
      public void deadLetter(DeadLetter deadLetter) {}

      @Override
      public void unresolved(UnresolvedRecord record) {}

      @Override
      public void flush() {}

      @Override
      public long eventsPublished() {
        return 0;
      }

      @Override
      public void close() {}
    };
  }
}
