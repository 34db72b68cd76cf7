package io.qualitywatch.risk.features;

import java.util.Arrays;

/**
 * The point-in-time inputs of one target: raw numeric features and categorical values in the order
 * of {@link #spec()}, plus the rules-only score computed from the same history (NaN when no rules
 * score was asked for).
 */
public record FeatureRow(
    Target target, FeatureSpec spec, double[] numeric, String[] categorical, double rulesScore) {

  public double numeric(String name) {
    int i = spec.numeric().indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no numeric feature " + name + " in " + spec.numeric());
    }
    return numeric[i];
  }

  /** Same inputs (not the same target): used by the leakage test. */
  public boolean sameInputs(FeatureRow o) {
    return spec.equals(o.spec)
        && Arrays.equals(numeric, o.numeric)
        && Arrays.equals(categorical, o.categorical)
        && (Double.compare(rulesScore, o.rulesScore) == 0);
  }
}
