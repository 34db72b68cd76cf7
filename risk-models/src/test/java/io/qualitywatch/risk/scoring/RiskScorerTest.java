package io.qualitywatch.risk.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RiskScorerTest {
  private static final long DAY = 86_400_000L;
  private static final long T0 = 1_735_689_600_000L; // 2025-01-01T00:00Z
  private final RiskScorer scorer = new RiskScorer(ScoringRules.defaults());

  private static Evidence ev(String id, long t, EvidenceKind kind) {
    return new Evidence(id, "CODE", t, kind, 1.0, "110101", "C14", "FOOD-CONDIMENT", "x");
  }

  @Test
  void noEvidenceScoresZeroInBandA() {
    RiskScore s = scorer.scoreAll("CODE", List.of(), T0);
    assertEquals(0.0, s.score());
    assertEquals(RiskBand.A, s.band());
    assertTrue(s.reasons().isEmpty());
  }

  @Test
  void oneSafetyFailureFollowsTheSaturatingCurve() {
    RiskScore s =
        scorer.scoreAll("CODE", List.of(ev("a", T0, EvidenceKind.SAMPLING_FAIL_SAFETY)), T0);
    double expected = 100 * (1 - Math.exp(-30.0 / 40.0));
    assertEquals(Math.round(expected * 100) / 100.0, s.score());
    assertEquals(RiskBand.C, s.band());
    assertEquals("R01", s.reasons().get(0).code());
    assertEquals(s.score(), s.reasons().get(0).points(), 0.01);
  }

  @Test
  void evidenceHalvesAfterItsHalfLife() {
    List<Evidence> one = List.of(ev("a", T0, EvidenceKind.SAMPLING_FAIL_SAFETY));
    RiskScore later = scorer.scoreAll("CODE", one, T0 + 365 * DAY);
    double expected = 100 * (1 - Math.exp(-15.0 / 40.0));
    assertEquals(expected, later.score(), 0.01);
    assertEquals(0.5, later.reasons().get(0).decayedUnits(), 1e-4);
  }

  @Test
  void orderOfEvidenceDoesNotChangeTheScore() {
    Random rnd = new Random(7);
    EvidenceKind[] kinds = EvidenceKind.values();
    List<Evidence> evidence = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      evidence.add(ev("e" + i, T0 + rnd.nextInt(300) * DAY, kinds[rnd.nextInt(kinds.length)]));
    }
    RiskScore inOrder =
        scorer.scoreAll(
            "CODE",
            evidence.stream()
                .sorted(java.util.Comparator.comparingLong(Evidence::eventTimeMillis))
                .toList(),
            T0 + 400 * DAY);
    Collections.shuffle(evidence, rnd);
    RiskScore shuffled = scorer.scoreAll("CODE", evidence, T0 + 400 * DAY);
    assertEquals(inOrder.score(), shuffled.score(), 0.011);
    assertEquals(inOrder.band(), shuffled.band());
  }

  @Test
  void blacklistRemovalCancelsTheListing() {
    List<Evidence> listedAndRemoved =
        List.of(
            ev("a", T0, EvidenceKind.BLACKLISTED),
            ev("b", T0 + DAY, EvidenceKind.BLACKLIST_REMOVED));
    RiskScore s = scorer.scoreAll("CODE", listedAndRemoved, T0 + 2 * DAY);
    assertTrue(s.score() < 1, "residual after removal should be tiny, was " + s.score());
    RiskScore listed = scorer.scoreAll("CODE", listedAndRemoved.subList(0, 1), T0 + 2 * DAY);
    assertEquals(RiskBand.D, listed.band());
  }

  @Test
  void reassuringEvidenceNeverPushesBelowZero() {
    RiskScore s =
        scorer.scoreAll(
            "CODE",
            List.of(ev("a", T0, EvidenceKind.SAMPLING_PASS), ev("b", T0, EvidenceKind.COMPLAINT)),
            T0);
    assertEquals(0.0, s.score());
  }

  @Test
  void reasonsAreTopContributionsInOrder() {
    List<Evidence> ev =
        List.of(
            ev("a", T0, EvidenceKind.COMPLAINT),
            ev("b", T0, EvidenceKind.PENALTY),
            ev("c", T0, EvidenceKind.CERT_ABUSE),
            ev("d", T0, EvidenceKind.SAMPLING_FAIL_MINOR));
    RiskScore s = scorer.scoreAll("CODE", ev, T0);
    assertEquals(List.of("R22", "R30", "R03"), s.reasons().stream().map(Reason::code).toList());
    double sum =
        new RiskScorer(ScoringRules.defaults(), 10)
            .scoreAll("CODE", ev, T0).reasons().stream().mapToDouble(Reason::points).sum();
    assertEquals(s.score(), sum, 0.05);
  }

  @Test
  void weightChangeAppliesImmediately() {
    Map<EvidenceKind, KindRule> kinds = new EnumMap<>(ScoringRules.defaults().kinds());
    kinds.put(EvidenceKind.COMPLAINT, new KindRule(10, 90));
    ScoringRules heavier = new ScoringRules("v2", kinds, 40, List.of(20.0, 45.0, 70.0));
    ScoreState state = new ScoreState();
    state.apply(ev("a", T0, EvidenceKind.COMPLAINT), ScoringRules.defaults());
    double before = scorer.score("CODE", state, T0).score();
    double after = new RiskScorer(heavier).score("CODE", state, T0).score();
    assertTrue(after > before * 5, before + " -> " + after);
    assertEquals("v2", new RiskScorer(heavier).score("CODE", state, T0).rulesVersion());
  }

  @Test
  void invalidRulesAreRejectedWithTheReason() {
    Map<EvidenceKind, KindRule> kinds = new EnumMap<>(ScoringRules.defaults().kinds());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new ScoringRules("v", kinds, 40, List.of(50.0, 45.0, 70.0)));
    assertTrue(e.getMessage().contains("band_cuts"));
    kinds.remove(EvidenceKind.RECALL_ORDERED);
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new ScoringRules("v", kinds, 40, List.of(20.0, 45.0, 70.0)));
    assertTrue(e.getMessage().contains("RECALL_ORDERED"));
    assertThrows(IllegalArgumentException.class, () -> new KindRule(1, 0));
  }
}
