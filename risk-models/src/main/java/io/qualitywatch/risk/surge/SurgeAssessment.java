package io.qualitywatch.risk.surge;

/**
 * The verdict on one window's count.
 *
 * @param observed the count assessed
 * @param expected the seasonal baseline for this window
 * @param variance the predictive variance used (≥ expected: Poisson noise, overdispersion and the
 *     uncertainty of a baseline estimated from a finite history)
 * @param pValue P(X ≥ observed) under the baseline; small = surprising
 * @param surge whether {@code pValue ≤ alpha} and the count reaches the minimum
 * @param model {@code poisson} or {@code negative-binomial}
 */
public record SurgeAssessment(
    long observed, double expected, double variance, double pValue, boolean surge, String model) {

  /**
   * {@code −log10 pValue}: 2 means "1 in 100", 6 "1 in a million" — the scale the streaming job's
   * four-colour thresholds are written on. Capped at 300 (a p-value below double precision).
   */
  public double surprise() {
    return pValue <= 0 ? 300 : Math.min(300, Math.max(0, -Math.log10(pValue)));
  }

  /** Observed over expected: how many times the usual volume. */
  public double ratio() {
    return expected <= 0 ? Double.POSITIVE_INFINITY : observed / expected;
  }
}
