package io.qualitywatch.risk.features;

import io.qualitywatch.ingestion.contract.CertificateEvent;
import io.qualitywatch.ingestion.contract.Complaint;
import io.qualitywatch.ingestion.contract.EnforcementEvent;
import io.qualitywatch.ingestion.contract.EventEnvelope;
import io.qualitywatch.ingestion.contract.HazardClass;
import io.qualitywatch.ingestion.contract.InspectionResult;
import io.qualitywatch.ingestion.contract.Recall;
import io.qualitywatch.ingestion.contract.SamplingResult;
import io.qualitywatch.ingestion.reference.Enterprise;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The platform's own events as history and targets: every sampling result and on-site inspection is
 * a target (did it fail?) and, for later targets, history.
 */
public final class QwEvents {
  /** Dates in the events are China Standard Time. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  /** Categorical attributes of the platform's targets and enterprises. */
  public static final List<String> CATEGORICAL =
      List.of("inspection_type", "role", "industry", "province", "size_class");

  private QwEvents() {}

  public static Optional<HistoryEvent> history(EventEnvelope e) {
    if (e.creditCode() == null) {
      return Optional.empty();
    }
    HistoryKind k = kind(e);
    return k == null
        ? Optional.empty()
        : Optional.of(new HistoryEvent(e.creditCode(), e.eventTime().toEpochMilli(), k));
  }

  static HistoryKind kind(EventEnvelope e) {
    var p = e.payload();
    if (p instanceof SamplingResult s) {
      if (s.verdict() == SamplingResult.Verdict.PASS) {
        return HistoryKind.SAMPLING_PASS;
      }
      HazardClass h = s.worstHazard();
      return h == HazardClass.SAFETY_CRITICAL
          ? HistoryKind.SAMPLING_FAIL_SAFETY
          : h == HazardClass.MINOR
              ? HistoryKind.SAMPLING_FAIL_MINOR
              : HistoryKind.SAMPLING_FAIL_MAJOR;
    }
    if (p instanceof InspectionResult i) {
      return switch (i.outcome()) {
        case NO_ISSUES -> HistoryKind.INSPECTION_CLEAN;
        case ISSUES_FOUND -> HistoryKind.INSPECTION_ISSUES;
        case SERIOUS_VIOLATION -> HistoryKind.INSPECTION_SERIOUS;
        case NOT_FOUND_AT_ADDRESS -> HistoryKind.INSPECTION_NOT_FOUND;
      };
    }
    if (p instanceof Complaint c) {
      return switch (c.kind()) {
        case COMPLAINT -> HistoryKind.COMPLAINT;
        case REPORT -> HistoryKind.REPORT;
        case CONSULTATION -> null;
      };
    }
    if (p instanceof CertificateEvent c) {
      return switch (c.transition()) {
        case ISSUED -> HistoryKind.CERT_ISSUED;
        case EXPIRED, WITHDRAWN -> HistoryKind.CERT_ENDED;
        case SUSPENDED -> HistoryKind.CERT_SUSPENDED;
        case REVOKED -> HistoryKind.CERT_REVOKED;
        case ABUSE -> HistoryKind.CERT_ABUSE;
      };
    }
    if (p instanceof EnforcementEvent en) {
      return switch (en.action()) {
        case PENALTY -> HistoryKind.PENALTY;
        case BLACKLIST_LISTED -> HistoryKind.BLACKLISTED;
        case BLACKLIST_REMOVED -> HistoryKind.BLACKLIST_REMOVED;
        case ABNORMAL_OPERATION_LISTED -> HistoryKind.ABNORMAL_OPERATION;
        case PERMANENT_EXIT, LIFETIME_BAN -> HistoryKind.BANNED;
      };
    }
    if (p instanceof Recall r) {
      return r.ordered() ? HistoryKind.RECALL_ORDERED : HistoryKind.RECALL_VOLUNTARY;
    }
    return null;
  }

  /**
   * The event as a prediction target, if it is a sampling result or an on-site inspection. Its
   * type, role and re-inspection flag are known when the inspection is planned; the verdict is the
   * label.
   */
  public static Optional<Target> target(EventEnvelope e) {
    if (e.creditCode() == null) {
      return Optional.empty();
    }
    var p = e.payload();
    long t = e.eventTime().toEpochMilli();
    if (p instanceof SamplingResult s) {
      String type = "food".equals(s.programme()) ? "sampling-food" : "sampling-supervision";
      boolean recheck = s.batchId() != null && s.batchId().startsWith("FC");
      return Optional.of(
          new Target(
              e.eventId(),
              e.creditCode(),
              t,
              s.verdict() == SamplingResult.Verdict.FAIL ? 1 : 0,
              Map.of("inspection_type", type, "role", s.role() == null ? "" : s.role().name()),
              recheck));
    }
    if (p instanceof InspectionResult i) {
      int label = i.outcome() == InspectionResult.InspectionOutcome.NO_ISSUES ? 0 : 1;
      return Optional.of(
          new Target(
              e.eventId(), e.creditCode(), t, label, Map.of("inspection_type", "onsite"), false));
    }
    return Optional.empty();
  }

  public static Profile profile(Enterprise e) {
    String region = e.regionCode() == null ? "" : e.regionCode();
    return new Profile(
        e.creditCode(),
        Map.of(
            "industry", e.industryCode() == null ? "" : e.industryCode(),
            "province", region.length() >= 2 ? region.substring(0, 2) : "",
            "size_class", e.sizeClass() == null ? "" : e.sizeClass().name()),
        e.established() == null ? null : e.established().toEpochDay());
  }
}
