package io.qualitywatch.risk.warning;

import java.util.List;

/**
 * A fresh measurement for one warning subject: the metric its thresholds apply to, when, and what
 * caused it. The subject fields are copied onto the warning so it can be rendered on its own.
 *
 * @param eventId the event behind this measurement, or null for a timer-driven measurement
 */
public record WarningSignal(
    WarningType type,
    String subjectKey,
    String creditCode,
    String enterpriseName,
    String regionCode,
    String industryCode,
    String productCategory,
    double metric,
    long atMillis,
    String eventId,
    List<String> reasons) {

  public WarningSignal {
    reasons = reasons == null ? List.of() : List.copyOf(reasons);
  }
}
