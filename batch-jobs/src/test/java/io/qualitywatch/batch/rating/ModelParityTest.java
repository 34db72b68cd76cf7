package io.qualitywatch.batch.rating;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qualitywatch.batch.BatchSettings;
import io.qualitywatch.batch.Fixtures;
import io.qualitywatch.batch.SparkTestSession;
import io.qualitywatch.batch.archive.EventFacts;
import io.qualitywatch.batch.archive.ReferenceTables;
import io.qualitywatch.ingestion.contract.EventEnvelope;
import io.qualitywatch.ingestion.generator.DataGenerator;
import io.qualitywatch.ingestion.generator.GeneratorConfig;
import io.qualitywatch.risk.features.EntityHistory;
import io.qualitywatch.risk.features.QwDataset;
import io.qualitywatch.risk.model.Prediction;
import io.qualitywatch.risk.model.SchemaMismatchException;
import io.qualitywatch.risk.registry.ModelRegistry;
import io.qualitywatch.risk.scoring.Evidence;
import io.qualitywatch.risk.scoring.EvidenceMapper;
import io.qualitywatch.risk.serving.EnterpriseFeatures;
import io.qualitywatch.risk.serving.FailureModel;
import io.qualitywatch.risk.serving.ModelChoice;
import io.qualitywatch.risk.serving.TrainCommand;
import io.qualitywatch.risk.testing.ModelFixtures;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The learned model's probability in the annual rating equals the stream's for the same history.
 * Same fixture and pattern as {@link StreamBatchParityTest}: the stream's contract
 * (EnterpriseScoreFunction with a model) is, per evidence, {@code
 * EnterpriseFeatures.observe(history, evidence, asOf)} on the history kept in keyed state, folded
 * as it goes, and the probability at a time is {@code FailureModel.predict}. Replayed in arrival
 * order and shuffled, it must give the batch rating's {@code failure_probability} at the year end
 * exactly, for every enterprise.
 */
class ModelParityTest {
  @TempDir static Path registry;
  static ModelChoice model;
  static List<EventEnvelope> events;
  static Dataset<Row> facts;
  static Dataset<Row> register;

  @BeforeAll
  static void fixture() throws Exception {
    // The model is trained on another generated world than the one rated.
    TrainCommand.Trained t =
        TrainCommand.train(TrainCommand.generated(300, LocalDate.of(2023, 1, 1), 730, 11), 20, 1);
    new ModelRegistry(registry).save("failure", "p1", t.model(), t.trainingRows(), Map.of());
    model = new ModelChoice(registry.toString(), null, "p1");
    DataGenerator gen =
        new DataGenerator(
            GeneratorConfig.defaults()
                .withSeed(7)
                .withEnterprises(400)
                .withPeriod(LocalDate.of(2025, 1, 1), 365));
    try (var s = gen.events()) {
      events = s.toList();
    }
    var spark = SparkTestSession.get();
    facts =
        spark
            .createDataFrame(EventFacts.rows(events, Fixtures.CST), EventFacts.SCHEMA)
            .dropDuplicates("event_id");
    register = spark.createDataFrame(List.of(), ReferenceTables.ENTERPRISE);
  }

  @Test
  void batchProbabilitiesEqualTheStreamsOnTheGeneratedYear() {
    long yearEnd = EnterpriseRating.yearEndMillis(2025, Fixtures.CST);
    List<Evidence> evidence = new ArrayList<>();
    for (EventEnvelope e : new LinkedHashSet<>(events)) {
      EvidenceMapper.map(e).ifPresent(evidence::add);
    }
    Map<String, EntityHistory> inOrder = replay(evidence);
    List<Evidence> late = new ArrayList<>(evidence);
    Collections.shuffle(late, new Random(3));
    Map<String, EntityHistory> shuffled = replay(late);
    Map<String, String[]> attrs = new HashMap<>(); // latest industry and region, as the batch
    evidence.stream()
        .sorted(java.util.Comparator.comparingLong(Evidence::eventTimeMillis))
        .forEach(
            e -> {
              String[] a = attrs.computeIfAbsent(e.creditCode(), k -> new String[2]);
              a[0] = e.industryCode() == null ? a[0] : e.industryCode();
              a[1] = e.regionCode() == null ? a[1] : e.regionCode();
            });

    List<Row> rated =
        EnterpriseRating.rate(
                facts, register, 2025, BatchSettings.defaults("unused").withModel(model))
            .select("credit_code", "failure_probability", "failure_reasons", "model_version")
            .collectAsList();
    FailureModel m = FailureModel.load(model);
    assertEquals(inOrder.size(), rated.size());
    double min = 1;
    double max = 0;
    for (Row r : rated) {
      String code = r.getString(0);
      String[] a = attrs.get(code);
      Prediction stream = m.predict(code, inOrder.get(code), a[0], a[1], yearEnd);
      Prediction late2 = m.predict(code, shuffled.get(code), a[0], a[1], yearEnd);
      assertEquals(stream.probability(), r.getDouble(1), 0.0, code);
      assertEquals(late2.probability(), r.getDouble(1), 0.0, code + " (events out of order)");
      assertEquals(FailureModel.reasons(stream), r.getList(2), code);
      assertEquals("p1", r.getString(3));
      min = Math.min(min, r.getDouble(1));
      max = Math.max(max, r.getDouble(1));
    }
    assertTrue(max - min > 0.05, "the fixture separates enterprises: " + min + " .. " + max);
  }

  private static Map<String, EntityHistory> replay(List<Evidence> evidence) {
    Map<String, EntityHistory> h = new HashMap<>();
    Map<String, Long> asOf = new HashMap<>();
    for (Evidence e : evidence) {
      long t = asOf.merge(e.creditCode(), e.eventTimeMillis(), Math::max);
      EntityHistory s = h.computeIfAbsent(e.creditCode(), k -> new EntityHistory());
      EnterpriseFeatures.observe(s, e, t);
      // Keyed state stores it as a long[]: round-trip it as the stream does.
      h.put(e.creditCode(), EntityHistory.fromArray(s.toArray()));
    }
    return h;
  }

  @Test
  void withoutModelConfigurationTheRatingHasNoModelColumns() {
    List<String> cols =
        Arrays.asList(
            EnterpriseRating.rate(facts, register, 2025, BatchSettings.defaults("unused"))
                .columns());
    assertFalse(cols.contains("failure_probability"), cols.toString());
    assertFalse(cols.contains("model_version"), cols.toString());
  }

  @Test
  void aModelTrainedOnOtherFeaturesFailsTheRatingAtSetup() throws Exception {
    QwDataset d = TrainCommand.generated(200, LocalDate.of(2024, 1, 1), 400, 3);
    ModelFixtures.saveModelNeedingSizeClass(new ModelRegistry(registry), "sized", d);
    BatchSettings s =
        BatchSettings.defaults("unused")
            .withModel(new ModelChoice(registry.toString(), null, "sized"));
    SchemaMismatchException e =
        assertThrows(
            SchemaMismatchException.class, () -> EnterpriseRating.rate(facts, register, 2025, s));
    assertTrue(e.getMessage().contains("missing [cat:size_class]"), e.getMessage());
  }

  @Test
  void modelKeysAreTypedConfiguration() {
    var c =
        io.qualitywatch.ingestion.config.ConfigSource.of(
            Map.of("batch.model.registry", "/models", "batch.model.version", "v3"));
    assertEquals(new ModelChoice("/models", "failure", "v3"), BatchSettings.from(c).model());
    var noRegistry =
        io.qualitywatch.ingestion.config.ConfigSource.of(Map.of("batch.model.version", "v3"));
    assertThrows(
        io.qualitywatch.ingestion.config.ConfigException.class,
        () -> BatchSettings.from(noRegistry));
    var noVersion =
        io.qualitywatch.ingestion.config.ConfigSource.of(Map.of("batch.model.registry", "/m"));
    assertThrows(
        io.qualitywatch.ingestion.config.ConfigException.class,
        () -> BatchSettings.from(noVersion));
  }
}
