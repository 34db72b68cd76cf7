package io.qualitywatch.risk.scoring;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * An enterprise's score at a point in time with its band and the factors behind it.
 *
 * @param score 0–100, rounded to two decimals so that stream and batch agree exactly
 * @param asOfMillis the event time the score is valid for
 */
public record RiskScore(
    @JsonProperty("credit_code") String creditCode,
    double score,
    RiskBand band,
    List<Reason> reasons,
    @JsonProperty("evidence_count") long evidenceCount,
    @JsonProperty("as_of_millis") long asOfMillis,
    @JsonProperty("rules_version") String rulesVersion) {}
