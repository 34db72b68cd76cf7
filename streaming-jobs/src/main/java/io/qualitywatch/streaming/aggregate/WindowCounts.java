package io.qualitywatch.streaming.aggregate;

import io.qualitywatch.risk.rules.WarningRule;
import io.qualitywatch.risk.warning.Surprise;
import io.qualitywatch.risk.warning.WarningType;
import java.util.Map;

/**
 * The metric a count-based warning is judged on, from per-day counts. Plain Java over maps so it is
 * tested without Flink.
 *
 * <ul>
 *   <li>Complaint surges: events in the window against the subject's own trailing baseline, as a
 *       Poisson {@link Surprise} (−log10 p). The baseline rate is shrunk towards a prior of two
 *       events a week with the weight of two events, over the days the subject has actually been
 *       observed: a subject seen for the first time is judged against the prior (so a new
 *       enterprise's first steady complaints are no surge), one with months of silence against its
 *       own near-zero rate (so a sudden burst is).
 *   <li>Failure waves: failures in the window against samplings × the category's baseline failure
 *       rate (smoothed towards the national 12.3 %), and only when failures come from at least
 *       {@code minRegions} provinces at once — a wave, not one bad producer.
 *   <li>Certificate-abuse clusters: distinct abusing enterprises in the window.
 * </ul>
 */
public final class WindowCounts {
  /** Index of each counter in a day's {@code long[]}. */
  public static final int EVENTS = 0;

  public static final int FAILURES = 1;

  private static final double PRIOR_EVENTS_PER_DAY = 2.0 / 7;
  private static final double PRIOR_EVENTS = 2;

  /** National supervision sampling 2023: 12.3 % of batches failed (domain brief). */
  private static final double PRIOR_FAILURE_RATE = 0.123;

  private static final double PRIOR_SAMPLES = 20;

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
    long w = rule.windowDays();
    long b = rule.baselineDays();
    long windowEvents = 0;
    long windowFailures = 0;
    long baseEvents = 0;
    long baseFailures = 0;
    for (Map.Entry<Long, long[]> d : daily) {
      long age = day - d.getKey();
      if (age < 0) {
        continue; // later days (out-of-order input) belong to later windows
      }
      if (age < w) {
        windowEvents += d.getValue()[EVENTS];
        windowFailures += d.getValue()[FAILURES];
      } else if (age < w + b) {
        baseEvents += d.getValue()[EVENTS];
        baseFailures += d.getValue()[FAILURES];
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
        // Days of baseline actually observed: none for a subject first seen inside the window.
        long observedBaseline = Math.max(0, Math.min(b, day - w + 1 - firstDay));
        double ratePerDay =
            (baseEvents + PRIOR_EVENTS) / (observedBaseline + PRIOR_EVENTS / PRIOR_EVENTS_PER_DAY);
        double expected = ratePerDay * w;
        double metric =
            windowEvents < rule.minCount() ? 0 : Surprise.poisson(windowEvents, expected);
        yield new Measure(metric, windowEvents, expected, 0, distinct);
      }
      case FAILURE_WAVE -> {
        double rate =
            (baseFailures + PRIOR_FAILURE_RATE * PRIOR_SAMPLES) / (baseEvents + PRIOR_SAMPLES);
        double expected = windowEvents * rate;
        double metric =
            windowFailures < rule.minCount() || distinct < rule.minRegions()
                ? 0
                : Surprise.poisson(windowFailures, expected);
        yield new Measure(metric, windowFailures, expected, windowEvents, distinct);
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
