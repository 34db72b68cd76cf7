package io.qualitywatch.risk.warning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SurpriseTest {
  @Test
  void matchesHandComputedTails() {
    // P(X >= 1 | 1) = 1 - e^-1
    assertEquals(-Math.log10(1 - Math.exp(-1)), Surprise.poisson(1, 1), 1e-9);
    // P(X >= 3 | 0.5) = 1 - e^-0.5 (1 + 0.5 + 0.125)
    double p = 1 - Math.exp(-0.5) * (1 + 0.5 + 0.125);
    assertEquals(-Math.log10(p), Surprise.poisson(3, 0.5), 1e-9);
    // Large counts take the Stirling branch: P(X >= 40 | 10) = 7.3416363e-13 (exact rational sum).
    assertEquals(-Math.log10(7.3416363e-13), Surprise.poisson(40, 10), 1e-6);
  }

  @Test
  void monotoneInTheObservedCount() {
    double last = -1;
    for (int k = 0; k < 60; k++) {
      double s = Surprise.poisson(k, 8);
      assertTrue(s >= last, "k=" + k);
      last = s;
    }
    assertEquals(0, Surprise.poisson(0, 3));
  }

  @Test
  void falseAlarmRateOnPoissonNoiseMatchesTheThreshold() {
    // Under the null (counts really are Poisson(lambda)), surprise >= 2 should happen in at most
    // about 1 % of windows (fewer: the distribution is discrete).
    Random rnd = new Random(11);
    double lambda = 6;
    int n = 200_000;
    int alarms = 0;
    for (int i = 0; i < n; i++) {
      int k = 0;
      double limit = Math.exp(-lambda);
      double prod = rnd.nextDouble();
      while (prod > limit) {
        k++;
        prod *= rnd.nextDouble();
      }
      if (Surprise.poisson(k, lambda) >= 2) {
        alarms++;
      }
    }
    double rate = alarms / (double) n;
    assertTrue(rate <= 0.0105 && rate > 0.002, "false-alarm rate " + rate);
  }
}
