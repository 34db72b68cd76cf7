package io.qualitywatch.streaming.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.qualitywatch.ingestion.contract.EventCodec;
import io.qualitywatch.risk.features.EntityHistory;
import io.qualitywatch.risk.features.QwDataset;
import io.qualitywatch.risk.model.Prediction;
import io.qualitywatch.risk.model.SchemaMismatchException;
import io.qualitywatch.risk.registry.ModelRegistry;
import io.qualitywatch.risk.rules.RiskRules;
import io.qualitywatch.risk.scoring.Evidence;
import io.qualitywatch.risk.scoring.EvidenceKind;
import io.qualitywatch.risk.serving.EnterpriseFeatures;
import io.qualitywatch.risk.serving.FailureModel;
import io.qualitywatch.risk.serving.ModelChoice;
import io.qualitywatch.risk.serving.TrainCommand;
import io.qualitywatch.risk.testing.ModelFixtures;
import io.qualitywatch.streaming.rules.ActiveRules;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scoring operator with a registry model: probability, reasons and version per document. */
class EnterpriseScoreModelTest {
  private static final long DAY = 86_400_000L;
  private static final long T0 = 1_735_689_600_000L;
  @TempDir static Path registry;
  static ModelChoice model;
  static ModelChoice otherFeatures;

  @BeforeAll
  static void trainModels() throws Exception {
    QwDataset d = TrainCommand.generated(300, LocalDate.of(2024, 1, 1), 540, 5);
    TrainCommand.Trained t = TrainCommand.train(d, 20, 1);
    ModelRegistry reg = new ModelRegistry(registry);
    reg.save("failure", "s1", t.model(), t.trainingRows(), Map.of());
    model = new ModelChoice(registry.toString(), "failure", "s1");
    ModelFixtures.saveModelNeedingSizeClass(reg, "with-size-class", d);
    otherFeatures = new ModelChoice(registry.toString(), "failure", "with-size-class");
  }

  private static KeyedBroadcastOperatorTestHarness<String, Evidence, String, ScoreUpdate> harness(
      ModelChoice m) throws Exception {
    return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
        new EnterpriseScoreFunction(RiskRules.defaults(), Duration.ofDays(365), false, m),
        Evidence::creditCode,
        Types.STRING,
        ActiveRules.DESCRIPTOR);
  }

  static Evidence ev(String code, String id, long t, EvidenceKind kind) {
    return new Evidence(id, code, t, kind, 1, "330102", "C14", "FOOD-CONDIMENT", "n");
  }

  @Test
  void documentsCarryTheRegistryModelsProbabilityReasonsAndVersion() throws Exception {
    var h = harness(model);
    List<Evidence> a =
        List.of(
            ev("A", "e1", T0, EvidenceKind.SAMPLING_FAIL_MAJOR),
            ev("A", "e2", T0 + 40 * DAY, EvidenceKind.COMPLAINT),
            // Late: before e2, must still count (as the batch would count it).
            ev("A", "e3", T0 + 10 * DAY, EvidenceKind.SAMPLING_FAIL_SAFETY));
    for (Evidence e : a) {
      h.processElement(e, e.eventTimeMillis());
    }
    h.processElement(ev("B", "b1", T0, EvidenceKind.SAMPLING_PASS), T0);
    List<ScoreUpdate> out = h.extractOutputValues();
    assertEquals(4, out.size());

    FailureModel m = FailureModel.load(model);
    EntityHistory all = new EntityHistory();
    for (Evidence e : a) {
      all.add(EnterpriseFeatures.kind(e.kind()), e.eventTimeMillis());
    }
    long asOf = T0 + 40 * DAY; // the latest evidence, as the document's as_of
    Prediction expected = m.predict("A", all, "C14", "330102", asOf);
    JsonNode doc = EventCodec.mapper().readTree(out.get(2).documentJson());
    assertEquals(expected.probability(), doc.path("failure_probability").asDouble(), 0.0);
    assertEquals("s1", doc.path("model_version").asText());
    List<String> reasons = new ArrayList<>();
    doc.path("failure_reasons").forEach(r -> reasons.add(r.asText()));
    assertEquals(FailureModel.reasons(expected), reasons);
    assertEquals(asOf, java.time.Instant.parse(doc.path("as_of").asText()).toEpochMilli());
    // The history is per key: B's document sees its own pass (same day, before the next day's
    // inspection) and none of A's failures.
    EntityHistory bHistory = new EntityHistory();
    bHistory.add(EnterpriseFeatures.kind(EvidenceKind.SAMPLING_PASS), T0);
    JsonNode b = EventCodec.mapper().readTree(out.get(3).documentJson());
    assertEquals(
        m.predict("B", bHistory, "C14", "330102", T0).probability(),
        b.path("failure_probability").asDouble(),
        0.0);
    assertTrue(
        m.predict("B", new EntityHistory(), "C14", "330102", T0).probability()
            != b.path("failure_probability").asDouble(),
        "the pass is part of B's features");
  }

  @Test
  void withoutAModelDocumentsHaveNoModelFields() throws Exception {
    var h = harness(null);
    h.processElement(ev("A", "e1", T0, EvidenceKind.SAMPLING_FAIL_MAJOR), T0);
    String json = h.extractOutputValues().get(0).documentJson();
    assertFalse(json.contains("failure_probability"), json);
    assertFalse(json.contains("model_version"), json);
  }

  @Test
  void aModelTrainedOnOtherFeaturesFailsTheOperatorAtOpen() {
    Exception e = assertThrows(Exception.class, () -> harness(otherFeatures));
    Throwable c = e;
    while (c != null && !(c instanceof SchemaMismatchException)) {
      c = c.getCause();
    }
    assertTrue(c != null, "not a schema mismatch: " + e);
    assertTrue(c.getMessage().contains("missing [cat:size_class]"), c.getMessage());
    assertTrue(c.getMessage().contains("with-size-class"), c.getMessage());
  }
}
