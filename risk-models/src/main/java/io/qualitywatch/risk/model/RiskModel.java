package io.qualitywatch.risk.model;

import io.qualitywatch.risk.features.FeatureRow;
import io.qualitywatch.risk.features.FeatureSpec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained failure-prediction model: encoding, classifier and calibration in one serialisable
 * object, so that what the registry stores is exactly what scores. Thread-safe for scoring (no
 * mutable state), so a Flink operator or a Spark executor can share one instance.
 */
public final class RiskModel implements Serializable {
  private static final long serialVersionUID = 1L;

  private final ModelParams params;
  private final FeatureSchema schema;
  private final Estimator estimator;
  private final Calibrator calibrator;

  RiskModel(ModelParams params, FeatureSchema schema, Estimator estimator, Calibrator calibrator) {
    this.params = params;
    this.schema = schema;
    this.estimator = estimator;
    this.calibrator = calibrator;
  }

  public ModelParams params() {
    return params;
  }

  public FeatureSchema schema() {
    return schema;
  }

  public String calibration() {
    return calibrator.name();
  }

  /** Fails with {@link SchemaMismatchException} unless {@code spec} is the one trained on. */
  public void requireSpec(FeatureSpec spec) {
    if (!schema.spec().equals(spec)) {
      throw SchemaMismatchException.of("model " + params.algorithm(), schema.spec(), spec);
    }
  }

  /** Calibrated probability that the inspection fails. */
  public double probability(FeatureRow row) {
    return calibrator.apply(estimator.raw(schema.encode(row)));
  }

  /** Uncalibrated output; monotone in the probability, cheaper when only ranking matters. */
  public double raw(FeatureRow row) {
    return estimator.raw(schema.encode(row));
  }

  public double[] probabilities(List<FeatureRow> rows) {
    double[] p = new double[rows.size()];
    for (int i = 0; i < p.length; i++) {
      p[i] = probability(rows.get(i));
    }
    return p;
  }

  /** Probability and the {@code k} features that raised it most (fewer if fewer raised it). */
  public Prediction predict(FeatureRow row, int k) {
    double[] x = schema.encode(row);
    double raw = estimator.raw(x);
    double[] c = estimator.contributions(x);
    Map<String, Double> byGroup = new LinkedHashMap<>();
    List<String> groups = schema.groups();
    for (int j = 0; j < c.length; j++) {
      byGroup.merge(groups.get(j), c[j], Double::sum);
    }
    List<Contribution> out = new ArrayList<>();
    for (var e : byGroup.entrySet()) {
      if (e.getValue() > 1e-9) {
        out.add(new Contribution(e.getKey(), schema.displayValue(e.getKey(), row), e.getValue()));
      }
    }
    out.sort(
        Comparator.comparingDouble(Contribution::logOdds)
            .reversed()
            .thenComparing(Contribution::feature));
    return new Prediction(
        calibrator.apply(raw), raw, List.copyOf(out.subList(0, Math.min(k, out.size()))));
  }
}
