package io.qualitywatch.risk.serving;

import io.qualitywatch.risk.features.EntityHistory;
import io.qualitywatch.risk.features.FeatureBuilder;
import io.qualitywatch.risk.model.Prediction;
import io.qualitywatch.risk.model.RiskModel;
import io.qualitywatch.risk.model.SchemaMismatchException;
import io.qualitywatch.risk.registry.ModelRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A registry model ready to score enterprises from their evidence history: the stream and the batch
 * call the same {@link #predict}, so the same history gives the same probability in both. Loading
 * checks the model's feature schema against {@link EnterpriseFeatures}: a model trained on other
 * features fails here, at job start, naming the missing and unexpected features.
 */
public final class FailureModel {
  /** Reasons kept per score: enough to explain it, few enough to index. */
  public static final int REASONS = 3;

  private static final Map<ModelChoice, FailureModel> LOADED = new ConcurrentHashMap<>();

  private final ModelChoice choice;
  private final RiskModel model;
  private final FeatureBuilder builder = EnterpriseFeatures.builder();

  private FailureModel(ModelChoice choice, RiskModel model) {
    this.choice = choice;
    this.model = model;
  }

  /**
   * Loads (verifying file hash and feature schema) the chosen version.
   *
   * @throws SchemaMismatchException when the model was trained on other features
   * @throws UncheckedIOException when the registry has no such version or the file is damaged
   */
  public static FailureModel load(ModelChoice choice) {
    try {
      RiskModel m =
          new ModelRegistry(Path.of(choice.registry()))
              .load(choice.name(), choice.version(), EnterpriseFeatures.spec())
              .model();
      return new FailureModel(choice, m);
    } catch (SchemaMismatchException e) {
      throw new SchemaMismatchException(
          "cannot score with model " + choice + ": " + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load model " + choice + ": " + e.getMessage(), e);
    }
  }

  /** One instance per JVM and choice: Spark partitions and Flink subtasks of a worker share it. */
  public static FailureModel shared(ModelChoice choice) {
    return LOADED.computeIfAbsent(choice, FailureModel::load);
  }

  public String version() {
    return choice.version();
  }

  public ModelChoice choice() {
    return choice;
  }

  /** Probability that the enterprise's next inspection after {@code asOfMillis} fails, with why. */
  public Prediction predict(
      String creditCode,
      EntityHistory history,
      String industryCode,
      String regionCode,
      long asOfMillis) {
    return model.predict(
        EnterpriseFeatures.row(builder, creditCode, history, industryCode, regionCode, asOfMillis),
        REASONS);
  }

  /** Reasons as short strings for an index ({@code fails_365d=2 (+0.41)}). */
  public static List<String> reasons(Prediction p) {
    return p.reasons().stream().map(Object::toString).toList();
  }
}
