package io.qualitywatch.streaming.aggregate;

import io.qualitywatch.risk.rules.WarningRule;
import io.qualitywatch.risk.surge.Seasonality;
import io.qualitywatch.risk.surge.SurgeAssessment;
import io.qualitywatch.risk.surge.SurgeDetector;
import io.qualitywatch.risk.warning.WarningType;
import java.util.Map;

/**
 * The metric a count-based warning is judged on, from per-day counts. Plain Java over maps so it is
 * tested without Flink.
 *
 * <ul>
 *   <li>Complaint surges: events in the window against the subject's own history, cut into periods
 *       of the window's length, judged by risk-models' {@link SurgeDetector} (negative binomial
 *       with the history's own overdispersion and the uncertainty of a short baseline; the metric
 *       is its surprise, −log10 p). Weekly windows compare whole weeks, so the day-of-week cycle
 *       cancels. Periods before the subject was first seen carry no exposure; a prior of two events
 *       a week, worth one period, stands in for missing history: a subject seen for the first time
 *       is judged against the prior (so a new enterprise's first steady complaints are no surge),
 *       one with months of silence against its own near-zero rate (so a sudden burst is).
 *   <li>Failure waves: failures in the window against the category's own failure rate per sample,
 *       with the samples of each period as its exposure (prior: the national 12.3 % over 20
 *       samples), by the same detector; and only when failures come from at least {@code
 *       minRegions} provinces at once — a wave, not one bad producer.
 *   <li>Certificate-abuse clusters: distinct abusing enterprises in the window.
 * </ul>
 */
public final class WindowCounts {
  /** Index of each counter in a day's {@code long[]}. */
  public static final int EVENTS = 0;

  public static final int FAILURES = 1;

  /**
   * Complaints: a prior of two a week, worth one week of history (exposure is counted in days). The
   * detectors' own alpha and minimum count are not used here: the rule's minimum count applies, and
   * its four thresholds grade the surprise.
   */
  private static final SurgeDetector COMPLAINT_SURGES =
      new SurgeDetector(0.001, 0, 0, new SurgeDetector.Prior(2, 7));

  /** National supervision sampling 2023: 12.3 % of batches failed (domain brief), as 20 samples. */
  private static final SurgeDetector FAILURE_WAVES =
      new SurgeDetector(0.001, 0, 0, new SurgeDetector.Prior(0.123 * 20, 20));

  private WindowCounts() {}

  /** What was measured for one subject at one day. */
  public record Measure(
      double metric, long observed, double expected, long samples, int distinctInWindow) {}

  public static Measure measure(
      WarningType type,
      WarningRule rule,
      Iterable<Map.Entry<Long, long[]>> daily,
      Iterable<Long> distinctLastDays,
      long firstDay,
      long day) {
    int w = rule.windowDays();
    int b = rule.baselineDays();
    long windowEvents = 0;
    long windowFailures = 0;
    // Baseline days by age − w (0 = the day before the window): events, failures.
    long[] events = new long[b];
    long[] failures = new long[b];
    for (Map.Entry<Long, long[]> d : daily) {
      long age = day - d.getKey();
      if (age < 0) {
        continue; // later days (out-of-order input) belong to later windows
      }
      if (age < w) {
        windowEvents += d.getValue()[EVENTS];
        windowFailures += d.getValue()[FAILURES];
      } else if (age < w + b) {
        events[(int) (age - w)] += d.getValue()[EVENTS];
        failures[(int) (age - w)] += d.getValue()[FAILURES];
      }
    }
    int distinct = 0;
    for (long last : distinctLastDays) {
      if (day - last >= 0 && day - last < w) {
        distinct++;
      }
    }
    return switch (type) {
      case COMPLAINT_SURGE, REGIONAL_COMPLAINT_SURGE -> {
        // Days before the subject was first seen are not history: its silence was not observed.
        int observed = (int) Math.max(0, Math.min(b, day - w + 1 - firstDay));
        double[] history = new double[observed];
        double[] exposure = new double[observed];
        for (int i = 0; i < observed; i++) {
          history[i] = events[i];
          exposure[i] = 1; // one day; the window is w of them
        }
        SurgeAssessment a =
            COMPLAINT_SURGES.assess(windowEvents, history, new Seasonality(exposure, w));
        double metric = windowEvents < rule.minCount() ? 0 : a.surprise();
        yield new Measure(metric, windowEvents, a.expected(), 0, distinct);
      }
      case FAILURE_WAVE -> {
        if (windowEvents == 0) {
          yield new Measure(0, windowFailures, 0, 0, distinct);
        }
        // One period: sampled batches fail independently (binomial, no overdispersion to
        // estimate), so the baseline is the category's failure rate over all its samples, with
        // the uncertainty of a rate estimated from that many.
        long baseFailures = 0;
        long baseSamples = 0;
        for (int i = 0; i < b; i++) {
          baseFailures += failures[i];
          baseSamples += events[i];
        }
        // A category not sampled in the baseline has no history: the prior alone sets its rate.
        double[] history = baseSamples == 0 ? new double[0] : new double[] {baseFailures};
        double[] exposure = baseSamples == 0 ? new double[0] : new double[] {baseSamples};
        SurgeAssessment a =
            FAILURE_WAVES.assess(windowFailures, history, new Seasonality(exposure, windowEvents));
        double metric =
            windowFailures < rule.minCount() || distinct < rule.minRegions() ? 0 : a.surprise();
        yield new Measure(metric, windowFailures, a.expected(), windowEvents, distinct);
      }
      case CERT_ABUSE_CLUSTER ->
          new Measure(distinct < rule.minCount() ? 0 : distinct, windowEvents, 0, 0, distinct);
      case RISK_SCORE -> throw new IllegalArgumentException("risk scores are not counted");
    };
  }

  /** Days older than this can no longer affect any measure and may be dropped from state. */
  public static long oldestUseful(WarningRule rule, long day) {
    return day - rule.windowDays() - rule.baselineDays();
  }
}
