package io.qualitywatch.streaming.source;

import io.qualitywatch.ingestion.contract.EventCodec;
import io.qualitywatch.ingestion.contract.EventEnvelope;
import io.qualitywatch.ingestion.kafka.DeadLetter;
import io.qualitywatch.ingestion.validation.EventValidator;
import io.qualitywatch.ingestion.validation.RejectedRecordException;
import io.qualitywatch.ingestion.validation.Rejection;
import io.qualitywatch.risk.index.EventDocument;
import io.qualitywatch.risk.scoring.Evidence;
import io.qualitywatch.risk.scoring.EvidenceMapper;
import io.qualitywatch.streaming.elastic.IndexDoc;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.accumulators.LongMaximum;
import org.apache.flink.api.common.accumulators.LongMinimum;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Parses and re-validates each record. Ingestion already validated it, but the topics are open to
 * other producers, so the job guards itself: anything malformed becomes a dead letter (side output)
 * with its Kafka coordinates and is counted, never dropped silently. Valid events emit their
 * evidence and, on a side output, their masked document for the events index.
 */
public class ParseEvents extends ProcessFunction<RawEvent, Evidence> {
  public static final OutputTag<String> DEAD_LETTERS = new OutputTag<>("dead-letters") {};
  public static final OutputTag<IndexDoc> EVENT_DOCS = new OutputTag<>("event-docs") {};
  public static final String EVENTS_IN = "events-in";
  public static final String DEAD_LETTERED = "dead-letters";

  /**
   * Valid events whose Kafka record timestamp is not their event time. The source made its
   * watermark from that timestamp before parsing could look, so event time may have moved wrongly
   * (docs/streaming-operations.md, "Record timestamps"): any count here means a producer breaks the
   * event topics' contract.
   */
  public static final String FOREIGN_TIMESTAMPS = "foreign-timestamps";

  /**
   * Wall-clock time of the first and last event seen: steady-state throughput excludes deployment.
   */
  public static final String FIRST_EVENT_WALL_MS = "first-event-wall-ms";

  public static final String LAST_EVENT_WALL_MS = "last-event-wall-ms";

  private final String eventsIndex;
  private transient EventValidator validator;
  private transient LongCounter eventsIn;
  private transient LongCounter deadLettered;
  private transient LongCounter foreignTimestamps;
  private transient LongMinimum firstEvent;
  private transient LongMaximum lastEvent;

  public ParseEvents(String eventsIndex) {
    this.eventsIndex = eventsIndex;
  }

  @Override
  public void open(OpenContext ctx) {
    validator = EventValidator.standard();
    eventsIn = getRuntimeContext().getLongCounter(EVENTS_IN);
    deadLettered = getRuntimeContext().getLongCounter(DEAD_LETTERED);
    foreignTimestamps = getRuntimeContext().getLongCounter(FOREIGN_TIMESTAMPS);
    firstEvent = new LongMinimum();
    lastEvent = new LongMaximum();
    getRuntimeContext().addAccumulator(FIRST_EVENT_WALL_MS, firstEvent);
    getRuntimeContext().addAccumulator(LAST_EVENT_WALL_MS, lastEvent);
  }

  @Override
  public void processElement(RawEvent raw, Context ctx, Collector<Evidence> out) {
    eventsIn.add(1);
    long now = System.currentTimeMillis();
    firstEvent.add(now);
    lastEvent.add(now);
    EventEnvelope event;
    try {
      event = EventCodec.decode(raw.value());
    } catch (RejectedRecordException e) {
      deadLetter(raw, e.rejection(), ctx);
      return;
    }
    List<Rejection> problems = validator.validate(event);
    if (!problems.isEmpty()) {
      deadLetter(raw, problems.get(0), ctx);
      return;
    }
    if (raw.timestamp() != event.eventTime().toEpochMilli()) {
      foreignTimestamps.add(1);
    }
    ctx.output(EVENT_DOCS, new IndexDoc(eventsIndex, event.eventId(), EventDocument.json(event)));
    EvidenceMapper.map(event).ifPresent(out::collect);
  }

  private void deadLetter(RawEvent raw, Rejection why, Context ctx) {
    deadLettered.add(1);
    DeadLetter letter =
        DeadLetter.of(
            why, raw.topic() + "/" + raw.partition(), raw.offset(), raw.value(), Instant.now());
    ctx.output(DEAD_LETTERS, EventCodec.encodeToString(letter));
  }
}
