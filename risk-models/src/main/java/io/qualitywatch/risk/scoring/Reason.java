package io.qualitywatch.risk.scoring;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One contributing factor of a score, as shown to analysts.
 *
 * @param points this factor's share of the 0–100 score
 * @param weight the rule weight in force
 */
public record Reason(
    String code,
    EvidenceKind kind,
    String label,
    String group,
    double points,
    @JsonProperty("decayed_units") double decayedUnits,
    double weight) {}
