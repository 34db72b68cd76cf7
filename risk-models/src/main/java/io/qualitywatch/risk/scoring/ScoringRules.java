package io.qualitywatch.risk.scoring;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Weights, half-lives and band cut points: the tunable part of scoring. Versioned so that every
 * score records which rules produced it; changeable at runtime in the stream job.
 *
 * @param scale raw risk at which the 0–100 score reaches 63 (score = 100·(1 − e^(−raw/scale)))
 * @param bandCuts lower bounds of bands B, C and D on the 0–100 scale, ascending
 */
public record ScoringRules(
    String version,
    Map<EvidenceKind, KindRule> kinds,
    double scale,
    @JsonProperty("band_cuts") List<Double> bandCuts)
    implements java.io.Serializable {

  public ScoringRules {
    if (version == null || version.isBlank()) {
      throw new IllegalArgumentException("version is required");
    }
    if (!(scale > 0)) {
      throw new IllegalArgumentException("scale must be > 0, got " + scale);
    }
    if (bandCuts == null || bandCuts.size() != 3) {
      throw new IllegalArgumentException("band_cuts needs 3 values (lower bounds of B, C, D)");
    }
    for (int i = 0; i < 3; i++) {
      double c = bandCuts.get(i);
      if (c <= 0 || c >= 100 || (i > 0 && c <= bandCuts.get(i - 1))) {
        throw new IllegalArgumentException(
            "band_cuts must be strictly ascending within (0, 100), got " + bandCuts);
      }
    }
    EnumMap<EvidenceKind, KindRule> complete = new EnumMap<>(EvidenceKind.class);
    if (kinds != null) {
      complete.putAll(kinds);
    }
    for (EvidenceKind k : EvidenceKind.values()) {
      if (!complete.containsKey(k)) {
        throw new IllegalArgumentException("no rule for evidence kind " + k);
      }
    }
    if (complete.get(EvidenceKind.BLACKLISTED).halfLifeDays()
        != complete.get(EvidenceKind.BLACKLIST_REMOVED).halfLifeDays()) {
      throw new IllegalArgumentException(
          "BLACKLISTED and BLACKLIST_REMOVED must share a half-life so that removal cancels listing");
    }
    kinds = Map.copyOf(complete);
    bandCuts = List.copyOf(bandCuts);
  }

  public KindRule rule(EvidenceKind kind) {
    return kinds.get(kind);
  }

  public RiskBand band(double score) {
    if (score >= bandCuts.get(2)) {
      return RiskBand.D;
    }
    if (score >= bandCuts.get(1)) {
      return RiskBand.C;
    }
    if (score >= bandCuts.get(0)) {
      return RiskBand.B;
    }
    return RiskBand.A;
  }

  /**
   * The documented defaults (docs/scoring.md), from the shipped default rules file so that there is
   * one source of truth: safety-critical failures, certificate abuse, blacklisting and bans weigh
   * most and fade slowest; complaints weigh little each and fade in months.
   */
  public static ScoringRules defaults() {
    return io.qualitywatch.risk.rules.RiskRules.defaults().scoring();
  }
}
