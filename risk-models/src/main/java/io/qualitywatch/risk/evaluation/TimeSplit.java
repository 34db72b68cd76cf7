package io.qualitywatch.risk.evaluation;

import io.qualitywatch.risk.features.FeatureRow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Train on inspections before {@code validationFrom}, calibrate on those before {@code testFrom},
 * test on the rest (up to {@code testUntil}, exclusive): the next period is never seen while
 * fitting, as when a model trained today scores next quarter's inspections.
 */
public record TimeSplit(LocalDate validationFrom, LocalDate testFrom, LocalDate testUntil) {
  public TimeSplit {
    if (!validationFrom.isBefore(testFrom)) {
      throw new IllegalArgumentException(
          "validation must start before test: " + validationFrom + " / " + testFrom);
    }
  }

  public record Parts(List<FeatureRow> train, List<FeatureRow> validation, List<FeatureRow> test) {}

  /**
   * Splits at time quantiles of the inspections: the last {@code testShare} of them are the test
   * period, the {@code validationShare} before them validation.
   */
  public static TimeSplit byShares(
      List<FeatureRow> rows, ZoneId zone, double validationShare, double testShare) {
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("no inspections to split");
    }
    long[] t = rows.stream().mapToLong(r -> r.target().timeMillis()).sorted().toArray();
    LocalDate v = date(t[(int) Math.floor(t.length * (1 - testShare - validationShare))], zone);
    LocalDate s = date(t[(int) Math.floor(t.length * (1 - testShare))], zone);
    if (!v.isBefore(s)) {
      s = v.plusDays(1);
    }
    return new TimeSplit(v, s, date(t[t.length - 1], zone).plusDays(1));
  }

  public Parts split(List<FeatureRow> rows, ZoneId zone) {
    List<FeatureRow> train = new ArrayList<>();
    List<FeatureRow> val = new ArrayList<>();
    List<FeatureRow> test = new ArrayList<>();
    for (FeatureRow r : rows) {
      LocalDate d = date(r.target().timeMillis(), zone);
      if (d.isBefore(validationFrom)) {
        train.add(r);
      } else if (d.isBefore(testFrom)) {
        val.add(r);
      } else if (testUntil == null || d.isBefore(testUntil)) {
        test.add(r);
      }
    }
    return new Parts(train, val, test);
  }

  static LocalDate date(long millis, ZoneId zone) {
    return Instant.ofEpochMilli(millis).atZone(zone).toLocalDate();
  }

  static LocalDate[] dates(List<FeatureRow> rows, ZoneId zone) {
    return rows.stream().map(r -> date(r.target().timeMillis(), zone)).toArray(LocalDate[]::new);
  }

  @Override
  public String toString() {
    return "train < " + validationFrom + " ≤ validation < " + testFrom + " ≤ test < " + testUntil;
  }

  static int positives(List<FeatureRow> rows) {
    return Arrays.stream(rows.stream().mapToInt(r -> r.target().label()).toArray()).sum();
  }
}
