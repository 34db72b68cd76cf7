package io.qualitywatch.risk.surge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
