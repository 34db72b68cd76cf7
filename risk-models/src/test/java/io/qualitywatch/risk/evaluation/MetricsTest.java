package io.qualitywatch.risk.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Metrics against values worked out by hand on tiny fixtures. */
class MetricsTest {
  // Failures score 0.9, 0.8, 0.5; passes 0.8, 0.3, 0.1.
  static final int[] Y = {1, 0, 1, 0, 0, 1};
  static final double[] S = {0.9, 0.8, 0.8, 0.3, 0.1, 0.5};

  @Test
  void aucCountsTiesAsHalf() {
    // Pairs won: 0.9 → 3; 0.8 → 0.5 (tie) + 2; 0.5 → 2. 7.5 of 9.
    assertEquals(7.5 / 9, Metrics.auc(Y, S), 1e-12);
    assertEquals(smile.validation.metric.AUC.of(Y, S), Metrics.auc(Y, S), 1e-12);
    assertEquals(Double.NaN, Metrics.auc(new int[] {1, 1}, new double[] {0.1, 0.2}));
  }

  @Test
  void precisionAndRecallAtKBreakTiesByOriginalOrder() {
    // Top half = 3 rows: index 0 (fail), 1 (pass, tied with 2 but earlier), 2 (fail).
    assertEquals(2 / 3.0, Metrics.precisionAt(Y, S, 0.5), 1e-12);
    assertEquals(2 / 3.0, Metrics.recallAt(Y, S, 0.5), 1e-12);
    // Top 10 % of 6 rows is one row (ceil): index 0, a failure.
    assertEquals(1.0, Metrics.precisionAt(Y, S, 0.10), 1e-12);
    assertEquals(1 / 3.0, Metrics.recallAt(Y, S, 0.10), 1e-12);
  }

  @Test
  void brierAndCalibrationError() {
    int[] y = {1, 0};
    double[] p = {0.8, 0.4};
    assertEquals((0.04 + 0.16) / 2, Metrics.brier(y, p), 1e-12);
    // Bins 8 and 4, one row each: |0.8 − 1| + |0.4 − 0| over 2 rows.
    assertEquals(0.3, Metrics.ece(y, p, 10), 1e-12);
  }

  @Test
  void daysEarlierReplaysTheSlotsInScoreOrder() {
    LocalDate[] dates = {
      LocalDate.of(2025, 1, 1),
      LocalDate.of(2025, 1, 2),
      LocalDate.of(2025, 1, 5),
      LocalDate.of(2025, 1, 10)
    };
    int[] y = {0, 1, 0, 1};
    double[] s = {0.2, 0.5, 0.1, 0.9};
    // Score order 3, 1, 0, 2 takes the slots Jan 1, 2, 5, 10. The Jan 10 failure moves to Jan 1
    // (9 days earlier), the Jan 2 failure stays (0): mean 4.5. Both land in the first half of the
    // slots; in the actual order only one does.
    DaysEarlier.Result r = DaysEarlier.replay(dates, y, s, 60);
    assertEquals(4.5, r.daysEarlier(), 1e-12);
    assertEquals(2, r.failures());
    assertEquals(1.0, r.foundFirstHalfModel(), 1e-12);
    assertEquals(0.5, r.foundFirstHalfActual(), 1e-12);
    // A score that is the actual order gains nothing; the reverse order moves the Jan 10 failure
    // to Jan 1 (+9) but the Jan 2 failure to Jan 5 (−3).
    assertEquals(0, DaysEarlier.replay(dates, y, new double[] {4, 3, 2, 1}, 60).daysEarlier());
    assertEquals(
        ((2 - 5) + (10 - 1)) / 2.0,
        DaysEarlier.replay(dates, y, new double[] {1, 2, 3, 4}, 60).daysEarlier(),
        1e-12);
  }

  @Test
  void daysEarlierDoesNotMoveInspectionsAcrossWindows() {
    LocalDate[] dates = {LocalDate.of(2025, 1, 1), LocalDate.of(2025, 3, 1)};
    int[] y = {0, 1};
    double[] s = {0.1, 0.9};
    // With a 30-day window the two are in different windows: nothing can move.
    assertEquals(0, DaysEarlier.replay(dates, y, s, 30).daysEarlier());
    assertEquals(2, DaysEarlier.replay(dates, y, s, 30).windows());
    assertEquals(59, DaysEarlier.replay(dates, y, s, 90).daysEarlier());
  }
}
