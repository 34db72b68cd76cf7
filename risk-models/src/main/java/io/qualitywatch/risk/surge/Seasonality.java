package io.qualitywatch.risk.surge;

import java.util.Arrays;

/**
 * Relative expected volume of each baseline period and of the period being assessed: 1 everywhere
 * for none; for daily counts typically a day-of-week profile (complaints drop at weekends and
 * during the Spring Festival). Only ratios matter.
 *
 * @param historyFactors one factor per baseline period, same order as the counts
 * @param currentFactor the factor of the assessed period
 */
public record Seasonality(double[] historyFactors, double currentFactor) {
  public Seasonality {
    if (!(currentFactor > 0)) {
      throw new IllegalArgumentException("currentFactor must be > 0, got " + currentFactor);
    }
    for (double f : historyFactors) {
      if (!(f > 0)) {
        throw new IllegalArgumentException("seasonal factors must be > 0, got " + f);
      }
    }
  }

  /** No seasonality over {@code n} baseline periods. */
  public static Seasonality none(int n) {
    double[] f = new double[n];
    Arrays.fill(f, 1);
    return new Seasonality(f, 1);
  }

  /**
   * A weekly profile for daily counts: {@code byDayOfWeek[0]} is Monday. The baseline is the {@code
   * n} days before the assessed day, whose day of week is {@code currentDow} (1 = Monday).
   */
  public static Seasonality weekly(double[] byDayOfWeek, int currentDow, int n) {
    if (byDayOfWeek.length != 7) {
      throw new IllegalArgumentException("weekly profile needs 7 factors");
    }
    double[] f = new double[n];
    for (int i = 0; i < n; i++) {
      // History is oldest first, ending the day before the assessed day.
      int back = n - i;
      int dow = Math.floorMod(currentDow - 1 - back, 7);
      f[i] = byDayOfWeek[dow];
    }
    return new Seasonality(f, byDayOfWeek[currentDow - 1]);
  }

  /**
   * A weekly profile estimated from long daily history (oldest first, the last element being the
   * day before a day of week {@code currentDow}): mean per day of week over the overall mean, with
   * one pseudo-day of smoothing towards 1 so that sparse series stay flat.
   */
  public static double[] estimateWeekly(double[] counts, int currentDow) {
    double[] sum = new double[7];
    int[] n = new int[7];
    double total = 0;
    for (int i = 0; i < counts.length; i++) {
      int back = counts.length - i;
      int dow = Math.floorMod(currentDow - 1 - back, 7);
      sum[dow] += counts[i];
      n[dow]++;
      total += counts[i];
    }
    double mean = counts.length == 0 ? 0 : total / counts.length;
    double[] f = new double[7];
    for (int d = 0; d < 7; d++) {
      f[d] = mean <= 0 ? 1 : (sum[d] / mean + 1) / (n[d] + 1);
      f[d] = Math.max(f[d], 0.05);
    }
    return f;
  }
}
