package io.qualitywatch.streaming.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.qualitywatch.ingestion.contract.EventCodec;
import io.qualitywatch.ingestion.contract.EventEnvelope;
import io.qualitywatch.risk.scoring.Evidence;
import io.qualitywatch.risk.scoring.EvidenceKind;
import io.qualitywatch.streaming.elastic.IndexDoc;
import io.qualitywatch.streaming.testing.Events;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class ParseEventsTest {

  private static OneInputStreamOperatorTestHarness<RawEvent, Evidence> harness() throws Exception {
    return ProcessFunctionTestHarnesses.forProcessFunction(new ParseEvents("qw-events"));
  }

  @Test
  void validEventBecomesEvidenceAndAMaskedEventDocument() throws Exception {
    var h = harness();
    String code = Events.creditCode(1);
    EventEnvelope complaint =
        Events.complaint(code, "T-1", Instant.parse("2025-03-15T08:00:00Z"), "13812345678");
    h.processElement(Events.raw(complaint, 7), 0);

    List<Evidence> evidence = h.extractOutputValues();
    assertEquals(1, evidence.size());
    assertEquals(EvidenceKind.COMPLAINT, evidence.get(0).kind());
    assertEquals(code, evidence.get(0).creditCode());

    IndexDoc doc = h.getSideOutput(ParseEvents.EVENT_DOCS).poll().getValue();
    assertEquals(complaint.eventId(), doc.id());
    assertFalse(doc.json().contains("13812345678"), doc.json());
    assertFalse(doc.json().contains("张三丰"), doc.json());
    assertFalse(doc.json().contains("110101199003071234"), doc.json());
    JsonNode tree = EventCodec.mapper().readTree(doc.json());
    assertEquals("110000", tree.path("province_code").asText());
    assertTrue(
        h.getSideOutput(ParseEvents.DEAD_LETTERS) == null
            || h.getSideOutput(ParseEvents.DEAD_LETTERS).isEmpty());
  }

  @Test
  void malformedRecordsBecomeDeadLettersWithReasonAndOffset() throws Exception {
    var h = harness();
    h.processElement(Events.raw("{not json", 3), 0);
    EventEnvelope bad =
        Events.failedSampling("911101010000000011", "B-1", LocalDate.of(2025, 1, 2));
    h.processElement(Events.raw(bad, 4), 0);

    assertTrue(h.extractOutputValues().isEmpty());
    var letters = h.getSideOutput(ParseEvents.DEAD_LETTERS);
    assertEquals(2, letters.size());
    JsonNode first = EventCodec.mapper().readTree(letters.poll().getValue());
    assertEquals("MALFORMED_JSON", first.path("reason").asText());
    assertEquals(3, first.path("line").asLong());
    assertEquals("qw.events.complaint.v1/0", first.path("source_file").asText());
    JsonNode second = EventCodec.mapper().readTree(letters.poll().getValue());
    assertEquals("BAD_CREDIT_CODE", second.path("reason").asText());
  }

  @Test
  void eventsStampedWithAnotherTimeThanTheirEventTimeAreCounted() throws Exception {
    var h = harness();
    EventEnvelope e =
        Events.complaint(
            Events.creditCode(3), "T-3", Instant.parse("2025-03-15T08:00:00Z"), "13700000000");
    RawEvent stamped = Events.raw(e, 1);
    RawEvent wallClock =
        new RawEvent(
            stamped.topic(),
            stamped.partition(),
            2,
            Instant.parse("2026-11-28T12:00:00Z").toEpochMilli(),
            stamped.value());
    h.processElement(stamped, 0);
    h.processElement(wallClock, 0);
    h.processElement(Events.raw("{not json", 3), 0); // a dead letter: no event time to compare

    assertEquals(2, h.extractOutputValues().size(), "both are still scored");
    assertEquals(1L, counter(h, ParseEvents.FOREIGN_TIMESTAMPS));
    assertEquals(3L, counter(h, ParseEvents.EVENTS_IN));
  }

  private static long counter(
      OneInputStreamOperatorTestHarness<RawEvent, Evidence> h, String name) {
    return ((Number)
            h.getEnvironment().getAccumulatorRegistry().getUserMap().get(name).getLocalValue())
        .longValue();
  }

  @Test
  void consultationIsIndexedButIsNoEvidence() throws Exception {
    var h = harness();
    EventEnvelope c =
        Events.complaint(
            Events.creditCode(2), "T-2", Instant.parse("2025-03-15T08:00:00Z"), "13900000000");
    var p = (io.qualitywatch.ingestion.contract.Complaint) c.payload();
    EventEnvelope consult =
        EventEnvelope.of(
            c.eventTime(),
            c.source(),
            c.creditCode(),
            c.enterpriseName(),
            c.regionCode(),
            c.industryCode(),
            new io.qualitywatch.ingestion.contract.Complaint(
                p.ticketId(),
                io.qualitywatch.ingestion.contract.Complaint.ComplaintKind.CONSULTATION,
                p.channel(),
                p.productCategory(),
                "咨询",
                null));
    h.processElement(new StreamRecord<>(Events.raw(consult, 1)));
    assertTrue(h.extractOutputValues().isEmpty());
    assertEquals(1, h.getSideOutput(ParseEvents.EVENT_DOCS).size());
  }
}
