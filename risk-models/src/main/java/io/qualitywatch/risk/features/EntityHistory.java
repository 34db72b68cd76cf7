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
 * <p>Memory: 8 bytes per event. Not thread-safe; one per keyed-state entry in Flink, where {@link
 * #compact} bounds it: events older than a horizon are folded into a count and a latest time per
 * kind, which keeps every feature exact for cutoffs at least {@link #WINDOW_DAYS} days after the
 * horizon (the longest window); an earlier cutoff fails instead of returning a wrong number.
 */
public final class EntityHistory implements Serializable {
  private static final long DAY = 86_400_000L;

  /** "Never" is encoded as this many days: longer than any window, so trees split it off. */
  public static final double NEVER_DAYS = 1825;

  /** The longest feature window: a cutoff this long after the compaction horizon is exact. */
  public static final int WINDOW_DAYS = 365;

  private static final int KINDS = HistoryKind.values().length;

  private final LongList[] byKind = new LongList[KINDS];

  /** Per kind: events folded away by {@link #compact}, and the latest of them. */
  private final long[] folded = new long[KINDS];

  private final long[] foldedLast = new long[KINDS];

  /** Events before this time are folded; Long.MIN_VALUE when nothing was. */
  private long horizon = Long.MIN_VALUE;

  public EntityHistory() {
    java.util.Arrays.fill(foldedLast, Long.MIN_VALUE);
  }

  public void add(HistoryEvent e) {
    add(e.kind(), e.timeMillis());
  }

  public void add(HistoryKind kind, long timeMillis) {
    int k = kind.ordinal();
    if (timeMillis < horizon) {
      // A late event behind the horizon: only totals and "last" can still see it.
      folded[k]++;
      foldedLast[k] = Math.max(foldedLast[k], timeMillis);
      return;
    }
    if (byKind[k] == null) {
      byKind[k] = new LongList();
    }
    byKind[k].add(timeMillis);
  }

  /**
   * Folds events before {@code newHorizon} into per-kind counts; features stay exact for cutoffs
   * from {@code newHorizon + WINDOW_DAYS} days on. A horizon earlier than the current one is
   * ignored.
   */
  public void compact(long newHorizon) {
    if (newHorizon <= horizon) {
      return;
    }
    for (int k = 0; k < KINDS; k++) {
      LongList l = byKind[k];
      if (l != null) {
        long last = l.lastBefore(newHorizon);
        int n = l.dropBefore(newHorizon);
        if (n > 0) {
          folded[k] += n;
          foldedLast[k] = Math.max(foldedLast[k], last);
        }
      }
    }
    horizon = newHorizon;
  }

  /** Events held individually (not folded): what keyed state grows with. */
  public int size() {
    int n = 0;
    for (LongList l : byKind) {
      n += l == null ? 0 : l.size();
    }
    return n;
  }

  /** Events of a kind in [from, to); {@code from} must be after the horizon or unbounded. */
  int count(HistoryKind k, long from, long to) {
    LongList l = byKind[k.ordinal()];
    int n = l == null ? 0 : l.countIn(from, to);
    return from == Long.MIN_VALUE ? n + (int) folded[k.ordinal()] : n;
  }

  int before(HistoryKind k, long cutoff) {
    return count(k, Long.MIN_VALUE, cutoff);
  }

  private long lastBefore(HistoryKind k, long cutoff) {
    LongList l = byKind[k.ordinal()];
    long last = l == null ? Long.MIN_VALUE : l.lastBefore(cutoff);
    return Math.max(last, foldedLast[k.ordinal()]);
  }

  /**
   * The whole history as one array (horizon; per kind: folded count, latest folded time, number of
   * times, the times): a primitive array keeps Flink state off Kryo and costs 8 bytes per event.
   */
  public long[] toArray() {
    int n = 1;
    for (LongList l : byKind) {
      n += 3 + (l == null ? 0 : l.size());
    }
    long[] a = new long[n];
    int i = 0;
    a[i++] = horizon;
    for (int k = 0; k < KINDS; k++) {
      LongList l = byKind[k];
      a[i++] = folded[k];
      a[i++] = foldedLast[k];
      int m = l == null ? 0 : l.size();
      a[i++] = m;
      for (int j = 0; j < m; j++) {
        a[i++] = l.get(j);
      }
    }
    return a;
  }

  /** The inverse of {@link #toArray}; null or empty gives an empty history. */
  public static EntityHistory fromArray(long[] a) {
    EntityHistory h = new EntityHistory();
    if (a == null || a.length == 0) {
      return h;
    }
    int i = 0;
    h.horizon = a[i++];
    for (int k = 0; k < KINDS; k++) {
      h.folded[k] = a[i++];
      h.foldedLast[k] = a[i++];
      int m = (int) a[i++];
      if (m > 0) {
        h.byKind[k] = LongList.of(a, i, m);
        i += m;
      }
    }
    return h;
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
    if (horizon != Long.MIN_VALUE && cutoff < horizon + WINDOW_DAYS * DAY) {
      throw new IllegalStateException(
          "features as of "
              + java.time.Instant.ofEpochMilli(cutoff)
              + " need events folded at the horizon "
              + java.time.Instant.ofEpochMilli(horizon));
    }
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
