package io.qualitywatch.risk.testing;

import io.qualitywatch.risk.features.FeatureBuilder;
import io.qualitywatch.risk.features.FeatureRow;
import io.qualitywatch.risk.features.QwDataset;
import io.qualitywatch.risk.features.QwEvents;
import io.qualitywatch.risk.model.ModelParams;
import io.qualitywatch.risk.model.ModelTrainer;
import io.qualitywatch.risk.registry.ModelRegistry;
import java.util.List;
import java.util.Map;

/**
 * Models the jobs' tests share (published as the risk-models test jar): the stream and the batch
 * must both refuse, at set-up, a registry model whose features they cannot build.
 */
public final class ModelFixtures {
  private ModelFixtures() {}

  /**
   * Trains a logistic failure model on {@code d} with the enterprise's size class among its
   * features — which neither job builds — and saves it as {@code failure}/{@code version}.
   */
  public static void saveModelNeedingSizeClass(ModelRegistry registry, String version, QwDataset d)
      throws Exception {
    FeatureBuilder withSize =
        new FeatureBuilder(List.of("industry", "province", "size_class"), QwEvents.ZONE, null);
    List<FeatureRow> rows = withSize.build(d.events(), d.targets(), d.profiles());
    int cut = rows.size() * 3 / 4;
    registry.save(
        "failure",
        version,
        ModelTrainer.train(
            rows.subList(0, cut),
            rows.subList(cut, rows.size()),
            ModelParams.logistic().withMinLevelCount(5)),
        rows.subList(0, cut),
        Map.of());
  }
}
