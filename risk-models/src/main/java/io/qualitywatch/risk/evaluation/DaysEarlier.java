package io.qualitywatch.risk.evaluation;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The "days earlier" replay of Chicago's food-inspection forecasting evaluation: keep the test
 * period's inspection slots (the dates on which inspections actually took place), but give them to
 * the inspections in score order instead of their actual order. A failure that the replay reaches
 * on an earlier slot is found that many days earlier; averaged over all failures. The actual order
 * scores 0 by definition; a random order about 0 on average.
 *
 * <p>The replay runs in consecutive windows of {@code windowDays} (Chicago's pilot covered two
 * months): an inspection can only move within its window, because a real planner re-plans
 * periodically and the features would drift if an inspection moved by half a year.
 *
 * <p>Assumption stated with the figure: an inspection's outcome does not depend on when it is done
 * (the replay keeps each inspection's features and label from its actual date).
 */
public final class DaysEarlier {
  /**
   * @param daysEarlier mean over failures of (actual date − replayed date) in days
   * @param failures failures replayed
   * @param foundFirstHalfModel share of failures the score order finds in the first half of each
   *     window's slots
   * @param foundFirstHalfActual the same share for the actual order
   */
  public record Result(
      double daysEarlier,
      int failures,
      int windows,
      double foundFirstHalfModel,
      double foundFirstHalfActual) {}

  private DaysEarlier() {}

  /**
   * @param dates inspection dates (any order; the actual order is by date, then by index)
   * @param label 1 = failed
   * @param score higher = inspect first; ties keep the actual order
   */
  public static Result replay(LocalDate[] dates, int[] label, double[] score, int windowDays) {
    int n = dates.length;
    Integer[] actual = new Integer[n];
    for (int i = 0; i < n; i++) {
      actual[i] = i;
    }
    Arrays.sort(actual, Comparator.comparing((Integer i) -> dates[i]).thenComparingInt(i -> i));
    double sum = 0;
    int failures = 0;
    int windows = 0;
    int halfModel = 0;
    int halfActual = 0;
    int start = 0;
    while (start < n) {
      LocalDate w0 = dates[actual[start]];
      LocalDate w1 = w0.plusDays(windowDays);
      int end = start;
      while (end < n && dates[actual[end]].isBefore(w1)) {
        end++;
      }
      int m = end - start;
      Integer[] slotOwner = new Integer[m];
      int[] rankActual = new int[n];
      for (int k = 0; k < m; k++) {
        slotOwner[k] = actual[start + k];
        rankActual[actual[start + k]] = k;
      }
      Integer[] byScore = slotOwner.clone();
      Arrays.sort(
          byScore,
          Comparator.comparingDouble((Integer i) -> -score[i])
              .thenComparingInt(i -> rankActual[i]));
      int half = (m + 1) / 2;
      for (int k = 0; k < m; k++) {
        int i = byScore[k];
        if (label[i] == 1) {
          LocalDate replayed = dates[slotOwner[k]];
          sum += dates[i].toEpochDay() - replayed.toEpochDay();
          failures++;
          if (k < half) {
            halfModel++;
          }
          if (rankActual[i] < half) {
            halfActual++;
          }
        }
      }
      windows++;
      start = end;
    }
    return new Result(
        failures == 0 ? Double.NaN : sum / failures,
        failures,
        windows,
        failures == 0 ? Double.NaN : halfModel / (double) failures,
        failures == 0 ? Double.NaN : halfActual / (double) failures);
  }
}
