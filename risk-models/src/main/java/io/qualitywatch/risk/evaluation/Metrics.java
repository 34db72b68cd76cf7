package io.qualitywatch.risk.evaluation;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Ranking and calibration metrics for a binary outcome. Ties get the documented treatment
 * everywhere: AUC counts a tied pair as one half; top-k lists break ties by the original order (the
 * order the inspections actually happened), which is what a planner with equal scores would do.
 */
public final class Metrics {
  private Metrics() {}

  /**
   * Area under the ROC curve: the probability that a random failure scores above a random pass
   * (Mann–Whitney U with mid-ranks for ties). NaN when one class is absent.
   */
  public static double auc(int[] label, double[] score) {
    int n = label.length;
    Integer[] o = order(score, false);
    double[] rank = new double[n];
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && score[o[j + 1]] == score[o[i]]) {
        j++;
      }
      double mid = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        rank[o[k]] = mid;
      }
      i = j + 1;
    }
    long pos = 0;
    double sum = 0;
    for (int k = 0; k < n; k++) {
      if (label[k] == 1) {
        pos++;
        sum += rank[k];
      }
    }
    long neg = n - pos;
    if (pos == 0 || neg == 0) {
      return Double.NaN;
    }
    return (sum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
  }

  /** Number of rows in the top {@code fraction}: ceil, at least 1. */
  public static int topCount(int n, double fraction) {
    return Math.max(1, (int) Math.ceil(n * fraction - 1e-9));
  }

  /** Share of failures among the top {@code fraction} of rows by score. */
  public static double precisionAt(int[] label, double[] score, double fraction) {
    int k = topCount(label.length, fraction);
    Integer[] o = order(score, true);
    int hits = 0;
    for (int i = 0; i < k; i++) {
      hits += label[o[i]];
    }
    return hits / (double) k;
  }

  /** Share of all failures found in the top {@code fraction} of rows by score (recall at k). */
  public static double recallAt(int[] label, double[] score, double fraction) {
    int total = Arrays.stream(label).sum();
    if (total == 0) {
      return Double.NaN;
    }
    int k = topCount(label.length, fraction);
    Integer[] o = order(score, true);
    int hits = 0;
    for (int i = 0; i < k; i++) {
      hits += label[o[i]];
    }
    return hits / (double) total;
  }

  public static double brier(int[] label, double[] p) {
    double s = 0;
    for (int i = 0; i < label.length; i++) {
      s += (p[i] - label[i]) * (p[i] - label[i]);
    }
    return s / label.length;
  }

  public static double logLoss(int[] label, double[] p) {
    double s = 0;
    for (int i = 0; i < label.length; i++) {
      double q = Math.min(1 - 1e-15, Math.max(1e-15, p[i]));
      s -= label[i] == 1 ? Math.log(q) : Math.log(1 - q);
    }
    return s / label.length;
  }

  /**
   * Expected calibration error over {@code bins} equal-width probability bins: the row-weighted
   * mean gap between predicted and observed failure rate.
   */
  public static double ece(int[] label, double[] p, int bins) {
    double[] sumP = new double[bins];
    double[] sumY = new double[bins];
    int[] n = new int[bins];
    for (int i = 0; i < label.length; i++) {
      int b = Math.min(bins - 1, (int) (p[i] * bins));
      sumP[b] += p[i];
      sumY[b] += label[i];
      n[b]++;
    }
    double e = 0;
    for (int b = 0; b < bins; b++) {
      if (n[b] > 0) {
        e += Math.abs(sumP[b] - sumY[b]);
      }
    }
    return e / label.length;
  }

  public static double mean(double[] p) {
    return Arrays.stream(p).average().orElse(Double.NaN);
  }

  /** Indices sorted by score (descending if asked), ties by index: a stable order. */
  static Integer[] order(double[] score, boolean descending) {
    Integer[] o = new Integer[score.length];
    for (int i = 0; i < o.length; i++) {
      o[i] = i;
    }
    Comparator<Integer> c = Comparator.comparingDouble(i -> score[i]);
    Arrays.sort(o, descending ? c.reversed().thenComparingInt(i -> i) : c.thenComparingInt(i -> i));
    return o;
  }
}
