package io.qualitywatch.risk.scoring;

import java.util.Arrays;

/**
 * The running evidence of one enterprise: per kind, the sum of units decayed to {@link
 * #asOfMillis}. Applying evidence is order-independent up to rounding (late evidence is decayed to
 * the current time instead of moving time back), so a stream seeing events out of order and a batch
 * job sorting them reach the same score. Weights are applied only when scoring, so a weight change
 * takes effect at once; a half-life change applies from the next update on.
 *
 * <p>A mutable class with public fields and a no-arg constructor so Flink keeps it as a POJO in
 * keyed state without Kryo.
 */
public class ScoreState {
  public double[] decayed = new double[EvidenceKind.values().length];
  public long asOfMillis = Long.MIN_VALUE;
  public long evidenceCount;
  public long lastEvidenceMillis = Long.MIN_VALUE;

  public ScoreState() {}

  /**
   * A state from per-kind units already decayed to {@code asOfMillis}, i.e. Σ magnitude ·
   * e^(−λ_kind · (asOfMillis − t)) over the evidence before it. Decay is linear, so a batch job can
   * compute these sums with plain aggregates (partial sums merge by addition) and still score
   * through {@link RiskScorer}; the result equals applying the same evidence one by one up to float
   * rounding.
   */
  public static ScoreState ofDecayed(
      double[] decayed, long asOfMillis, long evidenceCount, long lastEvidenceMillis) {
    if (decayed.length != EvidenceKind.values().length) {
      throw new IllegalArgumentException(
          "need one decayed sum per evidence kind, got " + decayed.length);
    }
    ScoreState s = new ScoreState();
    s.decayed = Arrays.copyOf(decayed, decayed.length);
    s.asOfMillis = asOfMillis;
    s.evidenceCount = evidenceCount;
    s.lastEvidenceMillis = lastEvidenceMillis;
    return s;
  }

  public ScoreState copy() {
    ScoreState c = new ScoreState();
    c.decayed = Arrays.copyOf(decayed, decayed.length);
    c.asOfMillis = asOfMillis;
    c.evidenceCount = evidenceCount;
    c.lastEvidenceMillis = lastEvidenceMillis;
    return c;
  }

  public void apply(Evidence e, ScoringRules rules) {
    long t = e.eventTimeMillis();
    if (asOfMillis == Long.MIN_VALUE) {
      asOfMillis = t;
    }
    if (t > asOfMillis) {
      decayTo(t, rules);
      decayed[e.kind().ordinal()] += e.magnitude();
    } else {
      double age = asOfMillis - t;
      decayed[e.kind().ordinal()] +=
          e.magnitude() * Math.exp(-rules.rule(e.kind()).lambdaPerMilli() * age);
    }
    evidenceCount++;
    lastEvidenceMillis = Math.max(lastEvidenceMillis, t);
  }

  /** Moves the state forward in time; evidence fades. Moving backwards is a no-op. */
  public void decayTo(long millis, ScoringRules rules) {
    if (asOfMillis == Long.MIN_VALUE) {
      asOfMillis = millis;
      return;
    }
    if (millis <= asOfMillis) {
      return;
    }
    double dt = millis - asOfMillis;
    EvidenceKind[] kinds = EvidenceKind.values();
    for (int i = 0; i < decayed.length; i++) {
      if (decayed[i] != 0) {
        decayed[i] *= Math.exp(-rules.rule(kinds[i]).lambdaPerMilli() * dt);
      }
    }
    asOfMillis = millis;
  }
}
