package io.qualitywatch.ingestion.kafka;

import io.qualitywatch.ingestion.contract.EventCodec;
import io.qualitywatch.ingestion.contract.EventEnvelope;
import io.qualitywatch.ingestion.contract.EventType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes events, dead letters and unresolved records to Kafka with an idempotent producer
 * (retries never duplicate a record, per-partition order is kept).
 *
 * <p>Sends are asynchronous for throughput; the first failure reported by the broker is kept and
 * thrown by the next {@link #publish}, {@link #flush()} or {@link #close()}, so a load can never
 * end "successfully" with lost records.
 */
public final class EventPublisher implements EventSink {
  public static final String HEADER_SCHEMA = "schema";
  public static final String HEADER_EVENT_ID = "event-id";
  public static final String HEADER_REASON = "reason";

  private final Producer<String, byte[]> producer;
  private final Topics topics;
  private final Map<EventType, String> eventTopics = new EnumMap<>(EventType.class);
  private final Map<EventType, String> schemaIds = new EnumMap<>(EventType.class);
  private final Map<EventType, byte[]> schemaHeaders = new EnumMap<>(EventType.class);
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private final AtomicLong eventsAcked = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final Callback eventCallback = this::onEventAck;
  private final Callback otherCallback = this::onOtherAck;
  private boolean closed;

  public EventPublisher(KafkaSettings settings) {
    this(new KafkaProducer<>(producerProperties(settings)), settings.topics());
  }

  /** For tests and tools that bring their own producer. */
  public EventPublisher(Producer<String, byte[]> producer, Topics topics) {
    this.producer = producer;
    this.topics = topics;
    for (EventType t : EventType.values()) {
      eventTopics.put(t, topics.events(t));
      schemaIds.put(t, t.schemaId());
      schemaHeaders.put(t, bytes(t.schemaId()));
    }
  }

  /**
   * The producer configuration: idempotence and {@code acks=all} are fixed (they are what makes
   * re-loading safe); batching and compression have throughput defaults that {@code kafka.client.*}
   * settings may override.
   */
  public static Properties producerProperties(KafkaSettings settings) {
    Properties p = settings.clientProps();
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.putIfAbsent(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
    p.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    // Files are loaded in bulk: larger batches and a short linger cut requests and compress
    // better; 20 ms of extra latency does not matter for a file import.
    p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "20");
    p.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    p.putIfAbsent(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(64L * 1024 * 1024));
    p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "qw-ingest");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return p;
  }

  @Override
  public void publish(EventEnvelope event) {
    publish(event, EventCodec.encode(event));
  }

  @Override
  public void publish(EventEnvelope event, byte[] encoded) {
    checkFailure();
    RecordHeaders headers = new RecordHeaders();
    // The schema header is the same few bytes for every event of a type: shared, not rebuilt.
    boolean usual = schemaIds.get(event.type()).equals(event.schema());
    headers.add(HEADER_SCHEMA, usual ? schemaHeaders.get(event.type()) : bytes(event.schema()));
    headers.add(HEADER_EVENT_ID, bytes(event.eventId()));
    producer.send(
        new ProducerRecord<>(
            eventTopics.get(event.type()),
            null,
            // Contract: an event record's timestamp is its event time, so consumers (the Flink
            // job) derive per-partition event-time watermarks without parsing the value.
            event.eventTime().toEpochMilli(),
            event.partitionKey(),
            encoded,
            headers),
        eventCallback);
  }

  @Override
  public void deadLetter(DeadLetter deadLetter) {
    checkFailure();
    RecordHeaders headers = new RecordHeaders();
    headers.add(HEADER_REASON, bytes(deadLetter.reason().name()));
    String key = deadLetter.sourceFile() + ":" + deadLetter.line();
    producer.send(
        new ProducerRecord<>(
            topics.deadLetter(),
            null,
            key,
            EventCodec.encodeToString(deadLetter).getBytes(StandardCharsets.UTF_8),
            headers),
        otherCallback);
  }

  @Override
  public void unresolved(UnresolvedRecord record) {
    checkFailure();
    RecordHeaders headers = new RecordHeaders();
    headers.add(HEADER_REASON, bytes(record.reason().name()));
    if (record.event() != null) {
      headers.add(HEADER_SCHEMA, bytes(record.event().schema()));
      headers.add(HEADER_EVENT_ID, bytes(record.event().eventId()));
    }
    producer.send(
        new ProducerRecord<>(
            topics.unresolved(),
            null,
            record.key(),
            EventCodec.encodeToString(record).getBytes(StandardCharsets.UTF_8),
            headers),
        otherCallback);
  }

  @Override
  public void flush() {
    producer.flush();
    checkFailure();
  }

  @Override
  public long eventsPublished() {
    return eventsAcked.get();
  }

  /** Records the broker refused (after the producer's own retries). */
  public long failedSends() {
    return failed.get();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      producer.flush();
    } finally {
      producer.close(Duration.ofSeconds(30));
    }
    checkFailure();
  }

  private void onEventAck(Object metadata, Exception e) {
    if (e == null) {
      eventsAcked.incrementAndGet();
    } else {
      onFailure(e);
    }
  }

  private void onOtherAck(Object metadata, Exception e) {
    if (e != null) {
      onFailure(e);
    }
  }

  private void onFailure(Exception e) {
    failed.incrementAndGet();
    failure.compareAndSet(null, e);
  }

  private void checkFailure() {
    Exception e = failure.get();
    if (e != null) {
      throw new PublishException(
          "Kafka refused " + failed.get() + " record(s); first error: " + e.getMessage(), e);
    }
  }

  private static byte[] bytes(String s) {
    return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
  }

  /** A record could not be written to Kafka; the load must be considered incomplete. */
  public static final class PublishException extends RuntimeException {
    public PublishException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
