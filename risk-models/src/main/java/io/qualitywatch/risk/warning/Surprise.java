package io.qualitywatch.risk.warning;

/**
 * How surprising an observed count is against an expected one: {@code −log10 P(X ≥ observed)} for X
 * ~ Poisson(expected). 2 means "1 in 100", 6 "1 in a million". Thresholds on this scale control the
 * false-alarm rate directly, whatever the subject's size, which raw ratios (observed/expected) do
 * not: 3 complaints where 1 is usual is noise, 300 where 100 is usual is not.
 */
public final class Surprise {
  private Surprise() {}

  /** {@code −log10 P(X ≥ k)}, X ~ Poisson(lambda); 0 when k ≤ 0. */
  public static double poisson(long k, double lambda) {
    if (k <= 0) {
      return 0;
    }
    if (lambda <= 0) {
      return 20; // anything where nothing is expected is as surprising as we report
    }
    double tail;
    if (k > lambda) {
      // Sum the tail directly from k upwards: terms shrink geometrically past the mode, and the
      // direct sum keeps precision for tiny probabilities where 1 − CDF would round to 0.
      double logTerm = -lambda + k * Math.log(lambda) - logFactorial(k);
      double term = Math.exp(logTerm);
      double sum = 0;
      for (long i = k; i < k + 10_000; i++) {
        sum += term;
        term *= lambda / (i + 1);
        if (term < sum * 1e-15) {
          break;
        }
      }
      if (sum == 0) {
        return Math.min(300, -logTerm / Math.log(10));
      }
      tail = sum;
    } else {
      double cdf = 0;
      double term = Math.exp(-lambda);
      for (long i = 0; i < k; i++) {
        cdf += term;
        term *= lambda / (i + 1);
      }
      tail = Math.max(1e-300, 1 - cdf);
    }
    return Math.min(300, Math.max(0, -Math.log10(tail)));
  }

  static double logFactorial(long n) {
    if (n < 20) {
      double f = 1;
      for (long i = 2; i <= n; i++) {
        f *= i;
      }
      return Math.log(f);
    }
    // Stirling series: exact to ~1e-10 relative for n >= 20.
    double x = n;
    return x * Math.log(x)
        - x
        + 0.5 * Math.log(2 * Math.PI * x)
        + 1 / (12 * x)
        - 1 / (360 * x * x * x);
  }
}
