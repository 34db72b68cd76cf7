package io.qualitywatch.risk.features;

import io.qualitywatch.risk.scoring.EvidenceKind;

/**
 * What happened to an enterprise, as far as the failure-prediction features are concerned. Close to
 * {@link EvidenceKind} but also keeps the events that carry no risk by themselves (a certificate
 * issued or expired) because "certificates held" is a feature. {@link #evidence()} links each kind
 * to the rules-only score so that both are computed from the same history.
 */
public enum HistoryKind {
  SAMPLING_PASS(EvidenceKind.SAMPLING_PASS),
  SAMPLING_FAIL_SAFETY(EvidenceKind.SAMPLING_FAIL_SAFETY),
  SAMPLING_FAIL_MAJOR(EvidenceKind.SAMPLING_FAIL_MAJOR),
  SAMPLING_FAIL_MINOR(EvidenceKind.SAMPLING_FAIL_MINOR),
  INSPECTION_CLEAN(EvidenceKind.INSPECTION_CLEAN),
  INSPECTION_ISSUES(EvidenceKind.INSPECTION_ISSUES),
  INSPECTION_SERIOUS(EvidenceKind.INSPECTION_SERIOUS),
  INSPECTION_NOT_FOUND(EvidenceKind.INSPECTION_NOT_FOUND),
  COMPLAINT(EvidenceKind.COMPLAINT),
  REPORT(EvidenceKind.REPORT),
  CERT_ISSUED(null),
  /** Expired or withdrawn: no longer held, but no misconduct either. */
  CERT_ENDED(null),
  CERT_SUSPENDED(EvidenceKind.CERT_SUSPENDED),
  CERT_REVOKED(EvidenceKind.CERT_REVOKED),
  CERT_ABUSE(EvidenceKind.CERT_ABUSE),
  PENALTY(EvidenceKind.PENALTY),
  BLACKLISTED(EvidenceKind.BLACKLISTED),
  BLACKLIST_REMOVED(EvidenceKind.BLACKLIST_REMOVED),
  ABNORMAL_OPERATION(EvidenceKind.ABNORMAL_OPERATION),
  BANNED(EvidenceKind.BANNED),
  RECALL_ORDERED(EvidenceKind.RECALL_ORDERED),
  RECALL_VOLUNTARY(EvidenceKind.RECALL_VOLUNTARY);

  private final EvidenceKind evidence;

  HistoryKind(EvidenceKind evidence) {
    this.evidence = evidence;
  }

  /** The rules-score evidence this event is, or null when it carries no risk by itself. */
  public EvidenceKind evidence() {
    return evidence;
  }

  public boolean isSampling() {
    return this == SAMPLING_PASS || isSamplingFailure();
  }

  public boolean isSamplingFailure() {
    return this == SAMPLING_FAIL_SAFETY
        || this == SAMPLING_FAIL_MAJOR
        || this == SAMPLING_FAIL_MINOR;
  }

  public boolean isOnSite() {
    return this == INSPECTION_CLEAN
        || this == INSPECTION_ISSUES
        || this == INSPECTION_SERIOUS
        || this == INSPECTION_NOT_FOUND;
  }
}
