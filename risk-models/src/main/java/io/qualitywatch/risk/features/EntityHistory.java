package io.qualitywatch.risk.features;

import static io.qualitywatch.risk.features.HistoryKind.*;

import java.io.Serializable;

/**
 * Everything known about one entity: the times of its events per kind. Features are computed as of
 * a cutoff and every count and "days since" looks only at events strictly before it, whatever else
 * the history already holds. That makes point-in-time correctness a property of this class rather
 * than of the order in which a caller feeds it: the stream may add same-day or late events and a
 * feature at t still cannot see them.
 *
 * <p>Memory: 8 bytes per event. Not thread-safe; one per keyed-state entry in Flink.
 */
public final class EntityHistory implements Serializable {
  private static final long DAY = 86_400_000L;

  /** "Never" is encoded as this many days: longer than any window, so trees split it off. */
  public static final double NEVER_DAYS = 1825;

  private final LongList[] byKind = new LongList[HistoryKind.values().length];

  public void add(HistoryEvent e) {
    int k = e.kind().ordinal();
    if (byKind[k] == null) {
      byKind[k] = new LongList();
    }
    byKind[k].add(e.timeMillis());
  }

  /** Events of a kind in [from, to). */
  int count(HistoryKind k, long from, long to) {
    LongList l = byKind[k.ordinal()];
    return l == null ? 0 : l.countIn(from, to);
  }

  int before(HistoryKind k, long cutoff) {
    return count(k, Long.MIN_VALUE, cutoff);
  }

  private long lastBefore(HistoryKind k, long cutoff) {
    LongList l = byKind[k.ordinal()];
    return l == null ? Long.MIN_VALUE : l.lastBefore(cutoff);
  }

  private double daysSince(long cutoff, HistoryKind... kinds) {
    long last = Long.MIN_VALUE;
    for (HistoryKind k : kinds) {
      last = Math.max(last, lastBefore(k, cutoff));
    }
    return last == Long.MIN_VALUE
        ? NEVER_DAYS
        : Math.min(NEVER_DAYS, (cutoff - last) / (double) DAY);
  }

  private int window(long cutoff, int days, HistoryKind... kinds) {
    int n = 0;
    for (HistoryKind k : kinds) {
      n += count(k, cutoff - days * DAY, cutoff);
    }
    return n;
  }

  /**
   * The numeric features as of {@code cutoff} in the order of {@link FeatureBuilder#NUMERIC}.
   *
   * @param establishedEpochDay founding day or null (age then 0, which trees and a centred logistic
   *     regression treat as "unknown")
   */
  public double[] numeric(long cutoff, Long establishedEpochDay, boolean recheck) {
    int pass = before(SAMPLING_PASS, cutoff);
    int fs = before(SAMPLING_FAIL_SAFETY, cutoff);
    int fm = before(SAMPLING_FAIL_MAJOR, cutoff);
    int fn = before(SAMPLING_FAIL_MINOR, cutoff);
    int fails = fs + fm + fn;
    int samplings = pass + fails;
    int clean = before(INSPECTION_CLEAN, cutoff);
    int issues = before(INSPECTION_ISSUES, cutoff);
    int serious = before(INSPECTION_SERIOUS, cutoff);
    int notFound = before(INSPECTION_NOT_FOUND, cutoff);
    int certsHeld =
        Math.max(
            0,
            before(CERT_ISSUED, cutoff)
                - before(CERT_ENDED, cutoff)
                - before(CERT_REVOKED, cutoff));
    int listed = before(BLACKLISTED, cutoff) - before(BLACKLIST_REMOVED, cutoff);
    double age =
        establishedEpochDay == null
            ? 0
            : Math.max(0, (cutoff / (double) DAY - establishedEpochDay) / 365.25);
    return new double[] {
      samplings,
      fs,
      fm,
      fn,
      // Smoothed towards a prior of 1 in 10 so that one failure in one sampling is not "100 %".
      (fails + 0.5) / (samplings + 5.0),
      window(cutoff, 365, SAMPLING_FAIL_SAFETY, SAMPLING_FAIL_MAJOR, SAMPLING_FAIL_MINOR),
      daysSince(
          cutoff, SAMPLING_PASS, SAMPLING_FAIL_SAFETY, SAMPLING_FAIL_MAJOR, SAMPLING_FAIL_MINOR),
      daysSince(cutoff, SAMPLING_FAIL_SAFETY, SAMPLING_FAIL_MAJOR, SAMPLING_FAIL_MINOR),
      clean + issues + serious + notFound,
      issues,
      serious,
      notFound,
      daysSince(
          cutoff, INSPECTION_CLEAN, INSPECTION_ISSUES, INSPECTION_SERIOUS, INSPECTION_NOT_FOUND),
      window(cutoff, 30, COMPLAINT),
      window(cutoff, 90, COMPLAINT),
      window(cutoff, 365, COMPLAINT),
      window(cutoff, 30, REPORT),
      window(cutoff, 90, REPORT),
      window(cutoff, 365, REPORT),
      before(COMPLAINT, cutoff) + before(REPORT, cutoff),
      daysSince(cutoff, COMPLAINT, REPORT),
      certsHeld,
      before(CERT_SUSPENDED, cutoff),
      before(CERT_REVOKED, cutoff),
      before(CERT_ABUSE, cutoff),
      before(PENALTY, cutoff),
      window(cutoff, 365, PENALTY),
      listed > 0 ? 1 : 0,
      before(ABNORMAL_OPERATION, cutoff),
      before(BANNED, cutoff),
      before(RECALL_ORDERED, cutoff) + before(RECALL_VOLUNTARY, cutoff),
      age,
      recheck ? 1 : 0
    };
  }
}
