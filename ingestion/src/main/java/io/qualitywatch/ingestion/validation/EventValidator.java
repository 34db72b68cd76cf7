package io.qualitywatch.ingestion.validation;

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
import io.qualitywatch.ingestion.contract.TradeMeasureNotice;
import io.qualitywatch.ingestion.reference.Enterprise;
import io.qualitywatch.ingestion.reference.Inspector;
import io.qualitywatch.ingestion.reference.Institution;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Content checks on a parsed event: required fields, credit-code check character, real region and
 * industry codes, product catalogue codes, plausible timestamps (not far in the future, not before
 * 1990).
 *
 * <p>Field names in rejections are the JSON names, payload fields prefixed with {@code payload.}
 * (the same path style the codec reports), so a dead-letter record names the field as it appears in
 * the input. The required fields here are the {@code required} lists of the JSON Schemas under
 * {@code schemas/}; {@code ContractSchemaTest} keeps the two in step.
 *
 * <p>Runs on every ingested record, so the happy path allocates almost nothing: the rejection list
 * is created on the first problem only, and messages are built only for rejections.
 */
public final class EventValidator {
  /**
   * Nothing the platform ingests predates the 1990s; an earlier time is a parsing or unit error.
   */
  public static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");

  public static final int EARLIEST_YEAR = 1990;

  /** Dates on the wire are Chinese local dates; "today" is judged in that zone. */
  private static final ZoneId CHINA = ZoneOffset.ofHours(8);

  private static final String[] SCHEMA_IDS = new String[EventType.values().length];

  static {
    for (EventType t : EventType.values()) {
      SCHEMA_IDS[t.ordinal()] = t.schemaId();
    }
  }

  private final CodeTables codes;
  private final Clock clock;
  private final Duration maxFutureSkew;

  public EventValidator(CodeTables codes, Clock clock, Duration maxFutureSkew) {
    this.codes = codes;
    this.clock = clock;
    this.maxFutureSkew = maxFutureSkew;
  }

  public static EventValidator standard() {
    return new EventValidator(CodeTables.get(), Clock.systemUTC(), Duration.ofDays(1));
  }

  /** All problems found; empty means valid. */
  public List<Rejection> validate(EventEnvelope event) {
    return validate(event, true);
  }

  /**
   * The same checks for an event whose subject is not resolved yet (an import that knows only the
   * enterprise's name): a missing credit code or region is not a problem, a present but invalid one
   * still is. The resolved event must pass {@link #validate(EventEnvelope)} before publishing.
   */
  public List<Rejection> validateBeforeResolution(EventEnvelope event) {
    return validate(event, false);
  }

  private List<Rejection> validate(EventEnvelope event, boolean subjectResolved) {
    Problems p = new Problems();
    EventType type = event.type();
    if (type == null) {
      p.missing("type");
    }
    if (isBlank(event.schema())) {
      p.missing("schema");
    } else if (type != null && !SCHEMA_IDS[type.ordinal()].equals(event.schema())) {
      p.add(
          RejectReason.INVALID_VALUE,
          "schema",
          "schema '" + event.schema() + "' does not match type, expected " + type.schemaId());
    }
    if (isBlank(event.eventId())) {
      p.missing("event_id");
    }
    Instant now = clock.instant();
    checkInstant(p, "event_time", event.eventTime(), now);
    if (event.source() == null) {
      p.missing("source");
    } else if (isBlank(event.source().system())) {
      p.missing("source.system");
    }

    boolean entity = type == null || type.subjectIsEntity();
    if (entity && subjectResolved) {
      requireCreditCode(p, "credit_code", event.creditCode());
      requireRegion(p, "region_code", event.regionCode());
    } else {
      optionalCreditCode(p, "credit_code", event.creditCode());
      if (event.regionCode() != null) {
        requireRegion(p, "region_code", event.regionCode());
      }
    }
    if (event.industryCode() == null) {
      if (type == EventType.TRADE_MEASURE) {
        p.missing("industry_code");
      }
    } else if (!codes.isIndustry(event.industryCode())) {
      p.add(
          RejectReason.UNKNOWN_INDUSTRY,
          "industry_code",
          "'" + event.industryCode() + "' is not a GB/T 4754-2017 division (e.g. C14)");
    }

    EventPayload payload = event.payload();
    if (payload == null) {
      p.missing("payload");
    } else if (type != null && payload.type() != type) {
      p.add(
          RejectReason.INVALID_VALUE,
          "payload",
          "payload is a " + payload.type().wireName() + ", envelope says " + type.wireName());
    } else {
      checkPayload(p, payload, now);
    }
    return p.result();
  }

  private void checkPayload(Problems p, EventPayload payload, Instant now) {
    switch (payload.type()) {
      case COMPLAINT -> complaint(p, (Complaint) payload);
      case SAMPLING_RESULT -> sampling(p, (SamplingResult) payload, now);
      case CERTIFICATE -> certificate(p, (CertificateEvent) payload);
      case ENFORCEMENT -> enforcement(p, (EnforcementEvent) payload);
      case RECALL -> recall(p, (Recall) payload);
      case INSPECTION -> inspection(p, (InspectionResult) payload);
      case INSTITUTION_REPORT -> institutionReport(p, (InstitutionReport) payload, now);
      case TRADE_MEASURE -> tradeMeasure(p, (TradeMeasureNotice) payload);
    }
  }

  private void complaint(Problems p, Complaint c) {
    requireText(p, "payload.ticket_id", c.ticketId());
    require(p, "payload.kind", c.kind());
    optionalCategory(p, c.productCategory());
  }

  private void sampling(Problems p, SamplingResult s, Instant now) {
    requireText(p, "payload.batch_id", s.batchId());
    if (s.samplingDate() == null) {
      p.missing("payload.sampling_date");
    } else {
      checkDate(p, "payload.sampling_date", s.samplingDate(), now);
    }
    if (s.productCategory() == null) {
      p.missing("payload.product_category");
    } else {
      optionalCategory(p, s.productCategory());
    }
    require(p, "payload.role", s.role());
    optionalCreditCode(p, "payload.testing_institution", s.testingInstitution());

    int failed = 0;
    List<SamplingResult.TestedItem> items = s.items();
    for (int i = 0; i < items.size(); i++) {
      SamplingResult.TestedItem item = items.get(i);
      if (item == null) {
        p.add(RejectReason.INVALID_VALUE, "payload.items[" + i + "]", "tested item is null");
        continue;
      }
      if (isBlank(item.name())) {
        p.missing("payload.items[" + i + "].name");
      }
      if (!item.passed()) {
        failed++;
      }
    }
    if (s.verdict() == null) {
      p.missing("payload.verdict");
    } else if (s.verdict() == SamplingResult.Verdict.FAIL && failed == 0) {
      p.add(
          RejectReason.INVALID_VALUE,
          "payload.items",
          "a FAIL verdict needs at least one failed item (the failed test item, 不合格项目)");
    } else if (s.verdict() == SamplingResult.Verdict.PASS && failed > 0) {
      p.add(
          RejectReason.INVALID_VALUE,
          "payload.items",
          "a PASS verdict cannot contain failed items, found " + failed);
    }
  }

  private void certificate(Problems p, CertificateEvent c) {
    requireText(p, "payload.certificate_id", c.certificateId());
    require(p, "payload.certificate_type", c.certificateType());
    require(p, "payload.transition", c.transition());
    optionalCreditCode(p, "payload.certification_body", c.certificationBody());
  }

  private void enforcement(Problems p, EnforcementEvent e) {
    requireText(p, "payload.case_number", e.caseNumber());
    require(p, "payload.action", e.action());
    Double fine = e.fineYuan();
    // !(x >= 0) also rejects NaN, which a spreadsheet export can produce.
    if (fine != null && !(fine >= 0 && fine < Double.POSITIVE_INFINITY)) {
      p.add(RejectReason.INVALID_VALUE, "payload.fine_yuan", "fine must be >= 0, got " + fine);
    }
    optionalCategory(p, e.productCategory());
  }

  private void recall(Problems p, Recall r) {
    requireText(p, "payload.recall_id", r.recallId());
    if (r.units() < 0) {
      p.add(RejectReason.INVALID_VALUE, "payload.units", "units must be >= 0, got " + r.units());
    }
    optionalCategory(p, r.productCategory());
  }

  private void inspection(Problems p, InspectionResult i) {
    requireText(p, "payload.inspection_id", i.inspectionId());
    require(p, "payload.outcome", i.outcome());
    if (i.findings() < 0) {
      p.add(
          RejectReason.INVALID_VALUE,
          "payload.findings",
          "findings must be >= 0, got " + i.findings());
    }
  }

  private void institutionReport(Problems p, InstitutionReport r, Instant now) {
    requireText(p, "payload.report_id", r.reportId());
    require(p, "payload.kind", r.kind());
    int thisYear = now.atZone(CHINA).getYear();
    if (r.year() < EARLIEST_YEAR || r.year() > thisYear) {
      p.add(
          RejectReason.INVALID_VALUE,
          "payload.year",
          "year must be within " + EARLIEST_YEAR + ".." + thisYear + ", got " + r.year());
    }
    nonNegative(p, "payload.reports_issued", r.reportsIssued());
    nonNegative(p, "payload.staff", r.staff());
    nonNegative(p, "payload.findings", r.findings());
    if (r.kind() == InstitutionReport.ReportKind.PROFICIENCY_TEST
        && r.proficiencyOutcome() == null) {
      p.missing("payload.proficiency_outcome");
    }
  }

  private void tradeMeasure(Problems p, TradeMeasureNotice t) {
    requireText(p, "payload.notification_id", t.notificationId());
    requireText(p, "payload.notifying_member", t.notifyingMember());
    optionalCategory(p, t.productCategory());
  }

  // ---------------------------------------------------------------- reference data

  /** Checks an enterprise registry record; field names are its JSON names. */
  public List<Rejection> validateEnterprise(Enterprise e) {
    Problems p = new Problems();
    requireCreditCode(p, "credit_code", e.creditCode());
    requireText(p, "name", e.name());
    requireRegion(p, "region_code", e.regionCode());
    if (e.industryCode() != null && !codes.isIndustry(e.industryCode())) {
      p.add(
          RejectReason.UNKNOWN_INDUSTRY,
          "industry_code",
          "'" + e.industryCode() + "' is not a GB/T 4754-2017 division (e.g. C14)");
    }
    if (e.established() != null) {
      checkDate(p, "established", e.established(), clock.instant());
    }
    if (e.lat() != null && !(e.lat() >= -90 && e.lat() <= 90)) {
      p.add(RejectReason.INVALID_VALUE, "lat", "latitude out of range: " + e.lat());
    }
    if (e.lon() != null && !(e.lon() >= -180 && e.lon() <= 180)) {
      p.add(RejectReason.INVALID_VALUE, "lon", "longitude out of range: " + e.lon());
    }
    return p.result();
  }

  /** Checks a testing lab or certification body record. */
  public List<Rejection> validateInstitution(Institution i) {
    Problems p = new Problems();
    requireCreditCode(p, "credit_code", i.creditCode());
    requireText(p, "name", i.name());
    require(p, "kind", i.kind());
    requireRegion(p, "region_code", i.regionCode());
    return p.result();
  }

  /** Checks an inspector list record. */
  public List<Rejection> validateInspector(Inspector i) {
    Problems p = new Problems();
    requireText(p, "inspector_id", i.inspectorId());
    requireText(p, "name", i.name());
    requireText(p, "unit", i.unit());
    requireRegion(p, "region_code", i.regionCode());
    return p.result();
  }

  // ---------------------------------------------------------------- helpers

  private void checkInstant(Problems p, String field, Instant t, Instant now) {
    if (t == null) {
      p.missing(field);
    } else if (t.isAfter(now.plus(maxFutureSkew))) {
      p.add(RejectReason.FUTURE_TIMESTAMP, field, t + " is in the future (now " + now + ")");
    } else if (t.isBefore(EARLIEST)) {
      p.add(RejectReason.TIMESTAMP_TOO_OLD, field, t + " is before " + EARLIEST);
    }
  }

  private void checkDate(Problems p, String field, LocalDate d, Instant now) {
    LocalDate latest = now.plus(maxFutureSkew).atZone(CHINA).toLocalDate();
    if (d.isAfter(latest)) {
      p.add(RejectReason.FUTURE_TIMESTAMP, field, d + " is in the future (latest " + latest + ")");
    } else if (d.getYear() < EARLIEST_YEAR) {
      p.add(RejectReason.TIMESTAMP_TOO_OLD, field, d + " is before " + EARLIEST_YEAR + "-01-01");
    }
  }

  private static void requireCreditCode(Problems p, String field, String code) {
    if (isBlank(code)) {
      p.missing(field);
    } else {
      optionalCreditCode(p, field, code);
    }
  }

  private static void optionalCreditCode(Problems p, String field, String code) {
    if (code != null) {
      Optional<String> problem = CreditCode.problem(code);
      if (problem.isPresent()) {
        p.add(RejectReason.BAD_CREDIT_CODE, field, problem.get());
      }
    }
  }

  private void requireRegion(Problems p, String field, String code) {
    if (isBlank(code)) {
      p.missing(field);
    } else if (!codes.isRegion(code)) {
      p.add(RejectReason.UNKNOWN_REGION, field, "'" + code + "' is not a GB/T 2260 region code");
    }
  }

  private void optionalCategory(Problems p, String code) {
    if (code != null && !codes.isProductCategory(code)) {
      p.add(
          RejectReason.UNKNOWN_PRODUCT_CATEGORY,
          "payload.product_category",
          "'" + code + "' is not a catalogue code (e.g. FOOD-CONDIMENT)");
    }
  }

  private static void nonNegative(Problems p, String field, Number n) {
    if (n != null && n.longValue() < 0) {
      p.add(RejectReason.INVALID_VALUE, field, field + " must be >= 0, got " + n);
    }
  }

  private static void require(Problems p, String field, Object value) {
    if (value == null) {
      p.missing(field);
    }
  }

  private static void requireText(Problems p, String field, String value) {
    if (isBlank(value)) {
      p.missing(field);
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  /** Collects rejections, allocating the list only when there is one. */
  private static final class Problems {
    private List<Rejection> list;

    void missing(String field) {
      add(RejectReason.MISSING_FIELD, field, field + " is required");
    }

    void add(RejectReason reason, String field, String detail) {
      if (list == null) {
        list = new ArrayList<>(2);
      }
      list.add(new Rejection(reason, field, detail));
    }

    List<Rejection> result() {
      return list == null ? List.of() : List.copyOf(list);
    }
  }
}
