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
   * The documented defaults (docs/scoring.md): safety-critical failures, certificate abuse,
   * blacklisting and bans weigh most and fade slowest; complaints weigh little each and fade in
   * months, so only a sustained stream of them moves a score.
   */
  public static ScoringRules defaults() {
    Map<EvidenceKind, KindRule> m = new EnumMap<>(EvidenceKind.class);
    m.put(EvidenceKind.SAMPLING_FAIL_SAFETY, new KindRule(30, 365));
    m.put(EvidenceKind.SAMPLING_FAIL_MAJOR, new KindRule(18, 365));
    m.put(EvidenceKind.SAMPLING_FAIL_MINOR, new KindRule(6, 180));
    m.put(EvidenceKind.SAMPLING_PASS, new KindRule(-2, 365));
    m.put(EvidenceKind.COMPLAINT, new KindRule(1.5, 90));
    m.put(EvidenceKind.REPORT, new KindRule(3, 90));
    m.put(EvidenceKind.CERT_SUSPENDED, new KindRule(12, 365));
    m.put(EvidenceKind.CERT_REVOKED, new KindRule(25, 730));
    m.put(EvidenceKind.CERT_ABUSE, new KindRule(35, 730));
    m.put(EvidenceKind.PENALTY, new KindRule(15, 730));
    m.put(EvidenceKind.BLACKLISTED, new KindRule(60, 1825));
    m.put(EvidenceKind.BLACKLIST_REMOVED, new KindRule(-60, 1825));
    m.put(EvidenceKind.ABNORMAL_OPERATION, new KindRule(8, 365));
    m.put(EvidenceKind.BANNED, new KindRule(80, 3650));
    m.put(EvidenceKind.RECALL_ORDERED, new KindRule(20, 365));
    m.put(EvidenceKind.RECALL_VOLUNTARY, new KindRule(8, 365));
    m.put(EvidenceKind.INSPECTION_CLEAN, new KindRule(-2, 365));
    m.put(EvidenceKind.INSPECTION_ISSUES, new KindRule(6, 365));
    m.put(EvidenceKind.INSPECTION_SERIOUS, new KindRule(25, 730));
    m.put(EvidenceKind.INSPECTION_NOT_FOUND, new KindRule(10, 365));
    m.put(EvidenceKind.PROFICIENCY_FAILED, new KindRule(15, 730));
    m.put(EvidenceKind.PROFICIENCY_QUESTIONABLE, new KindRule(5, 365));
    m.put(EvidenceKind.SUPERVISION_FINDING, new KindRule(5, 365));
    return new ScoringRules("default-1", m, 40, List.of(20.0, 45.0, 70.0));
  }
}
