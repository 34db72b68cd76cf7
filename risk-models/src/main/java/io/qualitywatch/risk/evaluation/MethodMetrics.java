package io.qualitywatch.risk.evaluation;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One ranking method's figures on the test period. Calibration figures are NaN for methods that are
 * not probabilities (the rules score, the actual order).
 */
public record MethodMetrics(
    String method,
    double auc,
    @JsonProperty("precision_at_10pct") double precisionAt10,
    @JsonProperty("found_in_top_10pct") double foundInTop10,
    @JsonProperty("precision_at_5pct") double precisionAt5,
    @JsonProperty("days_earlier") double daysEarlier,
    @JsonProperty("found_in_first_half") double foundInFirstHalf,
    double brier,
    double ece) {}
