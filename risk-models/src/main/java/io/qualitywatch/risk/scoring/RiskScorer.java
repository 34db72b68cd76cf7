package io.qualitywatch.risk.scoring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns running evidence into a 0–100 score, its band and its reasons. The one scoring
 * implementation: the Flink job calls it per event, the Spark jobs per enterprise and year.
 *
 * <p>raw = Σ weight(kind) · decayedUnits(kind), floored at 0; score = 100 · (1 − e^(−raw/scale)).
 * The saturating curve keeps one extra complaint from moving a high-risk enterprise much while a
 * first safety-critical failure moves a clean one a lot.
 */
public final class RiskScorer {
  private final ScoringRules rules;
  private final int maxReasons;

  public RiskScorer(ScoringRules rules, int maxReasons) {
    this.rules = rules;
    this.maxReasons = maxReasons;
  }

  public RiskScorer(ScoringRules rules) {
    this(rules, 3);
  }

  public ScoringRules rules() {
    return rules;
  }

  /** Scores all the evidence of one enterprise as of a time: the batch entry point. */
  public RiskScore scoreAll(String creditCode, Iterable<Evidence> evidence, long asOfMillis) {
    ScoreState state = new ScoreState();
    for (Evidence e : evidence) {
      state.apply(e, rules);
    }
    return score(creditCode, state, asOfMillis);
  }

  /** Scores a state as of a time (decaying a copy, the state itself is not changed). */
  public RiskScore score(String creditCode, ScoreState state, long asOfMillis) {
    ScoreState s = state;
    if (asOfMillis > state.asOfMillis) {
      s = state.copy();
      s.decayTo(asOfMillis, rules);
    }
    EvidenceKind[] kinds = EvidenceKind.values();
    double raw = 0;
    double positive = 0;
    for (int i = 0; i < kinds.length; i++) {
      double c = rules.rule(kinds[i]).weight() * s.decayed[i];
      raw += c;
      positive += Math.max(0, c);
    }
    raw = Math.max(0, raw);
    double score = round2(100 * (1 - Math.exp(-raw / rules.scale())));
    List<Reason> reasons = new ArrayList<>();
    if (positive > 0 && score > 0) {
      for (int i = 0; i < kinds.length; i++) {
        double c = rules.rule(kinds[i]).weight() * s.decayed[i];
        if (c > 0) {
          EvidenceKind k = kinds[i];
          reasons.add(
              new Reason(
                  k.reasonCode(),
                  k,
                  k.label(),
                  k.group().name(),
                  round2(score * c / positive),
                  round4(s.decayed[i]),
                  rules.rule(k).weight()));
        }
      }
      reasons.sort(
          Comparator.comparingDouble(Reason::points).reversed().thenComparing(Reason::code));
      if (reasons.size() > maxReasons) {
        reasons = new ArrayList<>(reasons.subList(0, maxReasons));
      }
    }
    return new RiskScore(
        creditCode,
        score,
        rules.band(score),
        List.copyOf(reasons),
        s.evidenceCount,
        Math.max(asOfMillis, s.asOfMillis),
        rules.version());
  }

  static double round2(double v) {
    return Math.round(v * 100) / 100.0;
  }

  static double round4(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
