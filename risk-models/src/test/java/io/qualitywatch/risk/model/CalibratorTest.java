package io.qualitywatch.risk.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CalibratorTest {
  /** Validation scores drawn uniformly; labels drawn with P(fail) = rate(raw). */
  static int[] labels(double[] raw, boolean increasing, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] y = new int[raw.length];
    for (int i = 0; i < raw.length; i++) {
      double p = 0.05 + 0.3 * (increasing ? raw[i] : 1 - raw[i]);
      y[i] = r.nextDouble() < p ? 1 : 0;
    }
    return y;
  }

  static double[] raws(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 0.01 + 0.98 * r.nextDouble();
    }
    return x;
  }

  @Test
  void plattFollowsAUsefulScore() {
    double[] raw = raws(2000, 1);
    Calibrator c = Calibrator.platt(raw, labels(raw, true, 2));
    assertTrue(c.apply(0.9) - c.apply(0.1) > 0.1, c.apply(0.9) + " " + c.apply(0.1));
  }

  @Test
  void plattNeverReversesTheRankingButFlattensItToTheBaseRate() {
    double[] raw = raws(2000, 3);
    int[] y = labels(raw, false, 4);
    Calibrator c = Calibrator.platt(raw, y);
    double[] grid = {0.02, 0.1, 0.3, 0.5, 0.7, 0.9, 0.98};
    for (int i = 1; i < grid.length; i++) {
      assertTrue(c.apply(grid[i]) > c.apply(grid[i - 1]), "order kept at " + grid[i]);
    }
    double rate = java.util.Arrays.stream(y).average().orElseThrow();
    double mean = java.util.Arrays.stream(raw).map(c::apply).average().orElseThrow();
    // Platt's smoothed targets pull the mean slightly towards 1/2: within a point of the rate.
    assertEquals(rate, mean, 0.01);
    assertTrue(c.apply(0.98) - c.apply(0.02) < 0.01, "flat: " + c.apply(0.98));
  }
}
