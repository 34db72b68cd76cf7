package io.qualitywatch.ingestion.contract;

/** The type-specific part of an {@link EventEnvelope}. */
public sealed interface EventPayload
    permits Complaint,
        SamplingResult,
        CertificateEvent,
        EnforcementEvent,
        Recall,
        InspectionResult,
        InstitutionReport,
        TradeMeasureNotice {

  EventType type();

  /**
   * The fields that identify this event in its source system. Two records with the same natural key
   * are the same event, whichever file or replay they came from; the event id is derived from it.
   */
  String naturalKey();
}
