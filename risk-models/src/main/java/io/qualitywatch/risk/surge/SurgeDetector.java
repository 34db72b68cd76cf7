package io.qualitywatch.risk.surge;

/**
 * Is this window's complaint count a surge against its own seasonal history? Pure Java, no state,
 * allocation-light: a Flink window function calls {@link #assess} once per key and window with the
 * key's recent counts.
 *
 * <p>Model: the count is Poisson around the seasonal baseline μ = f_now · Σcounts / Σf (rate per
 * unit of seasonal factor times the current factor), with two widenings that keep the false-alarm
 * rate at {@code alpha} where a plain Poisson test would alarm far more often:
 *
 * <ul>
 *   <li>overdispersion φ = max(1, Pearson χ² / (n − 1), widened by one standard error) estimated
 *       from the history's own residuals: complaints come in bursts (one incident, several
 *       tickets), so their variance exceeds the mean;
 *   <li>baseline uncertainty: μ is estimated from n periods, adding a factor (1 + f_now / Σf) — the
 *       Poisson–Gamma predictive variance, which matters for short histories.
 * </ul>
 *
 * The predictive distribution is negative binomial with that mean and variance φ·μ·(1 + f_now/Σf),
 * and the p-value is its upper tail P(X ≥ observed). With {@code alpha} = 0.001 and daily windows
 * that is about one false alarm per key every three years; the measured rates are in
 * docs/models.md.
 *
 * <p>A {@link Prior} adds pseudo-events over pseudo-exposure to the history: the streaming job
 * judges a subject it has only just seen against a prior rate instead of declaring no verdict, and
 * a failure wave's history is measured in samples (exposure) rather than in periods.
 */
public final class SurgeDetector {
  private final double alpha;
  private final long minCount;
  private final int minHistory;
  private final Prior prior;

  /**
   * What is believed before any history: {@code events} pseudo-events observed over {@code
   * exposure} units of seasonal factor. With exposure 0 it is a pseudo-count that only keeps an
   * all-zero history from giving a zero baseline.
   */
  public record Prior(double events, double exposure) {
    /** Half a count, no exposure: the history alone sets the rate. */
    public static final Prior HALF_COUNT = new Prior(0.5, 0);

    public Prior {
      if (!(events > 0) || !(exposure >= 0)) {
        throw new IllegalArgumentException(
            "a prior needs events > 0 and exposure >= 0, got " + events + " over " + exposure);
      }
    }
  }

  /**
   * @param alpha per-window false-alarm probability to allow
   * @param minCount counts below this never alarm (two complaints on one day are not news)
   * @param minHistory baseline periods needed before anything alarms
   */
  public SurgeDetector(double alpha, long minCount, int minHistory) {
    this(alpha, minCount, minHistory, Prior.HALF_COUNT);
  }

  /**
   * @param minHistory baseline periods needed before anything alarms; may be 0 only with a prior
   *     that carries exposure, which then stands in for the missing history
   */
  public SurgeDetector(double alpha, long minCount, int minHistory, Prior prior) {
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
    }
    if (minHistory < (prior.exposure() > 0 ? 0 : 2)) {
      throw new IllegalArgumentException(
          "minHistory must be at least 2 without a prior exposure, got " + minHistory);
    }
    this.alpha = alpha;
    this.minCount = minCount;
    this.minHistory = minHistory;
    this.prior = prior;
  }

  /** alpha 0.001, at least 3 complaints, at least 14 baseline periods. */
  public static SurgeDetector defaults() {
    return new SurgeDetector(0.001, 3, 14);
  }

  public double alpha() {
    return alpha;
  }

  public SurgeAssessment assess(long observed, double[] history, Seasonality seasonality) {
    if (history.length != seasonality.historyFactors().length) {
      throw new IllegalArgumentException(
          "history has "
              + history.length
              + " periods but seasonality "
              + seasonality.historyFactors().length);
    }
    int n = history.length;
    double sumC = 0;
    double sumF = 0;
    for (int i = 0; i < n; i++) {
      sumC += history[i];
      sumF += seasonality.historyFactors()[i];
    }
    double cur = seasonality.currentFactor();
    // The prior's pseudo-events keep an all-zero history from giving μ = 0 (alarm on any count).
    double exposure = sumF + prior.exposure();
    double rate = exposure > 0 ? (sumC + prior.events()) / exposure : prior.events();
    double mu = cur * rate;
    double phi = 1;
    if (n >= 2) {
      double chi2 = 0;
      for (int i = 0; i < n; i++) {
        double e = seasonality.historyFactors()[i] * rate;
        chi2 += (history[i] - e) * (history[i] - e) / e;
      }
      // The moment estimate is itself noisy on a few weeks of history and an underestimate lets
      // bursts through as alarms; its upper ~84 % bound (one standard error of χ²/(n−1)) keeps the
      // measured false-alarm rate near alpha under overdispersion too.
      phi = Math.max(1, chi2 / (n - 1) * (1 + Math.sqrt(2.0 / (n - 1))));
    }
    double variance = phi * mu * (1 + cur / Math.max(exposure, cur));
    double p;
    String model;
    if (variance <= mu * (1 + 1e-9)) {
      p = Distributions.poissonUpperTail(observed, mu);
      model = "poisson";
    } else {
      double r = mu * mu / (variance - mu);
      p = Distributions.negBinomialUpperTail(observed, r, mu);
      model = "negative-binomial";
    }
    boolean surge = n >= minHistory && observed >= minCount && p <= alpha;
    return new SurgeAssessment(observed, mu, variance, p, surge, model);
  }
}
