package io.qualitywatch.risk.features;

import io.qualitywatch.ingestion.generator.DataGenerator;
import io.qualitywatch.ingestion.generator.GeneratorConfig;
import io.qualitywatch.risk.scoring.RiskScorer;
import io.qualitywatch.risk.scoring.ScoringRules;
import java.time.LocalDate;
import java.util.List;

/** A small generated world shared by the model tests: 3,000 enterprises, two years, seed 11. */
public final class SmallWorld {
  private static QwDataset data;
  private static List<FeatureRow> rows;

  private SmallWorld() {}

  public static synchronized QwDataset data() {
    if (data == null) {
      data =
          QwDataset.fromGenerator(
              new DataGenerator(
                  GeneratorConfig.defaults()
                      .withSeed(11)
                      .withEnterprises(3000)
                      .withPeriod(LocalDate.of(2024, 1, 1), 730)));
    }
    return data;
  }

  public static FeatureBuilder builder() {
    return new FeatureBuilder(
        QwEvents.CATEGORICAL, QwEvents.ZONE, new RiskScorer(ScoringRules.defaults()));
  }

  public static synchronized List<FeatureRow> rows() {
    if (rows == null) {
      QwDataset d = data();
      rows = builder().build(d.events(), d.targets(), d.profiles());
    }
    return rows;
  }
}
