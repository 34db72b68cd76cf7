package io.qualitywatch.risk.scoring;

import io.qualitywatch.ingestion.contract.CertificateEvent;
import io.qualitywatch.ingestion.contract.Complaint;
import io.qualitywatch.ingestion.contract.EnforcementEvent;
import io.qualitywatch.ingestion.contract.EventEnvelope;
import io.qualitywatch.ingestion.contract.HazardClass;
import io.qualitywatch.ingestion.contract.InspectionResult;
import io.qualitywatch.ingestion.contract.InstitutionReport;
import io.qualitywatch.ingestion.contract.Recall;
import io.qualitywatch.ingestion.contract.SamplingResult;
import java.util.Optional;

/**
 * Turns an event into the evidence it carries about its subject, or nothing when the event is not
 * risk evidence about an enterprise (a consultation, a certificate being issued, an industry-wide
 * trade notice). The one place that decides what counts, for stream and batch alike.
 */
public final class EvidenceMapper {
  private EvidenceMapper() {}

  public static Optional<Evidence> map(EventEnvelope e) {
    if (e.creditCode() == null) {
      return Optional.empty();
    }
    String category = null;
    EvidenceKind kind;
    double magnitude = 1.0;
    var payload = e.payload();
    // Java 17: no pattern matching for switch yet, so an instanceof chain over the sealed type.
    if (payload instanceof SamplingResult s) {
      category = s.productCategory();
      kind = samplingKind(s);
    } else if (payload instanceof Complaint c) {
      category = c.productCategory();
      kind =
          switch (c.kind()) {
            case COMPLAINT -> EvidenceKind.COMPLAINT;
            case REPORT -> EvidenceKind.REPORT;
            case CONSULTATION -> null;
          };
    } else if (payload instanceof CertificateEvent c) {
      kind =
          switch (c.transition()) {
            case SUSPENDED -> EvidenceKind.CERT_SUSPENDED;
            case REVOKED -> EvidenceKind.CERT_REVOKED;
            case ABUSE -> EvidenceKind.CERT_ABUSE;
            case ISSUED, EXPIRED, WITHDRAWN -> null;
          };
    } else if (payload instanceof EnforcementEvent en) {
      category = en.productCategory();
      kind =
          switch (en.action()) {
            case PENALTY -> EvidenceKind.PENALTY;
            case BLACKLIST_LISTED -> EvidenceKind.BLACKLISTED;
            case BLACKLIST_REMOVED -> EvidenceKind.BLACKLIST_REMOVED;
            case ABNORMAL_OPERATION_LISTED -> EvidenceKind.ABNORMAL_OPERATION;
            case PERMANENT_EXIT, LIFETIME_BAN -> EvidenceKind.BANNED;
          };
    } else if (payload instanceof Recall r) {
      category = r.productCategory();
      kind = r.ordered() ? EvidenceKind.RECALL_ORDERED : EvidenceKind.RECALL_VOLUNTARY;
    } else if (payload instanceof InspectionResult i) {
      kind =
          switch (i.outcome()) {
            case NO_ISSUES -> EvidenceKind.INSPECTION_CLEAN;
            case ISSUES_FOUND -> EvidenceKind.INSPECTION_ISSUES;
            case SERIOUS_VIOLATION -> EvidenceKind.INSPECTION_SERIOUS;
            case NOT_FOUND_AT_ADDRESS -> EvidenceKind.INSPECTION_NOT_FOUND;
          };
    } else if (payload instanceof InstitutionReport r) {
      kind = institutionKind(r);
      if (kind == EvidenceKind.SUPERVISION_FINDING) {
        magnitude = Math.max(1, r.findings());
      }
    } else {
      // TradeMeasureNotice: industry-wide, not evidence about one enterprise.
      kind = null;
    }
    if (kind == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Evidence(
            e.eventId(),
            e.creditCode(),
            e.eventTime().toEpochMilli(),
            kind,
            magnitude,
            e.regionCode(),
            e.industryCode(),
            category,
            e.enterpriseName()));
  }

  private static EvidenceKind samplingKind(SamplingResult s) {
    if (s.verdict() == SamplingResult.Verdict.PASS) {
      return EvidenceKind.SAMPLING_PASS;
    }
    HazardClass worst = s.worstHazard();
    if (worst == null) {
      return EvidenceKind.SAMPLING_FAIL_MAJOR;
    }
    return switch (worst) {
      case SAFETY_CRITICAL -> EvidenceKind.SAMPLING_FAIL_SAFETY;
      case MAJOR -> EvidenceKind.SAMPLING_FAIL_MAJOR;
      case MINOR -> EvidenceKind.SAMPLING_FAIL_MINOR;
    };
  }

  private static EvidenceKind institutionKind(InstitutionReport r) {
    return switch (r.kind()) {
      case PROFICIENCY_TEST ->
          r.proficiencyOutcome() == null
              ? null
              : switch (r.proficiencyOutcome()) {
                case UNSATISFACTORY -> EvidenceKind.PROFICIENCY_FAILED;
                case QUESTIONABLE -> EvidenceKind.PROFICIENCY_QUESTIONABLE;
                case SATISFACTORY -> null;
              };
      case SUPERVISION_FINDING ->
          r.findings() != null && r.findings() > 0 ? EvidenceKind.SUPERVISION_FINDING : null;
      case ANNUAL_REPORT, SELF_DECLARATION -> null;
    };
  }
}
