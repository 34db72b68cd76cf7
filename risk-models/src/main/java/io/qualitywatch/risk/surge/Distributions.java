package io.qualitywatch.risk.surge;

/** Upper tails of count distributions, accurate in the far tail (no 1 − CDF cancellation). */
final class Distributions {
  private Distributions() {}

  /** P(X ≥ k) for X ~ Poisson(mu). */
  static double poissonUpperTail(long k, double mu) {
    if (k <= 0) {
      return 1;
    }
    if (mu <= 0) {
      return 0;
    }
    // Beyond the mode sum upwards from k (terms shrink geometrically); below it, 1 − lower sum.
    if (k > mu) {
      double logTerm = k * Math.log(mu) - mu - logGamma(k + 1.0);
      double term = Math.exp(logTerm);
      double sum = 0;
      for (long j = k; j < k + 100_000; j++) {
        sum += term;
        term *= mu / (j + 1);
        if (term < sum * 1e-17) {
          break;
        }
      }
      return Math.min(1, sum);
    }
    double term = Math.exp(-mu);
    double sum = 0;
    for (long j = 0; j < k; j++) {
      sum += term;
      term *= mu / (j + 1);
    }
    return Math.max(0, 1 - sum);
  }

  /**
   * P(X ≥ k) for a negative binomial with size r and mean mu (variance mu + mu²/r): the number of
   * failures before the r-th success with success probability p = r / (r + mu).
   */
  static double negBinomialUpperTail(long k, double r, double mu) {
    if (k <= 0) {
      return 1;
    }
    if (mu <= 0) {
      return 0;
    }
    double p = r / (r + mu);
    double q = 1 - p;
    double mode = r > 1 ? (r - 1) * q / p : 0;
    if (k > mode) {
      double logTerm =
          logGamma(k + r) - logGamma(r) - logGamma(k + 1.0) + r * Math.log(p) + k * Math.log(q);
      double term = Math.exp(logTerm);
      double sum = 0;
      for (long j = k; j < k + 1_000_000; j++) {
        sum += term;
        term *= q * (j + r) / (j + 1);
        if (term < sum * 1e-17) {
          break;
        }
      }
      return Math.min(1, sum);
    }
    double term = Math.exp(r * Math.log(p));
    double sum = 0;
    for (long j = 0; j < k; j++) {
      sum += term;
      term *= q * (j + r) / (j + 1);
    }
    return Math.max(0, 1 - sum);
  }

  /** Lanczos approximation (g = 7, n = 9), relative error below 1e-13 for x > 0. */
  static double logGamma(double x) {
    if (x < 0.5) {
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
    }
    double[] c = {
      0.99999999999980993,
      676.5203681218851,
      -1259.1392167224028,
      771.32342877765313,
      -176.61502916214059,
      12.507343278686905,
      -0.13857109526572012,
      9.9843695780195716e-6,
      1.5056327351493116e-7
    };
    x -= 1;
    double a = c[0];
    double t = x + 7.5;
    for (int i = 1; i < 9; i++) {
      a += c[i] / (x + i);
    }
    return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
  }
}
