package io.qualitywatch.streaming.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qualitywatch.risk.rules.RiskRules;
import io.qualitywatch.risk.rules.WarningRule;
import io.qualitywatch.risk.warning.WarningType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WindowCountsTest {
  private static final long DAY = 20_000; // any day number: only differences matter
  private static final WarningRule SURGE =
      RiskRules.defaults().warning(WarningType.COMPLAINT_SURGE);
  private static final WarningRule WAVE = RiskRules.defaults().warning(WarningType.FAILURE_WAVE);

  /** Complaints per day, {@code counts[0]} on the assessed day, {@code counts[i]} i days before. */
  private static Map<Long, long[]> complaints(long... counts) {
    Map<Long, long[]> daily = new HashMap<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        daily.put(DAY - i, new long[] {counts[i], 0});
      }
    }
    return daily;
  }

  private static WindowCounts.Measure surge(Map<Long, long[]> daily, long firstDay) {
    return WindowCounts.measure(
        WarningType.COMPLAINT_SURGE, SURGE, daily.entrySet(), List.of(), firstDay, DAY);
  }

  @Test
  void aNewSubjectIsJudgedAgainstThePriorAndALongSilenceAgainstItsOwnRate() {
    long[] burst = new long[91];
    burst[0] = 2;
    burst[1] = 2;
    burst[3] = 2;
    // First seen inside the window: six complaints where the prior expects two are no news.
    WindowCounts.Measure fresh = surge(complaints(burst), DAY - 3);
    assertEquals(6, fresh.observed());
    assertEquals(2, fresh.expected(), 1e-9);
    assertTrue(fresh.metric() < SURGE.thresholds().blue(), "metric " + fresh.metric());
    // Observed in silence for the 84 days before: the same six are a surge.
    WindowCounts.Measure silent = surge(complaints(burst), DAY - 90);
    assertEquals(7 * 2.0 / (84 + 7), silent.expected(), 1e-9);
    assertTrue(silent.metric() >= SURGE.thresholds().blue(), "metric " + silent.metric());
  }

  @Test
  void daysBeforeTheSubjectWasFirstSeenAreNotHistory() {
    long[] burst = new long[91];
    burst[0] = 6;
    // Seen 30 days ago: 23 silent baseline days, not 84.
    WindowCounts.Measure m = surge(complaints(burst), DAY - 29);
    assertEquals(7 * 2.0 / (23 + 7), m.expected(), 1e-9);
  }

  @Test
  void aBurstyHistoryRaisesTheBarForTheSameExcess() {
    long[] steady = new long[91];
    long[] bursty = new long[91];
    for (int i = 7; i < 91; i++) {
      steady[i] = 1;
      bursty[i] = i % 7 == 0 ? 7 : 0; // the same 84 complaints, a week's worth on one day
    }
    for (int i = 0; i < 7; i++) {
      steady[i] = 3;
      bursty[i] = 3;
    }
    WindowCounts.Measure s = surge(complaints(steady), DAY - 90);
    WindowCounts.Measure b = surge(complaints(bursty), DAY - 90);
    assertEquals(s.expected(), b.expected(), 1e-9);
    assertTrue(s.metric() > b.metric() + 1, s.metric() + " vs " + b.metric());
  }

  @Test
  void fewerComplaintsThanTheMinimumNeverAlarmButStillReportTheirBaseline() {
    long[] c = new long[91];
    c[0] = SURGE.minCount() - 1;
    WindowCounts.Measure m = surge(complaints(c), DAY - 90);
    assertEquals(0, m.metric());
    assertTrue(m.expected() > 0);
  }

  @Test
  void nullWindowsRarelyLookSurprising() {
    // Poisson complaints at a steady 1.5 a day: no window is a surge. The detector's p-value is
    // calibrated, so about 1 % of windows may reach surprise 2 and far fewer the blue threshold.
    SplittableRandom rnd = new SplittableRandom(7);
    int windows = 4_000;
    int reach2 = 0;
    int reachBlue = 0;
    for (int k = 0; k < windows; k++) {
      long[] c = new long[91];
      for (int i = 0; i < c.length; i++) {
        c[i] = poisson(rnd, 1.5);
      }
      double metric = surge(complaints(c), DAY - 90).metric();
      reach2 += metric >= 2 ? 1 : 0;
      reachBlue += metric >= SURGE.thresholds().blue() ? 1 : 0;
    }
    assertTrue(reach2 <= windows / 100, reach2 + " of " + windows + " reached 2");
    assertEquals(0, reachBlue);
  }

  @Test
  void aFailureWaveIsJudgedAgainstTheCategorysRatePerSample() {
    Map<Long, long[]> daily = new HashMap<>();
    // Baseline: 100 samples, 10 failed, spread over the 168 days before the window.
    for (int i = 0; i < 10; i++) {
      daily.put(DAY - 28 - 10 * i, new long[] {10, 1});
    }
    // Window: 40 samples, 20 failed.
    for (int i = 0; i < 4; i++) {
      daily.put(DAY - 5 * i, new long[] {10, 5});
    }
    List<Long> provinces = List.of(DAY, DAY - 1, DAY - 2);
    WindowCounts.Measure m =
        WindowCounts.measure(
            WarningType.FAILURE_WAVE, WAVE, daily.entrySet(), provinces, DAY - 200, DAY);
    // Prior: the national 12.3 % worth 20 samples.
    assertEquals(40 * (10 + 0.123 * 20) / (100 + 20), m.expected(), 1e-9);
    assertEquals(20, m.observed());
    assertEquals(40, m.samples());
    assertTrue(m.metric() >= WAVE.thresholds().blue(), "metric " + m.metric());
    // The same failures from two provinces are one bad producer, not a wave.
    WindowCounts.Measure local =
        WindowCounts.measure(
            WarningType.FAILURE_WAVE,
            WAVE,
            daily.entrySet(),
            provinces.subList(0, 2),
            DAY - 200,
            DAY);
    assertEquals(0, local.metric());
  }

  private static long poisson(SplittableRandom rnd, double mean) {
    long k = 0;
    double p = Math.exp(-mean);
    double s = p;
    double u = rnd.nextDouble();
    while (u > s) {
      k++;
      p *= mean / k;
      s += p;
    }
    return k;
  }
}
