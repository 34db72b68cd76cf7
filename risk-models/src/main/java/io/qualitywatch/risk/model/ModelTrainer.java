package io.qualitywatch.risk.model;

import io.qualitywatch.risk.features.FeatureRow;
import java.util.List;

/**
 * Fits a model on a training period and calibrates it on the following validation period; the test
 * period after that is for evaluation only and never seen here.
 */
public final class ModelTrainer {
  private ModelTrainer() {}

  public static RiskModel train(
      List<FeatureRow> train, List<FeatureRow> validation, ModelParams params) {
    FeatureSchema schema = FeatureSchema.fit(train, params.minLevelCount());
    double[][] x = schema.encode(train);
    int[] y = labels(train);
    int pos = 0;
    for (int v : y) {
      pos += v;
    }
    if (pos == 0 || pos == y.length) {
      throw new IllegalArgumentException(
          "the training period has "
              + pos
              + " failures in "
              + y.length
              + " inspections: both outcomes are needed to learn anything");
    }
    Estimator est =
        switch (params.algorithm()) {
          case GRADIENT_BOOSTING -> GradientBoostingEstimator.fit(x, y, schema.columns(), params);
          case LOGISTIC_REGRESSION -> LogisticEstimator.fit(x, y, params.lambda());
        };
    Calibrator cal = Calibrator.identity();
    if (validation != null && !validation.isEmpty() && !"none".equals(params.calibration())) {
      int[] vy = labels(validation);
      double[] raw = new double[vy.length];
      for (int i = 0; i < raw.length; i++) {
        raw[i] = est.raw(schema.encode(validation.get(i)));
      }
      cal =
          "isotonic".equals(params.calibration())
              ? Calibrator.isotonic(raw, vy)
              : Calibrator.platt(raw, vy);
    }
    return new RiskModel(params, schema, est, cal);
  }

  public static int[] labels(List<FeatureRow> rows) {
    int[] y = new int[rows.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = rows.get(i).target().label();
    }
    return y;
  }
}
