package io.qualitywatch.risk.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The batch builds a state from per-kind decayed sums instead of applying evidence one by one; both
 * must score the same.
 */
class ScoreStateTest {
  private static final long DAY = 86_400_000L;
  private static final long T0 = 1_735_689_600_000L; // 2025-01-01T00:00Z

  @Test
  void decayedSumsScoreLikeEvidenceAppliedOneByOne() {
    ScoringRules rules = ScoringRules.defaults();
    RiskScorer scorer = new RiskScorer(rules, Integer.MAX_VALUE);
    Random rnd = new Random(11);
    EvidenceKind[] kinds = EvidenceKind.values();
    long asOf = T0 + 730 * DAY;
    for (int enterprise = 0; enterprise < 200; enterprise++) {
      List<Evidence> evidence = new ArrayList<>();
      int n = 1 + rnd.nextInt(12);
      for (int i = 0; i < n; i++) {
        evidence.add(
            new Evidence(
                "e" + i,
                "CODE",
                T0 + rnd.nextInt(730) * DAY + rnd.nextInt(86_400_000),
                kinds[rnd.nextInt(kinds.length)],
                1 + rnd.nextInt(3),
                null,
                null,
                null,
                null));
      }
      ScoreState applied = new ScoreState();
      double[] sums = new double[kinds.length];
      long last = Long.MIN_VALUE;
      for (Evidence e : evidence) {
        applied.apply(e, rules);
        double age = asOf - e.eventTimeMillis();
        sums[e.kind().ordinal()] +=
            e.magnitude() * Math.exp(-rules.rule(e.kind()).lambdaPerMilli() * age);
        last = Math.max(last, e.eventTimeMillis());
      }
      ScoreState summed = ScoreState.ofDecayed(sums, asOf, evidence.size(), last);
      applied.decayTo(asOf, rules);
      for (int k = 0; k < kinds.length; k++) {
        assertEquals(applied.decayed[k], summed.decayed[k], 1e-12 * (1 + applied.decayed[k]));
      }
      RiskScore a = scorer.score("CODE", applied, asOf);
      RiskScore b = scorer.score("CODE", summed, asOf);
      // Scores are rounded to the cent; sums that differ in the last bits could only round
      // differently on an exact half cent.
      assertEquals(a.score(), b.score(), 0.0101);
      assertEquals(a.evidenceCount(), b.evidenceCount());
      assertEquals(applied.lastEvidenceMillis, summed.lastEvidenceMillis);
    }
  }

  @Test
  void needsOneSumPerKind() {
    assertThrows(
        IllegalArgumentException.class, () -> ScoreState.ofDecayed(new double[2], 0, 0, 0));
  }
}
