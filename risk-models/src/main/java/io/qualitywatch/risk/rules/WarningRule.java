package io.qualitywatch.risk.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.qualitywatch.risk.warning.Thresholds;
import java.io.Serializable;
import java.time.Duration;

/**
 * The rule for one warning type.
 *
 * @param thresholds metric value at which each level starts
 * @param windowDays the observation window for count-based signals (complaints in the last N days)
 * @param baselineDays the history a count is compared with (seasonal baseline)
 * @param minCount no surge is called on fewer events than this, however unusual
 * @param minRegions failure waves: provinces that must be failing at once
 * @param sourceDailyCap how much one enterprise may add to a count per day (0: no cap). Complaints
 *     come in bursts — several consumers of one bad batch within hours — which a Poisson test would
 *     call a surge every time; capping each enterprise's daily contribution makes a surge mean
 *     sustained or widespread complaints, which is what the warning is for.
 * @param quietDays an open warning closes after this many days below blue
 */
public record WarningRule(
    Thresholds thresholds,
    @JsonProperty("window_days") int windowDays,
    @JsonProperty("baseline_days") int baselineDays,
    @JsonProperty("min_count") int minCount,
    @JsonProperty("min_regions") int minRegions,
    @JsonProperty("source_daily_cap") int sourceDailyCap,
    @JsonProperty("quiet_days") int quietDays)
    implements Serializable {

  public WarningRule {
    if (thresholds == null) {
      throw new IllegalArgumentException("thresholds are required");
    }
    if (windowDays < 1 || windowDays > 366) {
      throw new IllegalArgumentException("window_days must be 1..366, got " + windowDays);
    }
    if (baselineDays < 0 || baselineDays > 730) {
      throw new IllegalArgumentException("baseline_days must be 0..730, got " + baselineDays);
    }
    if (minCount < 0 || minRegions < 0 || sourceDailyCap < 0) {
      throw new IllegalArgumentException(
          "min_count, min_regions and source_daily_cap must not be negative");
    }
    if (quietDays < 1) {
      throw new IllegalArgumentException("quiet_days must be at least 1, got " + quietDays);
    }
  }

  public Duration quiet() {
    return Duration.ofDays(quietDays);
  }
}
