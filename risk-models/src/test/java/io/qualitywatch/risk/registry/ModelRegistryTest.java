package io.qualitywatch.risk.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qualitywatch.risk.evaluation.TimeSplit;
import io.qualitywatch.risk.features.FeatureBuilder;
import io.qualitywatch.risk.features.FeatureRow;
import io.qualitywatch.risk.features.QwEvents;
import io.qualitywatch.risk.features.SmallWorld;
import io.qualitywatch.risk.model.ModelParams;
import io.qualitywatch.risk.model.ModelTrainer;
import io.qualitywatch.risk.model.Prediction;
import io.qualitywatch.risk.model.RiskModel;
import io.qualitywatch.risk.model.SchemaMismatchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {
  static TimeSplit.Parts parts;
  static RiskModel gbm;
  static RiskModel logistic;

  @BeforeAll
  static void train() {
    TimeSplit split =
        new TimeSplit(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 4, 1), LocalDate.of(2026, 1, 1));
    parts = split.split(SmallWorld.rows(), QwEvents.ZONE);
    gbm =
        ModelTrainer.train(
            parts.train(), parts.validation(), ModelParams.gradientBoosting().withTrees(30));
    logistic = ModelTrainer.train(parts.train(), parts.validation(), ModelParams.logistic());
  }

  @Test
  void saveThenLoadGivesIdenticalPredictionsAndReasons(@TempDir Path dir) throws IOException {
    ModelRegistry reg = new ModelRegistry(dir);
    ModelManifest m = reg.save("failure", "v1", gbm, parts.train(), Map.of("auc", 0.7));
    reg.save("failure", "v2", logistic, parts.train(), Map.of());
    assertEquals(List.of("v1", "v2"), reg.versions("failure"));
    assertEquals(ModelRegistry.trainingDataHash(parts.train()), m.trainingDataSha256());
    assertEquals(gbm.schema().fingerprint(), m.schemaFingerprint());

    FeatureBuilder fb = SmallWorld.builder();
    RiskModel g = reg.load("failure", "v1", fb.spec()).model();
    RiskModel l = reg.load("failure", "v2", fb.spec()).model();
    for (FeatureRow row : parts.test()) {
      assertEquals(gbm.probability(row), g.probability(row), 0.0);
      assertEquals(logistic.probability(row), l.probability(row), 0.0);
    }
    Prediction a = gbm.predict(parts.test().get(0), 3);
    assertEquals(a, g.predict(parts.test().get(0), 3));
  }

  @Test
  void aModelRefusesFeaturesBuiltForAnotherSchema(@TempDir Path dir) throws IOException {
    ModelRegistry reg = new ModelRegistry(dir);
    reg.save("failure", "v1", gbm, parts.train(), Map.of());
    // A job whose features lack "size_class" (e.g. built from an older register export).
    FeatureBuilder other =
        new FeatureBuilder(
            List.of("inspection_type", "role", "industry", "province"), QwEvents.ZONE, null);
    SchemaMismatchException e =
        assertThrows(SchemaMismatchException.class, () -> reg.load("failure", "v1", other.spec()));
    assertTrue(e.getMessage().contains("missing [cat:size_class]"), e.getMessage());
    // And scoring a row built elsewhere fails the same way instead of returning a number.
    FeatureRow row = parts.test().get(0);
    FeatureRow foreign = other.row(row.target(), null, null, Double.NaN);
    assertThrows(SchemaMismatchException.class, () -> gbm.probability(foreign));
  }

  @Test
  void versionsAreImmutableAndTamperingIsDetected(@TempDir Path dir) throws IOException {
    ModelRegistry reg = new ModelRegistry(dir);
    reg.save("failure", "v1", logistic, parts.train(), Map.of());
    assertThrows(
        IOException.class, () -> reg.save("failure", "v1", logistic, parts.train(), Map.of()));
    Path file = dir.resolve("failure/v1/model.bin");
    byte[] b = Files.readAllBytes(file);
    b[b.length - 1] ^= 1;
    Files.write(file, b);
    IOException e = assertThrows(IOException.class, () -> reg.load("failure", "v1", null));
    assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
    assertThrows(IOException.class, () -> reg.load("failure", "v9", null));
    assertThrows(IllegalArgumentException.class, () -> reg.versions("../etc"));
  }

  @Test
  void trainingHashChangesWithTheData() {
    List<FeatureRow> fewer = new ArrayList<>(parts.train().subList(1, parts.train().size()));
    assertTrue(
        !ModelRegistry.trainingDataHash(fewer)
            .equals(ModelRegistry.trainingDataHash(parts.train())));
  }
}
