package io.qualitywatch.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.qualitywatch.ingestion.config.ConfigException;
import io.qualitywatch.ingestion.config.ConfigSource;
import io.qualitywatch.ingestion.contract.EventCodec;
import io.qualitywatch.ingestion.elastic.IndexNames;
import io.qualitywatch.risk.registry.ModelRegistry;
import io.qualitywatch.risk.rules.RiskRules;
import io.qualitywatch.risk.serving.ModelChoice;
import io.qualitywatch.risk.serving.TrainCommand;
import io.qualitywatch.streaming.elastic.IndexDoc;
import io.qualitywatch.streaming.memory.CollectionSource;
import io.qualitywatch.streaming.memory.MemorySink;
import io.qualitywatch.streaming.source.RawEvent;
import io.qualitywatch.streaming.testing.Events;
import io.qualitywatch.streaming.warning.WarningUpdate;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline with {@code streaming.model.*}: a pinned registry version in the scores. */
class RiskScoringJobModelTest {
  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  @TempDir static Path registry;

  @BeforeAll
  static void train() throws Exception {
    TrainCommand.Trained t =
        TrainCommand.train(TrainCommand.generated(300, LocalDate.of(2024, 1, 1), 540, 5), 20, 1);
    new ModelRegistry(registry).save("failure", "j1", t.model(), t.trainingRows(), Map.of());
  }

  static StreamingSettings settings(String version) {
    return StreamingSettings.from(
        ConfigSource.of(
            Map.of(
                "streaming.model.registry",
                registry.toString(),
                "streaming.model.version",
                version)));
  }

  static void run(StreamingSettings settings, MemorySink<IndexDoc> elastic) throws Exception {
    String a = Events.creditCode(1);
    List<RawEvent> input = new ArrayList<>();
    input.add(Events.raw(Events.failedSampling(a, "B1", LocalDate.of(2025, 2, 1)), 0));
    input.add(Events.raw(Events.failedSampling(a, "B2", LocalDate.of(2025, 2, 3)), 1));
    List<RawEvent> rules =
        List.of(new RawEvent("qw.rules", 0, 0, 0, RiskRules.defaults().toJson().getBytes()));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    new RiskScoringJob(
            CollectionSource.events(input, settings),
            CollectionSource.rules(rules),
            new JobSinks(elastic, new MemorySink<>(), new MemorySink<WarningUpdate>(), null),
            settings,
            new IndexNames("qw"),
            RiskRules.defaults())
        .execute(env);
  }

  @Test
  void scoreAndHistoryDocumentsCarryThePinnedVersionsProbability() throws Exception {
    MemorySink<IndexDoc> elastic = new MemorySink<>();
    run(settings("j1"), elastic);
    List<JsonNode> docs = new ArrayList<>();
    for (IndexDoc d : elastic.results()) {
      if (d.index().equals("qw-scores") || d.index().equals("qw-score-history")) {
        docs.add(EventCodec.mapper().readTree(d.json()));
      }
    }
    assertEquals(4, docs.size(), "two updates, each a latest score and a history entry");
    for (JsonNode d : docs) {
      double p = d.path("failure_probability").asDouble(-1);
      assertTrue(p > 0 && p < 1, d.toString());
      assertEquals("j1", d.path("model_version").asText(), d.toString());
      assertTrue(d.path("failure_reasons").isArray(), d.toString());
    }
  }

  @Test
  void anUnknownVersionFailsTheJobBeforeItRuns() {
    UncheckedIOException e =
        assertThrows(
            UncheckedIOException.class, () -> run(settings("missing"), new MemorySink<>()));
    assertTrue(e.getMessage().contains("missing") && e.getMessage().contains("j1"), e.getMessage());
  }

  @Test
  void modelKeysAreTypedConfiguration() {
    assertEquals(new ModelChoice(registry.toString(), "failure", "j1"), settings("j1").model());
    assertEquals(null, StreamingSettings.from(ConfigSource.of(Map.of())).model());
    assertThrows(
        ConfigException.class,
        () -> StreamingSettings.from(ConfigSource.of(Map.of("streaming.model.version", "j1"))));
    assertThrows(
        ConfigException.class,
        () -> StreamingSettings.from(ConfigSource.of(Map.of("streaming.model.versoin", "j1"))));
  }
}
