package io.qualitywatch.risk.surge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qualitywatch.risk.evaluation.ModelBenchmark;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SurgeDetectorTest {
  @Test
  void tailsMatchHandComputedValues() {
    // Poisson(2): P(X ≥ 5) = 1 − e^−2 (1 + 2 + 2 + 4/3 + 2/3) = 1 − 7 e^−2.
    assertEquals(1 - 7 * Math.exp(-2), Distributions.poissonUpperTail(5, 2), 1e-12);
    // Far tail summed upwards, not as 1 − CDF: P(X ≥ 30 | 2) ≈ pmf(30)·(1 + 2/31 + …).
    double pmf30 = Math.exp(30 * Math.log(2) - 2 - Distributions.logGamma(31));
    assertEquals(pmf30 * 1.0689, Distributions.poissonUpperTail(30, 2), pmf30 * 1e-3);
    // Negative binomial r = 1 (geometric), mean 1: p = 1/2, P(X ≥ k) = (1/2)^k.
    assertEquals(0.125, Distributions.negBinomialUpperTail(3, 1, 1), 1e-12);
    assertEquals(Math.pow(0.5, 20), Distributions.negBinomialUpperTail(20, 1, 1), 1e-18);
    assertEquals(Math.log(120), Distributions.logGamma(6), 1e-12);
  }

  @Test
  void expectedFollowsTheSeasonalFactor() {
    double[] h = new double[28];
    Arrays.fill(h, 2);
    double[] f = new double[28];
    Arrays.fill(f, 1);
    SurgeAssessment a = SurgeDetector.defaults().assess(1, h, new Seasonality(f, 0.5));
    // Rate (56 + 0.5 pseudo-count) / 28 per unit factor, times 0.5 for the quiet day.
    assertEquals(0.5 * 56.5 / 28, a.expected(), 1e-12);
    assertFalse(a.surge());
  }

  @Test
  void aClearSurgeIsFlaggedAndSmallCountsAreNot() {
    double[] h = {2, 1, 3, 2, 2, 1, 0, 2, 3, 2, 1, 2, 2, 1, 3, 2, 2, 1, 0, 2, 3};
    SurgeAssessment big = SurgeDetector.defaults().assess(20, h, Seasonality.none(h.length));
    assertTrue(big.surge());
    assertTrue(big.pValue() < 1e-8, "p = " + big.pValue());
    // Zero history: two complaints are below the minimum count however unlikely they are.
    double[] zeros = new double[21];
    assertFalse(SurgeDetector.defaults().assess(2, zeros, Seasonality.none(21)).surge());
    // Too little history: no verdict either way.
    assertFalse(
        SurgeDetector.defaults().assess(50, new double[] {1, 1}, Seasonality.none(2)).surge());
  }

  @Test
  void overdispersedHistoryWidensTheBaseline() {
    double[] steady = new double[28];
    Arrays.fill(steady, 3);
    double[] bursty = new double[28];
    for (int i = 0; i < 28; i += 4) {
      bursty[i] = 12; // the same mean, in bursts
    }
    SurgeDetector d = SurgeDetector.defaults();
    SurgeAssessment s = d.assess(12, steady, Seasonality.none(28));
    SurgeAssessment b = d.assess(12, bursty, Seasonality.none(28));
    assertTrue(s.surge());
    assertFalse(b.surge());
    assertEquals("negative-binomial", b.model());
  }

  @Test
  void aPriorStandsInForMissingHistory() {
    // Two events per unit of exposure, worth one unit: with no history μ = f_now · 2.
    SurgeDetector d = new SurgeDetector(0.001, 0, 0, new SurgeDetector.Prior(2, 1));
    SurgeAssessment none = d.assess(5, new double[0], new Seasonality(new double[0], 1));
    assertEquals(2, none.expected(), 1e-12);
    // Poisson–Gamma predictive: variance μ (1 + f_now / prior exposure) = 2 · 2.
    assertEquals(4, none.variance(), 1e-12);
    assertFalse(none.surge(), "5 where a prior says 2, with nothing observed, is not a surge");
    // Twelve silent periods pull the rate to (0 + 2) / (12 + 1): the same 5 now is a surge.
    SurgeAssessment silent = d.assess(5, new double[12], Seasonality.none(12));
    assertEquals(2.0 / 13, silent.expected(), 1e-12);
    assertTrue(silent.surge(), "p = " + silent.pValue());
    assertTrue(silent.surprise() > none.surprise());
    // Exposure is whatever the factors count: 20 samples at 10 % failed, 40 samples now.
    SurgeDetector rate = new SurgeDetector(0.001, 0, 0, new SurgeDetector.Prior(1, 10));
    double[] failed = {2};
    assertEquals(
        40 * 3.0 / 30,
        rate.assess(4, failed, new Seasonality(new double[] {20}, 40)).expected(),
        1e-12);
  }

  @Test
  void withoutAPriorExposureAVerdictNeedsHistory() {
    assertThrows(IllegalArgumentException.class, () -> new SurgeDetector(0.001, 3, 0));
    assertThrows(IllegalArgumentException.class, () -> new SurgeDetector.Prior(0, 1));
    // The default half count is unchanged: an all-zero history gives μ = 0.5 · f_now / Σf.
    SurgeAssessment a = SurgeDetector.defaults().assess(0, new double[20], Seasonality.none(20));
    assertEquals(0.5 / 20, a.expected(), 1e-12);
    assertEquals(0, a.surprise(), 1e-12);
  }

  @Test
  void surpriseIsMinusLog10OfThePValueAndCapped() {
    SurgeAssessment a = new SurgeAssessment(5, 1, 1, 1e-7, true, "poisson");
    assertEquals(7, a.surprise(), 1e-12);
    assertEquals(300, new SurgeAssessment(900, 1, 1, 0, true, "poisson").surprise());
  }

  @Test
  void falseAlarmRateOnNullDataStaysNearAlpha() {
    SurgeDetector d = SurgeDetector.defaults();
    Map<String, Double> rates = ModelBenchmark.SurgeNull.falseAlarmRates(d, 50_000, 3);
    // Poisson counts with a weekly profile: the model's own assumptions; the test is conservative.
    for (var e : rates.entrySet()) {
      if (e.getKey().startsWith("poisson")) {
        assertTrue(e.getValue() <= d.alpha(), e.toString());
      } else {
        // Overdispersed (variance 2× mean): within a small multiple of alpha (docs/models.md).
        assertTrue(e.getValue() <= 4 * d.alpha(), e.toString());
      }
    }
  }
}
