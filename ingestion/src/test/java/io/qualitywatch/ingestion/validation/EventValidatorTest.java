package io.qualitywatch.ingestion.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qualitywatch.ingestion.Samples;
import io.qualitywatch.ingestion.codes.CodeTables;
import io.qualitywatch.ingestion.codes.CreditCode;
import io.qualitywatch.ingestion.contract.CertificateEvent;
import io.qualitywatch.ingestion.contract.Complaint;
import io.qualitywatch.ingestion.contract.EnforcementEvent;
import io.qualitywatch.ingestion.contract.EventEnvelope;
import io.qualitywatch.ingestion.contract.EventPayload;
import io.qualitywatch.ingestion.contract.EventType;
import io.qualitywatch.ingestion.contract.InspectionResult;
import io.qualitywatch.ingestion.contract.InstitutionReport;
import io.qualitywatch.ingestion.contract.Recall;
import io.qualitywatch.ingestion.contract.SamplingResult;
import io.qualitywatch.ingestion.contract.SourceRef;
import io.qualitywatch.ingestion.contract.TradeMeasureNotice;
import io.qualitywatch.ingestion.reference.Enterprise;
import io.qualitywatch.ingestion.reference.Inspector;
import io.qualitywatch.ingestion.reference.Institution;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventValidatorTest {
  private final EventValidator validator = Samples.validator();

  private static EventEnvelope complaint() {
    return Samples.event(EventType.COMPLAINT);
  }

  /** Copies an envelope with new subject fields but keeps the event id (unlike withSubject). */
  private static EventEnvelope subject(
      EventEnvelope e, String credit, String region, String industry) {
    return new EventEnvelope(
        e.schema(),
        e.eventId(),
        e.type(),
        e.eventTime(),
        e.source(),
        credit,
        e.enterpriseName(),
        region,
        industry,
        e.payload());
  }

  /** {@code e} with another schema id, type and payload: the envelope fields the checks compare. */
  private static EventEnvelope with(
      EventEnvelope e, String schema, EventType type, EventPayload payload) {
    return new EventEnvelope(
        schema,
        e.eventId(),
        type,
        e.eventTime(),
        e.source(),
        e.creditCode(),
        e.enterpriseName(),
        e.regionCode(),
        e.industryCode(),
        payload);
  }

  private List<Rejection> check(EventEnvelope e) {
    return validator.validate(e);
  }

  /** Asserts exactly one rejection, with this reason and field, and returns it. */
  private static Rejection only(List<Rejection> rejections, RejectReason reason, String field) {
    assertEquals(1, rejections.size(), rejections.toString());
    Rejection r = rejections.get(0);
    assertEquals(reason, r.reason(), r.toString());
    assertEquals(field, r.field(), r.toString());
    return r;
  }

  // ---------------------------------------------------------------- valid events

  @ParameterizedTest
  @EnumSource(EventType.class)
  void sampleOfEveryTypeIsValid(EventType type) {
    assertEquals(List.of(), check(Samples.event(type)));
  }

  @Test
  void passedSamplingAndReferenceSamplesAreValid() {
    assertEquals(List.of(), check(Samples.envelope(Samples.passedSampling())));
    assertEquals(List.of(), validator.validateEnterprise(Samples.enterprise()));
    assertEquals(List.of(), validator.validateInstitution(Samples.institution()));
    assertEquals(List.of(), validator.validateInspector(Samples.inspector()));
  }

  @Test
  void everyRejectReasonTheValidatorOwnsIsCovered() {
    // Parsing reasons belong to the codec; the rest must each be produced by some test below.
    Set<RejectReason> parsing =
        EnumSet.of(
            RejectReason.INVALID_ENCODING,
            RejectReason.MALFORMED_JSON,
            RejectReason.MALFORMED_CSV,
            RejectReason.UNKNOWN_EVENT_TYPE,
            RejectReason.WRONG_TYPE,
            RejectReason.UNPARSEABLE_DATE);
    Set<RejectReason> produced = EnumSet.noneOf(RejectReason.class);
    for (EventEnvelope bad : oneOfEachProblem()) {
      check(bad).forEach(r -> produced.add(r.reason()));
    }
    assertEquals(EnumSet.complementOf(EnumSet.copyOf(parsing)), produced);
  }

  private static List<EventEnvelope> oneOfEachProblem() {
    EventEnvelope c = complaint();
    return List.of(
        subject(c, null, Samples.REGION, Samples.INDUSTRY),
        subject(c, "91350100M000100Y44", Samples.REGION, Samples.INDUSTRY),
        subject(c, Samples.ENTERPRISE_CODE, "999999", Samples.INDUSTRY),
        subject(c, Samples.ENTERPRISE_CODE, Samples.REGION, "C99"),
        Samples.envelope(
            new Complaint("t", Complaint.ComplaintKind.REPORT, null, "NOPE", null, null)),
        c.withEventTime(Samples.NOW.plus(Duration.ofDays(2))),
        c.withEventTime(Instant.parse("1989-12-31T23:59:59Z")),
        Samples.envelope(new Recall("r", null, null, -1, false, null)));
  }

  // ---------------------------------------------------------------- envelope

  @Test
  void missingEnvelopeFieldsAreEachNamed() {
    EventEnvelope c = complaint();
    EventEnvelope empty =
        new EventEnvelope(null, " ", c.type(), null, null, null, null, null, null, null);
    Set<String> fields =
        check(empty).stream()
            .peek(r -> assertEquals(RejectReason.MISSING_FIELD, r.reason(), r.toString()))
            .map(Rejection::field)
            .collect(java.util.stream.Collectors.toSet());
    assertEquals(
        Set.of(
            "schema", "event_id", "event_time", "source", "credit_code", "region_code", "payload"),
        fields);
  }

  @Test
  void missingTypeIsRejected() {
    EventEnvelope c = complaint();
    EventEnvelope noType = with(c, c.schema(), null, c.payload());
    only(check(noType), RejectReason.MISSING_FIELD, "type");
  }

  @Test
  void sourceWithoutSystemIsRejected() {
    only(
        check(complaint().withSource(new SourceRef(" ", "f.csv", 3))),
        RejectReason.MISSING_FIELD,
        "source.system");
  }

  @Test
  void schemaMustMatchType() {
    EventEnvelope c = complaint();
    EventEnvelope wrong = with(c, "recall/v1", c.type(), c.payload());
    Rejection r = only(check(wrong), RejectReason.INVALID_VALUE, "schema");
    assertTrue(r.detail().contains("complaint/v1"), r.detail());
    EventEnvelope v2 = with(c, "complaint/v2", c.type(), c.payload());
    only(check(v2), RejectReason.INVALID_VALUE, "schema");
  }

  @Test
  void payloadMustMatchType() {
    EventEnvelope c = complaint();
    EventEnvelope wrong = with(c, c.schema(), c.type(), Samples.recall());
    only(check(wrong), RejectReason.INVALID_VALUE, "payload");
  }

  @Test
  void eventTimeBoundsAreInclusiveOfSkew() {
    EventEnvelope c = complaint();
    Instant limit = Samples.NOW.plus(Duration.ofDays(1));
    assertEquals(List.of(), check(c.withEventTime(limit)));
    only(check(c.withEventTime(limit.plusSeconds(1))), RejectReason.FUTURE_TIMESTAMP, "event_time");
    assertEquals(List.of(), check(c.withEventTime(EventValidator.EARLIEST)));
    only(
        check(c.withEventTime(EventValidator.EARLIEST.minusSeconds(1))),
        RejectReason.TIMESTAMP_TOO_OLD,
        "event_time");
  }

  @Test
  void skewIsConfigurable() {
    EventValidator strict = new EventValidator(CodeTables.get(), Samples.CLOCK, Duration.ZERO);
    EventEnvelope soon = complaint().withEventTime(Samples.NOW.plusSeconds(60));
    only(strict.validate(soon), RejectReason.FUTURE_TIMESTAMP, "event_time");
    assertEquals(List.of(), validator.validate(soon));
  }

  @Test
  void badCreditCodeCarriesTheCodesOwnMessage() {
    String bad = "91350100M000100Y44";
    Rejection r =
        only(
            check(subject(complaint(), bad, Samples.REGION, Samples.INDUSTRY)),
            RejectReason.BAD_CREDIT_CODE,
            "credit_code");
    assertEquals(CreditCode.problem(bad).orElseThrow(), r.detail());
  }

  @Test
  void creditCodeAndRegionAreRequiredForEntityEventsOnly() {
    EventEnvelope c = complaint();
    only(check(subject(c, null, Samples.REGION, null)), RejectReason.MISSING_FIELD, "credit_code");
    only(
        check(subject(c, Samples.ENTERPRISE_CODE, null, null)),
        RejectReason.MISSING_FIELD,
        "region_code");
    // A trade measure warns an industry; it needs the industry instead.
    EventEnvelope t = Samples.event(EventType.TRADE_MEASURE);
    assertEquals(List.of(), check(subject(t, null, null, "C38")));
    only(check(subject(t, null, null, null)), RejectReason.MISSING_FIELD, "industry_code");
    // ...but what it does carry must still be valid.
    only(
        check(subject(t, "91350100M000100Y44", null, "C38")),
        RejectReason.BAD_CREDIT_CODE,
        "credit_code");
    only(check(subject(t, null, "999999", "C38")), RejectReason.UNKNOWN_REGION, "region_code");
  }

  @Test
  void beforeResolutionTheSubjectMayBeMissingButNotWrong() {
    EventEnvelope c = complaint();
    EventEnvelope unresolved = subject(c, null, null, null);
    assertEquals(List.of(), validator.validateBeforeResolution(unresolved));
    assertEquals(2, check(unresolved).size());
    only(
        validator.validateBeforeResolution(subject(c, "91350100M000100Y44", null, null)),
        RejectReason.BAD_CREDIT_CODE,
        "credit_code");
    only(
        validator.validateBeforeResolution(subject(c, null, "999999", null)),
        RejectReason.UNKNOWN_REGION,
        "region_code");
    only(
        validator.validateBeforeResolution(unresolved.withEventTime(Instant.EPOCH)),
        RejectReason.TIMESTAMP_TOO_OLD,
        "event_time");
  }

  @Test
  void unknownRegionAndIndustryAreRejected() {
    EventEnvelope c = complaint();
    only(
        check(subject(c, Samples.ENTERPRISE_CODE, "999999", Samples.INDUSTRY)),
        RejectReason.UNKNOWN_REGION,
        "region_code");
    only(
        check(subject(c, Samples.ENTERPRISE_CODE, Samples.REGION, "14")),
        RejectReason.UNKNOWN_INDUSTRY,
        "industry_code");
    // Industry is optional for entity events.
    assertEquals(List.of(), check(subject(c, Samples.ENTERPRISE_CODE, Samples.REGION, null)));
  }

  @Test
  void problemsAreAllReportedNotJustTheFirst() {
    EventEnvelope c = complaint();
    List<Rejection> all = check(subject(c, "X", "999999", "C99").withEventTime(Instant.EPOCH));
    assertEquals(
        EnumSet.of(
            RejectReason.BAD_CREDIT_CODE,
            RejectReason.UNKNOWN_REGION,
            RejectReason.UNKNOWN_INDUSTRY,
            RejectReason.TIMESTAMP_TOO_OLD),
        EnumSet.copyOf(all.stream().map(Rejection::reason).toList()));
  }

  // ---------------------------------------------------------------- payloads

  @Test
  void complaintNeedsTicketAndKindAndAKnownCategory() {
    only(
        check(
            Samples.envelope(
                new Complaint(" ", Complaint.ComplaintKind.COMPLAINT, null, null, null, null))),
        RejectReason.MISSING_FIELD,
        "payload.ticket_id");
    only(
        check(Samples.envelope(new Complaint("t", null, null, null, null, null))),
        RejectReason.MISSING_FIELD,
        "payload.kind");
    only(
        check(
            Samples.envelope(
                new Complaint("t", Complaint.ComplaintKind.COMPLAINT, null, "调味品", null, null))),
        RejectReason.UNKNOWN_PRODUCT_CATEGORY,
        "payload.product_category");
  }

  private static SamplingResult sampling(
      String category,
      LocalDate date,
      SamplingResult.Verdict verdict,
      List<SamplingResult.TestedItem> items) {
    SamplingResult s = Samples.failedSampling();
    return new SamplingResult(
        s.batchId(),
        s.programme(),
        date,
        category,
        s.productName(),
        s.role(),
        s.testingInstitution(),
        items,
        verdict,
        s.otherPartyName());
  }

  private static final SamplingResult.TestedItem FAILED =
      new SamplingResult.TestedItem("铅", false, null, "1.2mg/kg", "≤0.5mg/kg");
  private static final SamplingResult.TestedItem PASSED =
      new SamplingResult.TestedItem("铅", true, null, "0.1mg/kg", "≤0.5mg/kg");

  @Test
  void samplingResultChecksCategoryDateAndVerdictConsistency() {
    LocalDate d = LocalDate.of(2024, 6, 10);
    SamplingResult.Verdict fail = SamplingResult.Verdict.FAIL;
    SamplingResult.Verdict pass = SamplingResult.Verdict.PASS;
    only(
        check(Samples.envelope(sampling(null, d, fail, List.of(FAILED)))),
        RejectReason.MISSING_FIELD,
        "payload.product_category");
    only(
        check(Samples.envelope(sampling("FOOD-NOPE", d, fail, List.of(FAILED)))),
        RejectReason.UNKNOWN_PRODUCT_CATEGORY,
        "payload.product_category");
    only(
        check(Samples.envelope(sampling("FOOD-GRAIN", null, fail, List.of(FAILED)))),
        RejectReason.MISSING_FIELD,
        "payload.sampling_date");
    only(
        check(
            Samples.envelope(
                sampling("FOOD-GRAIN", LocalDate.of(2024, 6, 17), fail, List.of(FAILED)))),
        RejectReason.FUTURE_TIMESTAMP,
        "payload.sampling_date");
    only(
        check(
            Samples.envelope(
                sampling("FOOD-GRAIN", LocalDate.of(1989, 12, 31), fail, List.of(FAILED)))),
        RejectReason.TIMESTAMP_TOO_OLD,
        "payload.sampling_date");
    only(
        check(Samples.envelope(sampling("FOOD-GRAIN", d, null, List.of(FAILED)))),
        RejectReason.MISSING_FIELD,
        "payload.verdict");
    Rejection noFailure =
        only(
            check(Samples.envelope(sampling("FOOD-GRAIN", d, fail, List.of(PASSED)))),
            RejectReason.INVALID_VALUE,
            "payload.items");
    assertTrue(noFailure.detail().contains("FAIL"), noFailure.detail());
    only(
        check(Samples.envelope(sampling("FOOD-GRAIN", d, fail, List.of()))),
        RejectReason.INVALID_VALUE,
        "payload.items");
    only(
        check(Samples.envelope(sampling("FOOD-GRAIN", d, pass, List.of(PASSED, FAILED)))),
        RejectReason.INVALID_VALUE,
        "payload.items");
    // A passed batch without item details is normal in published results.
    assertEquals(List.of(), check(Samples.envelope(sampling("FOOD-GRAIN", d, pass, List.of()))));
    only(
        check(
            Samples.envelope(
                sampling(
                    "FOOD-GRAIN",
                    d,
                    fail,
                    List.of(new SamplingResult.TestedItem(" ", false, null, null, null))))),
        RejectReason.MISSING_FIELD,
        "payload.items[0].name");
  }

  @Test
  void samplingResultNeedsBatchRoleAndAValidLab() {
    SamplingResult s = Samples.failedSampling();
    only(
        check(
            Samples.envelope(
                new SamplingResult(
                    null,
                    s.programme(),
                    s.samplingDate(),
                    s.productCategory(),
                    s.productName(),
                    s.role(),
                    null,
                    s.items(),
                    s.verdict(),
                    null))),
        RejectReason.MISSING_FIELD,
        "payload.batch_id");
    only(
        check(
            Samples.envelope(
                new SamplingResult(
                    s.batchId(),
                    null,
                    s.samplingDate(),
                    s.productCategory(),
                    null,
                    null,
                    null,
                    s.items(),
                    s.verdict(),
                    null))),
        RejectReason.MISSING_FIELD,
        "payload.role");
    only(
        check(
            Samples.envelope(
                new SamplingResult(
                    s.batchId(),
                    null,
                    s.samplingDate(),
                    s.productCategory(),
                    null,
                    s.role(),
                    "123",
                    s.items(),
                    s.verdict(),
                    null))),
        RejectReason.BAD_CREDIT_CODE,
        "payload.testing_institution");
  }

  @Test
  void certificateNeedsIdTypeAndTransition() {
    CertificateEvent.CertificateType qms = CertificateEvent.CertificateType.QMS;
    CertificateEvent.CertificateTransition issued = CertificateEvent.CertificateTransition.ISSUED;
    only(
        check(Samples.envelope(new CertificateEvent(null, qms, issued, null, null, null))),
        RejectReason.MISSING_FIELD,
        "payload.certificate_id");
    only(
        check(Samples.envelope(new CertificateEvent("c", null, issued, null, null, null))),
        RejectReason.MISSING_FIELD,
        "payload.certificate_type");
    only(
        check(Samples.envelope(new CertificateEvent("c", qms, null, null, null, null))),
        RejectReason.MISSING_FIELD,
        "payload.transition");
    only(
        check(
            Samples.envelope(
                new CertificateEvent("c", qms, issued, "91350100M000100Y44", null, null))),
        RejectReason.BAD_CREDIT_CODE,
        "payload.certification_body");
  }

  @Test
  void enforcementNeedsCaseAndActionAndANonNegativeFine() {
    EnforcementEvent.EnforcementAction penalty = EnforcementEvent.EnforcementAction.PENALTY;
    only(
        check(Samples.envelope(new EnforcementEvent(null, penalty, null, null, null, null))),
        RejectReason.MISSING_FIELD,
        "payload.case_number");
    only(
        check(Samples.envelope(new EnforcementEvent("k", null, null, null, null, null))),
        RejectReason.MISSING_FIELD,
        "payload.action");
    only(
        check(Samples.envelope(new EnforcementEvent("k", penalty, null, -0.01, null, null))),
        RejectReason.INVALID_VALUE,
        "payload.fine_yuan");
    only(
        check(Samples.envelope(new EnforcementEvent("k", penalty, null, Double.NaN, null, null))),
        RejectReason.INVALID_VALUE,
        "payload.fine_yuan");
    assertEquals(
        List.of(),
        check(Samples.envelope(new EnforcementEvent("k", penalty, null, 0.0, null, null))));
  }

  @Test
  void recallNeedsIdAndNonNegativeUnits() {
    only(
        check(Samples.envelope(new Recall(null, null, null, 0, true, null))),
        RejectReason.MISSING_FIELD,
        "payload.recall_id");
    only(
        check(Samples.envelope(new Recall("r", null, null, -5, true, null))),
        RejectReason.INVALID_VALUE,
        "payload.units");
    only(
        check(Samples.envelope(new Recall("r", "NOPE", null, 5, true, null))),
        RejectReason.UNKNOWN_PRODUCT_CATEGORY,
        "payload.product_category");
  }

  @Test
  void inspectionNeedsIdOutcomeAndNonNegativeFindings() {
    InspectionResult.InspectionOutcome ok = InspectionResult.InspectionOutcome.NO_ISSUES;
    only(
        check(Samples.envelope(new InspectionResult(null, null, null, ok, 0))),
        RejectReason.MISSING_FIELD,
        "payload.inspection_id");
    only(
        check(Samples.envelope(new InspectionResult("i", null, null, null, 0))),
        RejectReason.MISSING_FIELD,
        "payload.outcome");
    only(
        check(Samples.envelope(new InspectionResult("i", null, null, ok, -1))),
        RejectReason.INVALID_VALUE,
        "payload.findings");
  }

  private static InstitutionReport report(
      InstitutionReport.ReportKind kind,
      int year,
      Long issued,
      InstitutionReport.ProficiencyOutcome outcome) {
    return new InstitutionReport("r", kind, year, issued, null, null, null, outcome, null);
  }

  @Test
  void institutionReportChecksYearKindAndCounts() {
    InstitutionReport.ReportKind annual = InstitutionReport.ReportKind.ANNUAL_REPORT;
    only(
        check(
            Samples.envelope(
                new InstitutionReport(null, annual, 2023, null, null, null, null, null, null))),
        RejectReason.MISSING_FIELD,
        "payload.report_id");
    only(
        check(Samples.envelope(report(null, 2023, null, null))),
        RejectReason.MISSING_FIELD,
        "payload.kind");
    // The clock says 2024: this year is fine, next year and pre-1990 are not, nor an absent (0)
    // year.
    assertEquals(List.of(), check(Samples.envelope(report(annual, 2024, null, null))));
    assertEquals(List.of(), check(Samples.envelope(report(annual, 1990, null, null))));
    for (int year : new int[] {2025, 1989, 0}) {
      only(
          check(Samples.envelope(report(annual, year, null, null))),
          RejectReason.INVALID_VALUE,
          "payload.year");
    }
    only(
        check(Samples.envelope(report(annual, 2023, -1L, null))),
        RejectReason.INVALID_VALUE,
        "payload.reports_issued");
    only(
        check(
            Samples.envelope(
                report(InstitutionReport.ReportKind.PROFICIENCY_TEST, 2023, null, null))),
        RejectReason.MISSING_FIELD,
        "payload.proficiency_outcome");
  }

  @Test
  void tradeMeasureNeedsNotificationAndMember() {
    only(
        check(Samples.envelope(new TradeMeasureNotice(null, "EU", null, null, null, null))),
        RejectReason.MISSING_FIELD,
        "payload.notification_id");
    only(
        check(Samples.envelope(new TradeMeasureNotice("G/TBT/N/EU/1", "", null, null, null, null))),
        RejectReason.MISSING_FIELD,
        "payload.notifying_member");
  }

  // ---------------------------------------------------------------- reference data

  @Test
  void referenceRecordsAreChecked() {
    Enterprise e = Samples.enterprise();
    only(
        validator.validateEnterprise(
            new Enterprise(
                e.creditCode(), e.name(), "999999", e.industryCode(), null, null, null, null)),
        RejectReason.UNKNOWN_REGION,
        "region_code");
    only(
        validator.validateEnterprise(
            new Enterprise(
                e.creditCode(),
                e.name(),
                e.regionCode(),
                "C14",
                null,
                LocalDate.of(2030, 1, 1),
                null,
                null)),
        RejectReason.FUTURE_TIMESTAMP,
        "established");
    only(
        validator.validateEnterprise(
            new Enterprise(e.creditCode(), e.name(), e.regionCode(), null, null, null, 91.0, null)),
        RejectReason.INVALID_VALUE,
        "lat");
    Institution i = Samples.institution();
    only(
        validator.validateInstitution(
            new Institution(
                "91350100M000100Y44", i.name(), i.kind(), i.regionCode(), false, false)),
        RejectReason.BAD_CREDIT_CODE,
        "credit_code");
    Inspector p = Samples.inspector();
    only(
        validator.validateInspector(
            new Inspector(p.inspectorId(), p.name(), null, p.regionCode(), null)),
        RejectReason.MISSING_FIELD,
        "unit");
  }
}
