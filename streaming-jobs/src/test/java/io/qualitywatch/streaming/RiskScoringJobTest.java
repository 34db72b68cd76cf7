package io.qualitywatch.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.qualitywatch.ingestion.config.ConfigSource;
import io.qualitywatch.ingestion.contract.EventCodec;
import io.qualitywatch.ingestion.contract.EventEnvelope;
import io.qualitywatch.ingestion.elastic.IndexNames;
import io.qualitywatch.risk.rules.RiskRules;
import io.qualitywatch.streaming.elastic.IndexDoc;
import io.qualitywatch.streaming.memory.CollectionSource;
import io.qualitywatch.streaming.memory.MemorySink;
import io.qualitywatch.streaming.source.ParseEvents;
import io.qualitywatch.streaming.source.RawEvent;
import io.qualitywatch.streaming.testing.Events;
import io.qualitywatch.streaming.warning.WarningUpdate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole pipeline on a Flink MiniCluster with bounded input and collecting sinks. */
class RiskScoringJobTest {
  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  @Test
  void scoresEventsIndexesThemAndDeadLettersTheRest() throws Exception {
    List<RawEvent> input = new ArrayList<>();
    String a = Events.creditCode(1);
    String b = Events.creditCode(2);
    input.add(Events.raw(Events.failedSampling(a, "B1", LocalDate.of(2025, 2, 1)), 0));
    input.add(
        Events.raw(
            Events.complaint(b, "T1", Instant.parse("2025-02-02T00:00:00Z"), "13800000001"), 1));
    input.add(Events.raw("{\"broken\":", 2));
    input.add(Events.raw(Events.failedSampling(a, "B2", LocalDate.of(2025, 2, 3)), 3));

    MemorySink<IndexDoc> elastic = new MemorySink<>();
    MemorySink<String> dlq = new MemorySink<>();
    MemorySink<WarningUpdate> warnings = new MemorySink<>();
    List<RawEvent> rules =
        List.of(new RawEvent("qw.rules", 0, 0, 0, RiskRules.defaults().toJson().getBytes()));
    StreamingSettings settings = StreamingSettings.from(ConfigSource.of(Map.of()));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    JobExecutionResult result =
        new RiskScoringJob(
                CollectionSource.events(input, settings),
                CollectionSource.rules(rules),
                new JobSinks(elastic, dlq, warnings, null),
                settings,
                new IndexNames("qw"),
                RiskRules.defaults())
            .execute(env);

    assertEquals(4L, (Long) result.getAccumulatorResult(ParseEvents.EVENTS_IN));
    assertEquals(1L, (Long) result.getAccumulatorResult(ParseEvents.DEAD_LETTERED));
    assertEquals(1, dlq.results().size());
    assertTrue(dlq.results().get(0).contains("MALFORMED_JSON"));

    Map<String, List<IndexDoc>> byIndex =
        elastic.results().stream().collect(Collectors.groupingBy(IndexDoc::index));
    assertEquals(3, byIndex.get("qw-events").size());
    assertEquals(3, byIndex.get("qw-score-history").size());
    // The latest score per enterprise is overwritten in place: the last write for A wins.
    List<IndexDoc> scoresOfA =
        byIndex.get("qw-scores").stream().filter(d -> d.id().equals(a)).toList();
    assertEquals(2, scoresOfA.size());
    JsonNode last = EventCodec.mapper().readTree(scoresOfA.get(1).json());
    assertEquals(a, last.path("credit_code").asText());
    assertEquals("D", last.path("band").asText(), "two safety failures: raw 60, score 77.7");
    assertEquals("R01", last.path("top_reason").asText());
    // Two safety failures put A in band D with score 77.7: below the red/orange score levels
    // (90/80) but above yellow (70), so exactly one enterprise warning, raised once.
    List<WarningUpdate> raised = warnings.results();
    assertEquals(1, raised.size(), raised.toString());
    assertEquals("ENTERPRISE:" + a + ":RISK_SCORE:1", raised.get(0).warningId());
    assertEquals("YELLOW", raised.get(0).level());
    assertTrue(
        byIndex.get("qw-warnings").stream()
            .anyMatch(d -> d.id().equals(raised.get(0).warningId())));
    EventEnvelope first = EventCodec.decode(input.get(0).value());
    assertTrue(byIndex.get("qw-events").stream().anyMatch(d -> d.id().equals(first.eventId())));
  }

  @Test
  void withEventTimeOrderingTheOutputDoesNotDependOnArrivalOrder() throws Exception {
    List<RawEvent> input = new ArrayList<>();
    long offset = 0;
    for (int n = 1; n <= 6; n++) {
      String code = Events.creditCode(n);
      for (int d = 1; d <= 5; d++) {
        LocalDate day = LocalDate.of(2025, 3, d * n % 28 + 1);
        input.add(Events.raw(Events.failedSampling(code, "B" + n + "-" + d, day), offset++));
        input.add(
            Events.raw(
                Events.complaint(
                    code,
                    "T" + n + "-" + d,
                    day.atStartOfDay().toInstant(java.time.ZoneOffset.UTC).plusSeconds(3600),
                    "1380000" + n + d + "00"),
                offset++));
      }
    }
    List<RawEvent> shuffled = new ArrayList<>(input);
    java.util.Collections.shuffle(shuffled, new java.util.Random(3));
    Map<String, String> first = finalDocuments(input);
    Map<String, String> second = finalDocuments(shuffled);
    assertEquals(first.keySet(), second.keySet());
    for (String k : first.keySet()) {
      assertEquals(first.get(k), second.get(k), k);
    }
    assertTrue(
        first.keySet().stream().anyMatch(k -> k.startsWith("qw-warnings/")),
        first.keySet().toString());
  }

  /** Runs the job in event-time ordering mode; the last document written per index and id. */
  private static Map<String, String> finalDocuments(List<RawEvent> input) throws Exception {
    StreamingSettings settings =
        StreamingSettings.from(
            ConfigSource.of(
                Map.of(
                    "streaming.event.time.ordering", "true",
                    // Nothing late: every event waits for the watermark and is ordered.
                    "streaming.out.of.orderness", "400d")));
    MemorySink<IndexDoc> elastic = new MemorySink<>();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    new RiskScoringJob(
            CollectionSource.events(input, settings),
            CollectionSource.rules(
                List.of(
                    new RawEvent("qw.rules", 0, 0, 0, RiskRules.defaults().toJson().getBytes()))),
            new JobSinks(elastic, new MemorySink<>(), new MemorySink<>(), null),
            settings,
            new IndexNames("qw"),
            RiskRules.defaults())
        .execute(env);
    Map<String, String> last = new java.util.TreeMap<>();
    for (IndexDoc d : elastic.results()) {
      last.put(d.index() + "/" + d.id(), d.json());
    }
    return last;
  }
}
