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

  /** Observed over expected: how many times the usual volume. */
  public double ratio() {
    return expected <= 0 ? Double.POSITIVE_INFINITY : observed / expected;
  }
}
