package io.qualitywatch.cli.bench;

import io.qualitywatch.ingestion.codes.CodeTables;
import io.qualitywatch.ingestion.codes.Region;
import io.qualitywatch.ingestion.generator.Incident;
import io.qualitywatch.risk.warning.WarningDocument;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Scores warnings against the generator's ground truth. A warning detects an incident when it is of
 * the type meant for that kind of incident, its subject overlaps the incident's scope, and it was
 * raised between the incident's start and its end plus a grace period (evidence keeps arriving a
 * little after an incident ends). Recall: incidents detected / incidents. Precision: warnings that
 * detect some incident / warnings of the incident-detecting types. Enterprise risk-score warnings
 * are the routine ranking of risky enterprises, not incident alarms: they count only towards
 * detecting deteriorating enterprises and are reported separately.
 */
public final class DetectionScorer {
  static final Duration GRACE = Duration.ofDays(14);

  private DetectionScorer() {}

  /** The outcome. */
  public record Result(
      int incidents,
      int detected,
      int alarms,
      int trueAlarms,
      double recall,
      double precision,
      Double medianMinutesToWarning,
      int riskScoreWarnings,
      Map<String, String> perIncident,
      Map<String, String> alarmsByType) {}

  public static Result score(Collection<Incident> incidents, Collection<WarningDocument> warnings) {
    int detected = 0;
    List<Double> minutes = new ArrayList<>();
    Map<String, String> per = new TreeMap<>();
    for (Incident inc : incidents) {
      WarningDocument first = null;
      for (WarningDocument w : warnings) {
        if (detects(w, inc) && (first == null || w.openedAt().isBefore(first.openedAt()))) {
          first = w;
        }
      }
      if (first != null) {
        detected++;
        double m = Duration.between(inc.start(), first.openedAt()).toSeconds() / 60.0;
        minutes.add(Math.max(0, m));
        per.put(
            inc.id() + " " + inc.kind(), String.format("%s after %.0f min", first.warningId(), m));
      } else {
        per.put(inc.id() + " " + inc.kind(), "missed");
      }
    }
    int alarms = 0;
    int trueAlarms = 0;
    int riskScore = 0;
    Map<String, int[]> byType = new TreeMap<>();
    for (WarningDocument w : warnings) {
      if (w.warningType().equals("RISK_SCORE")) {
        riskScore++;
        continue;
      }
      alarms++;
      int[] t = byType.computeIfAbsent(w.warningType() + " " + w.level(), k -> new int[2]);
      t[0]++;
      if (incidents.stream().anyMatch(i -> detects(w, i))) {
        trueAlarms++;
        t[1]++;
      }
    }
    Map<String, String> alarmsByType = new TreeMap<>();
    byType.forEach((k, v) -> alarmsByType.put(k, v[1] + " true of " + v[0]));
    minutes.sort(Double::compare);
    Double median =
        minutes.isEmpty()
            ? null
            : minutes.size() % 2 == 1
                ? minutes.get(minutes.size() / 2)
                : (minutes.get(minutes.size() / 2 - 1) + minutes.get(minutes.size() / 2)) / 2;
    return new Result(
        incidents.size(),
        detected,
        alarms,
        trueAlarms,
        incidents.isEmpty() ? 1 : detected / (double) incidents.size(),
        alarms == 0 ? 1 : trueAlarms / (double) alarms,
        median,
        riskScore,
        per,
        alarmsByType);
  }

  public static boolean detects(WarningDocument w, Incident i) {
    Instant opened = w.openedAt();
    if (opened.isBefore(i.start()) || opened.isAfter(i.end().plus(GRACE))) {
      return false;
    }
    return switch (i.kind()) {
      case FAILURE_WAVE ->
          w.warningType().equals("FAILURE_WAVE")
              && Objects.equals(w.productCategory(), i.productCategory());
      case COMPLAINT_SURGE, DETERIORATING_ENTERPRISE ->
          (w.warningType().equals("COMPLAINT_SURGE") || w.warningType().equals("RISK_SCORE"))
              && i.creditCodes().contains(w.creditCode());
      case CERTIFICATE_ABUSE_RING ->
          w.warningType().equals("CERT_ABUSE_CLUSTER") && overlaps(w.regionCode(), i.regionCodes());
      case REGIONAL_COMPLAINT_SURGE ->
          (w.warningType().equals("REGIONAL_COMPLAINT_SURGE")
                  && Objects.equals(w.industryCode(), i.industryCode())
                  && overlaps(w.regionCode(), i.regionCodes()))
              // An enterprise surge inside the surging county and industry is the same alarm.
              || (w.warningType().equals("COMPLAINT_SURGE")
                  && Objects.equals(w.industryCode(), i.industryCode())
                  && overlaps(w.regionCode(), i.regionCodes()));
    };
  }

  /** True when one region contains the other (a city warning over a county incident, or back). */
  static boolean overlaps(String warningRegion, List<String> incidentRegions) {
    if (warningRegion == null) {
      return false;
    }
    for (String r : incidentRegions) {
      if (contains(warningRegion, r) || contains(r, warningRegion)) {
        return true;
      }
    }
    return false;
  }

  private static boolean contains(String outer, String inner) {
    if (outer.equals(inner)) {
      return true;
    }
    Region in = CodeTables.get().region(inner).orElse(null);
    if (in == null) {
      return false;
    }
    return outer.equals(in.cityCode()) || outer.equals(in.provinceCode());
  }
}
