package io.qualitywatch.ingestion.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qualitywatch.ingestion.contract.EventEnvelope;
import io.qualitywatch.ingestion.contract.HazardClass;
import io.qualitywatch.ingestion.contract.SamplingResult;
import io.qualitywatch.ingestion.contract.SamplingResult.SampledRole;
import io.qualitywatch.ingestion.kafka.DeadLetter;
import io.qualitywatch.ingestion.resolve.EnterpriseRegistry;
import io.qualitywatch.ingestion.resolve.UnresolvedReason;
import io.qualitywatch.ingestion.validation.RejectReason;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sampling export with different (English) column names, GBK encoding and semicolons, mapped by a
 * fixture mapping file: every kind of outcome once.
 */
class ImportMappingTest {
  static Path resource(String name) {
    try {
      return Path.of(ImportMappingTest.class.getClassLoader().getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static EnterpriseRegistry fixtureRegistry() {
    return EnterpriseRegistry.load(resource("import/registry-fixture.jsonl"));
  }

  private IngestSummary load(RecordingSink sink) throws Exception {
    Mapping mapping = Mapping.load(resource("import/renamed/mapping.json").toString());
    return FileIngestor.builder()
        .mapping(mapping)
        .registry(fixtureRegistry())
        .sink(sink)
        .progress(null)
        .build()
        .ingest(resource("import/renamed/samples-gbk.csv"));
  }

  @Test
  void everyRecordIsAccountedOnceWithItsReason() throws Exception {
    RecordingSink sink = new RecordingSink();
    IngestSummary s = load(sink);
    assertEquals(12, s.read());
    assertEquals(3, s.accepted()); // R1 (producer + seller), R2, R10
    assertEquals(1, s.duplicate()); // second R1
    assertEquals(
        Map.of(
            UnresolvedReason.MASKED_NAME, 1L,
            UnresolvedReason.NO_PARTY, 1L,
            UnresolvedReason.NOT_IN_REGISTRY, 1L,
            UnresolvedReason.AMBIGUOUS, 1L),
        s.unresolved());
    assertEquals(
        Map.of(
            RejectReason.UNPARSEABLE_DATE, 1L,
            RejectReason.INVALID_VALUE, 1L,
            RejectReason.UNKNOWN_PRODUCT_CATEGORY, 1L,
            RejectReason.MALFORMED_CSV, 1L),
        s.rejected());
    assertTrue(s.balanced());
    assertEquals(4, s.eventsAccepted());
    assertEquals(2, s.eventsDuplicate());
    assertEquals(4, sink.events.size());
    assertEquals(4, sink.unresolved.size());
    assertEquals(4, sink.deadLetters.size());
  }

  @Test
  void mappedEventsCarryTheRowsContent() throws Exception {
    RecordingSink sink = new RecordingSink();
    load(sink);
    Map<String, EventEnvelope> byKey =
        sink.events.stream()
            .collect(
                Collectors.toMap(
                    e ->
                        ((SamplingResult) e.payload()).batchId()
                            + "/"
                            + ((SamplingResult) e.payload()).role(),
                    e -> e));

    EventEnvelope producer = byKey.get("fx-R1/PRODUCER");
    SamplingResult p = (SamplingResult) producer.payload();
    assertEquals("91420500MA0000001N", producer.creditCode());
    assertEquals("420500", producer.regionCode());
    assertEquals("C14", producer.industryCode());
    assertEquals(Instant.parse("2021-03-04T16:00:00Z"), producer.eventTime()); // 2021/3/5 in China
    assertEquals(LocalDate.of(2021, 3, 5), p.samplingDate());
    assertEquals("FOOD-ADDITIVE", p.productCategory());
    assertEquals(SamplingResult.Verdict.PASS, p.verdict());
    assertEquals("韶山市好又多商贸 有限公司", p.otherPartyName());
    assertEquals("samples-gbk.csv", producer.source().file());
    assertEquals(1, producer.source().line());

    EventEnvelope seller = byKey.get("fx-R1/SELLER");
    assertEquals("91430382MA0000004J", seller.creditCode()); // name had an internal space
    assertEquals(SampledRole.SELLER, ((SamplingResult) seller.payload()).role());

    // Full-width brackets in the row, half-width in the registry; the product name spans two
    // physical lines; the placeholder seller "/" yields no second event.
    EventEnvelope r2 = byKey.get("fx-R2/PRODUCER");
    SamplingResult s2 = (SamplingResult) r2.payload();
    assertEquals("91341182MA0000002U", r2.creditCode());
    assertEquals("高活性干酵母\r\n(即发)", s2.productName());
    assertNull(byKey.get("fx-R2/SELLER"));
    assertEquals(SamplingResult.Verdict.FAIL, s2.verdict());
    assertEquals(2, s2.items().size(), "the ； inside brackets must not split: " + s2.items());
    assertEquals(HazardClass.SAFETY_CRITICAL, s2.items().get(0).hazardClass());
    assertEquals(HazardClass.MINOR, s2.items().get(1).hazardClass());
    assertEquals(2, r2.source().line());

    // Same name in Shandong and Jiangsu: the Jiangsu bureau decides.
    assertEquals("91320100MA0000007X", byKey.get("fx-R10/PRODUCER").creditCode());
  }

  @Test
  void rejectsAndUnresolvedNameTheirRecord() throws Exception {
    RecordingSink sink = new RecordingSink();
    load(sink);
    Map<RejectReason, DeadLetter> dl =
        sink.deadLetters.stream().collect(Collectors.toMap(DeadLetter::reason, d -> d));
    assertEquals(5, dl.get(RejectReason.UNPARSEABLE_DATE).line());
    assertEquals("event_time", dl.get(RejectReason.UNPARSEABLE_DATE).field());
    assertTrue(dl.get(RejectReason.UNPARSEABLE_DATE).raw().contains("2021-13-45"));
    assertEquals(6, dl.get(RejectReason.INVALID_VALUE).line());
    assertEquals(7, dl.get(RejectReason.UNKNOWN_PRODUCT_CATEGORY).line());
    assertEquals(12, dl.get(RejectReason.MALFORMED_CSV).line());
    assertEquals("samples-gbk.csv", dl.get(RejectReason.MALFORMED_CSV).sourceFile());

    var masked =
        sink.unresolved.stream()
            .filter(u -> u.reason() == UnresolvedReason.MASKED_NAME)
            .findFirst()
            .orElseThrow();
    assertEquals(3, masked.line());
    assertEquals("宁夏长*实业有限公司", masked.name());
    assertEquals("宁夏长*实业有限公司", masked.event().enterpriseName());
    assertNull(masked.event().creditCode());
    var ambiguous =
        sink.unresolved.stream()
            .filter(u -> u.reason() == UnresolvedReason.AMBIGUOUS)
            .findFirst()
            .orElseThrow();
    assertEquals(2, ambiguous.candidates().size());
    assertEquals("国家市场监督管理总局", ambiguous.regionHint());
  }

  @Test
  void reloadGivesTheSameEventIds() throws Exception {
    RecordingSink first = new RecordingSink();
    RecordingSink second = new RecordingSink();
    load(first);
    load(second);
    assertEquals(ids(first), ids(second));
    assertEquals(
        first.unresolved.stream().map(u -> u.event().eventId()).toList(),
        second.unresolved.stream().map(u -> u.event().eventId()).toList());
  }

  private static List<String> ids(RecordingSink s) {
    return s.events.stream().map(EventEnvelope::eventId).toList();
  }

  @Test
  void aMappingNeedingAMissingColumnFailsBeforeLoading(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("other.csv");
    Files.writeString(csv, "Ref;Maker\r\nR1;x\r\n", java.nio.charset.Charset.forName("GBK"));
    Mapping mapping = Mapping.load(resource("import/renamed/mapping.json").toString());
    MappingException e =
        assertThrows(
            MappingException.class,
            () -> FileIngestor.builder().mapping(mapping).progress(null).build().ingest(csv));
    assertTrue(e.getMessage().contains("Outlet"), e.getMessage());
  }

  @Test
  void invalidMappingsAreRefusedWithTheirProblem(@TempDir Path dir) throws Exception {
    assertTrue(
        assertThrows(MappingException.class, () -> Mapping.load("no-such-mapping"))
            .getMessage()
            .contains("unknown mapping 'no-such-mapping'"));
    Path typo = dir.resolve("typo.json");
    Files.writeString(
        typo,
        "{\"input\":{\"format\":\"csv\"},\"event_type\":\"sampling-result\",\"subjcts\":[]}",
        StandardCharsets.UTF_8);
    assertTrue(
        assertThrows(MappingException.class, () -> Mapping.load(typo.toString()))
            .getMessage()
            .contains("subjcts"));
    Path badOp = dir.resolve("bad-op.json");
    Files.writeString(
        badOp,
        "{\"input\":{\"format\":\"csv\"},\"event_type\":\"sampling-result\","
            + "\"payload\":{\"batch_id\":{\"column\":\"a\",\"transforms\":[{\"op\":\"upper\"}]}},"
            + "\"subjects\":[{\"name\":{\"column\":\"b\"}}]}",
        StandardCharsets.UTF_8);
    assertTrue(
        assertThrows(MappingException.class, () -> Mapping.load(badOp.toString()))
            .getMessage()
            .contains("unknown op 'upper'"));
    assertTrue(
        assertThrows(
                MappingException.class, () -> Mapping.load(dir.resolve("absent.json").toString()))
            .getMessage()
            .contains("does not exist"));
  }

  @Test
  void builtInMappingsLoad() {
    for (String name : Mapping.BUILT_IN) {
      assertEquals(name, Mapping.load(name).name());
    }
    assertTrue(Mapping.load("cn-sampling").requiredColumns().contains("发布日期"));
  }
}
