package io.qualitywatch.ingestion.generator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.qualitywatch.ingestion.codes.CodeTables;
import io.qualitywatch.ingestion.codes.CreditCode;
import io.qualitywatch.ingestion.codes.Region;
import io.qualitywatch.ingestion.contract.Complaint;
import io.qualitywatch.ingestion.contract.EventCodec;
import io.qualitywatch.ingestion.contract.EventEnvelope;
import io.qualitywatch.ingestion.contract.EventType;
import io.qualitywatch.ingestion.contract.SamplingResult;
import io.qualitywatch.ingestion.reference.Enterprise;
import io.qualitywatch.ingestion.reference.Inspector;
import io.qualitywatch.ingestion.reference.Institution;
import io.qualitywatch.ingestion.validation.EventValidator;
import io.qualitywatch.ingestion.validation.Rejection;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole year at small scale: determinism, valid identifiers, valid and ordered events, truth. */
class GeneratorTest {
  static final GeneratorConfig SMALL =
      GeneratorConfig.defaults().withEnterprises(1_500).withSeed(7);

  @TempDir static Path tmp;
  static GeneratedFiles files;
  static DataGenerator generator;
  static List<String> lines;

  @BeforeAll
  static void generate() throws IOException {
    generator = new DataGenerator(SMALL);
    files = generator.writeTo(tmp.resolve("a"));
    lines = Files.readAllLines(files.events(), StandardCharsets.UTF_8);
  }

  @Test
  void sameSeedWritesByteIdenticalFilesAndAnotherSeedDoesNot() throws IOException {
    GeneratedFiles again = new DataGenerator(SMALL).writeTo(tmp.resolve("b"));
    for (String f :
        List.of(
            "enterprises.jsonl",
            "institutions.jsonl",
            "inspectors.jsonl",
            "events.jsonl",
            "truth.json",
            "manifest.json")) {
      assertArrayEquals(
          Files.readAllBytes(files.dir().resolve(f)),
          Files.readAllBytes(again.dir().resolve(f)),
          f + " differs between two runs with the same seed");
    }
    DataGenerator other = new DataGenerator(SMALL.withSeed(8));
    Set<String> codesA = codes(generator.reference().enterprises());
    Set<String> codesB = codes(other.reference().enterprises());
    codesA.retainAll(codesB);
    assertTrue(codesA.size() < 10, "another seed must give another register: " + codesA.size());
    List<String> otherFirst = other.events().limit(50).map(e -> e.eventId()).toList();
    List<String> first = generator.events().limit(50).map(e -> e.eventId()).toList();
    assertNotEquals(first, otherFirst);
  }

  @Test
  void eventsStreamEqualsTheFileAndCanBeReplayed() {
    List<String> streamed = new ArrayList<>();
    generator
        .events()
        .forEach(e -> streamed.add(new String(EventCodec.encode(e), StandardCharsets.UTF_8)));
    assertEquals(lines, streamed);
  }

  @Test
  void registerHasValidUniqueCreditCodesRealCountiesAndUniqueNames() {
    ReferenceData ref = generator.reference();
    assertEquals(SMALL.enterprises(), ref.enterprises().size());
    Set<String> counties =
        CodeTables.get().counties().stream().map(Region::code).collect(Collectors.toSet());
    Set<String> seen = new HashSet<>();
    Set<String> names = new HashSet<>();
    EventValidator v = EventValidator.standard();
    for (Enterprise e : ref.enterprises()) {
      String c = e.creditCode();
      assertTrue(CreditCode.isValid(c), c);
      assertEquals('9', c.charAt(0), c);
      assertTrue("123".indexOf(c.charAt(1)) >= 0, "entity type of " + c);
      assertTrue(counties.contains(c.substring(2, 8)), "region of " + c);
      assertEquals(e.regionCode(), c.substring(2, 8));
      assertTrue(SMALL.provinces().contains(c.substring(2, 4)), "province of " + c);
      assertEquals(
          World.CodeMaker.gb11714Check(c.substring(8, 16)), c.charAt(16), "GB 11714 check of " + c);
      assertTrue(seen.add(c), "duplicate " + c);
      assertTrue(names.add(e.name()), "duplicate name " + e.name());
      assertEquals(List.of(), v.validateEnterprise(e), e.toString());
      if (c.charAt(1) == '1') {
        assertTrue(e.name().endsWith("公司"), e.name());
      }
    }
    for (Institution i : ref.institutions()) {
      assertTrue(CreditCode.isValid(i.creditCode()));
      assertTrue(seen.add(i.creditCode()), "institution code collides: " + i.creditCode());
      assertTrue(names.add(i.name()), "duplicate name " + i.name());
      assertEquals(List.of(), v.validateInstitution(i), i.toString());
    }
    Set<String> inspectorIds = new HashSet<>();
    for (Inspector i : ref.inspectors()) {
      assertTrue(inspectorIds.add(i.inspectorId()));
      assertEquals(List.of(), v.validateInspector(i), i.toString());
      assertFalse(i.specialties().isEmpty());
    }
    assertTrue(
        ref.institutions().stream()
            .anyMatch(i -> i.kind() == Institution.InstitutionKind.CERTIFICATION_BODY));
  }

  @Test
  void everyEventDecodesPassesTheValidatorAndIsTimeOrderedInThePeriod() throws Exception {
    EventValidator v = EventValidator.standard();
    Instant from = SMALL.start().atStartOfDay(ChinaCalendar.CST).toInstant();
    Instant to = SMALL.end().plusDays(1).atStartOfDay(ChinaCalendar.CST).toInstant();
    Instant prev = Instant.MIN;
    String prevLine = null;
    Set<String> ids = new HashSet<>();
    Map<EventType, Integer> perType = new EnumMap<>(EventType.class);
    int redeliveries = 0;
    for (String line : lines) {
      EventEnvelope e = EventCodec.decode(line.getBytes(StandardCharsets.UTF_8));
      List<Rejection> problems = v.validate(e);
      assertEquals(List.of(), problems, line);
      assertEquals("generator", e.source().system());
      assertFalse(e.eventTime().isBefore(prev), "out of order: " + line);
      assertFalse(e.eventTime().isBefore(from) || !e.eventTime().isBefore(to), line);
      if (!ids.add(e.eventId())) {
        // The only repeated ids are exact re-deliveries, right after the original.
        assertEquals(prevLine, line);
        redeliveries++;
      }
      perType.merge(e.type(), 1, Integer::sum);
      prev = e.eventTime();
      prevLine = line;
    }
    for (EventType t : EventType.values()) {
      assertTrue(perType.getOrDefault(t, 0) > 0, "no " + t + " events in a year");
    }
    assertEquals(files.eventCount(), lines.size());
    assertEquals(files.uniqueEvents(), ids.size());
    assertEquals(lines.size() - ids.size(), redeliveries);
  }

  @Test
  void samplingEventsOfOneBatchAgreeAndFailuresNameTheirHazard() throws Exception {
    Map<String, List<SamplingResult>> batches = new HashMap<>();
    for (String line : lines) {
      EventEnvelope e = EventCodec.decode(line.getBytes(StandardCharsets.UTF_8));
      if (e.payload() instanceof SamplingResult s) {
        batches.computeIfAbsent(s.batchId(), k -> new ArrayList<>()).add(s);
        if (s.verdict() == SamplingResult.Verdict.FAIL) {
          assertTrue(s.worstHazard() != null);
          assertTrue(
              s.items().stream()
                  .filter(i -> !i.passed())
                  .allMatch(i -> i.hazardClass() != null && i.limit() != null),
              line);
        }
        assertTrue(CreditCode.isValid(s.testingInstitution()));
      }
    }
    int pairs = 0;
    for (List<SamplingResult> b : batches.values()) {
      assertTrue(b.size() <= 2);
      if (b.size() == 2) {
        pairs++;
        assertEquals(b.get(0).verdict(), b.get(1).verdict());
        assertNotEquals(b.get(0).role(), b.get(1).role());
      }
    }
    assertTrue(pairs > 0, "some batches are sampled at a shop and yield producer + seller events");
  }

  @Test
  void complainantsHaveStructurallyValidPersonalData() throws Exception {
    int withId = 0;
    for (String line : lines) {
      if (!line.contains("\"type\":\"complaint\"")) {
        continue;
      }
      Complaint c = (Complaint) EventCodec.decode(line.getBytes(StandardCharsets.UTF_8)).payload();
      assertTrue(c.complainant().phone().matches("1[3-9]\\d{9}"), c.complainant().phone());
      assertTrue(c.complainant().name().length() >= 2);
      String id = c.complainant().idNumber();
      if (id != null) {
        withId++;
        assertTrue(id.matches("\\d{17}[\\dX]"), id);
        assertEquals(PersonalData.idCheck(id.substring(0, 17)), id.charAt(17), id);
        assertTrue(CodeTables.get().isRegion(id.substring(0, 6)));
        LocalDate birth =
            LocalDate.parse(id.substring(6, 14), java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
        assertTrue(birth.isBefore(SMALL.start().minusYears(17)));
      }
    }
    assertTrue(withId > 100);
  }

  @Test
  void truthListsEveryKindWithEventIdsThatExistInTheEventsFile() throws Exception {
    Set<String> ids = new HashSet<>();
    for (String line : lines) {
      ids.add(EventCodec.mapper().readTree(line).get("event_id").asText());
    }
    JsonNode truth = EventCodec.mapper().readTree(files.truth().toFile());
    assertEquals(SMALL.seed(), truth.get("seed").asLong());
    Set<String> kinds = new HashSet<>();
    for (JsonNode inc : truth.get("incidents")) {
      kinds.add(inc.get("kind").asText());
      assertTrue(inc.get("event_ids").size() > 0, "incident without evidence: " + inc.get("id"));
      Instant start = Instant.parse(inc.get("start").asText());
      Instant end = Instant.parse(inc.get("end").asText());
      assertTrue(start.isBefore(end));
      for (JsonNode id : inc.get("event_ids")) {
        assertTrue(ids.contains(id.asText()), "truth names a missing event " + id);
      }
    }
    for (Incident.Kind k : Incident.Kind.values()) {
      assertTrue(kinds.contains(k.name()), "no " + k + " incident");
    }
    assertEquals(generator.incidents().size(), truth.get("incidents").size());
    assertEquals(
        generator.incidents().stream().mapToInt(i -> i.eventIds().size()).sum(),
        generator.incidents().stream().flatMap(i -> i.eventIds().stream()).distinct().count(),
        "an event is caused by at most one incident and listed once");
  }

  @Test
  void manifestCountsMatchTheFile() throws Exception {
    JsonNode m = EventCodec.mapper().readTree(files.manifest().toFile());
    assertEquals(lines.size(), m.get("events").get("lines").asLong());
    Map<String, Long> byType =
        lines.stream()
            .collect(
                Collectors.groupingBy(
                    l -> {
                      try {
                        return EventCodec.mapper().readTree(l).get("type").asText();
                      } catch (IOException e) {
                        throw new RuntimeException(e);
                      }
                    },
                    Collectors.counting()));
    for (EventType t : EventType.values()) {
      assertEquals(
          byType.getOrDefault(t.wireName(), 0L),
          m.get("events").get("by_type").get(t.wireName()).asLong(),
          t.wireName());
    }
    assertEquals(SMALL.enterprises(), m.get("reference").get("enterprises").asInt());
    try (BufferedReader r = Files.newBufferedReader(files.enterprises())) {
      assertEquals(SMALL.enterprises(), r.lines().count());
    }
  }

  @Test
  void incidentsCanBeTurnedOff() {
    DataGenerator g = new DataGenerator(SMALL.withIncidents(false).withPeriod(SMALL.start(), 30));
    assertEquals(List.of(), g.incidents());
    assertTrue(g.events().count() > 0);
  }

  private static Set<String> codes(List<Enterprise> list) {
    return list.stream().map(Enterprise::creditCode).collect(Collectors.toCollection(HashSet::new));
  }
}
