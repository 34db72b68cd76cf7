package io.qualitywatch.ingestion.importer;

import io.qualitywatch.ingestion.contract.EventEnvelope;
import io.qualitywatch.ingestion.kafka.DeadLetter;
import io.qualitywatch.ingestion.kafka.EventSink;
import io.qualitywatch.ingestion.kafka.UnresolvedRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps what the importer sends, for unit tests of mapping and accounting (Kafka tests use a
 * broker).
 */
final class RecordingSink implements EventSink {
  final List<EventEnvelope> events = new ArrayList<>();
  final List<DeadLetter> deadLetters = new ArrayList<>();
  final List<UnresolvedRecord> unresolved = new ArrayList<>();

  @Override
  public void publish(EventEnvelope event) {
    events.add(event);
  }

  @Override
  public void deadLetter(DeadLetter deadLetter) {
    deadLetters.add(deadLetter);
  }

  @Override
  public void unresolved(UnresolvedRecord record) {
    unresolved.add(record);
  }

  @Override
  public void flush() {}

  @Override
  public long eventsPublished() {
    return events.size();
  }

  @Override
  public void close() {}
}
