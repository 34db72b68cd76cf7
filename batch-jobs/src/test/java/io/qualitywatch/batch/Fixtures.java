package io.qualitywatch.batch;

import io.qualitywatch.batch.archive.EventFacts;
import io.qualitywatch.batch.archive.ReferenceTables;
import io.qualitywatch.ingestion.contract.CertificateEvent;
import io.qualitywatch.ingestion.contract.CertificateEvent.CertificateTransition;
import io.qualitywatch.ingestion.contract.CertificateEvent.CertificateType;
import io.qualitywatch.ingestion.contract.Complaint;
import io.qualitywatch.ingestion.contract.EnforcementEvent;
import io.qualitywatch.ingestion.contract.EventEnvelope;
import io.qualitywatch.ingestion.contract.EventPayload;
import io.qualitywatch.ingestion.contract.HazardClass;
import io.qualitywatch.ingestion.contract.InspectionResult;
import io.qualitywatch.ingestion.contract.InstitutionReport;
import io.qualitywatch.ingestion.contract.SamplingResult;
import io.qualitywatch.ingestion.contract.SourceRef;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.jdk.javaapi.CollectionConverters;

/** Small hand-made event histories: each test states exactly the evidence it reasons about. */
public final class Fixtures {
  public static final ZoneId CST = ZoneId.of("Asia/Shanghai");
  private static final AtomicInteger SEQ = new AtomicInteger();

  private final List<EventEnvelope> events = new ArrayList<>();
  private final List<Row> enterprises = new ArrayList<>();
  private final List<Row> institutions = new ArrayList<>();
  private final List<Row> inspectors = new ArrayList<>();

  public static Instant at(String date) {
    return LocalDate.parse(date).atTime(12, 0).atZone(CST).toInstant();
  }

  public Fixtures enterprise(String code, String region, String industry, String established) {
    enterprises.add(
        RowFactory.create(
            code,
            "企业" + code,
            region,
            industry,
            "SMALL",
            established == null ? null : Date.valueOf(established),
            null,
            null));
    return this;
  }

  public Fixtures institution(String code, String region, boolean cnas, boolean cma) {
    institutions.add(RowFactory.create(code, "机构" + code, "TESTING_LAB", region, cnas, cma));
    return this;
  }

  public Fixtures inspector(String id, String region) {
    inspectors.add(
        RowFactory.create(
            id,
            "检查员" + id,
            "unit-" + region,
            region,
            CollectionConverters.asScala(List.of("食品")).toSeq()));
    return this;
  }

  public Fixtures event(String code, String region, String date, EventPayload payload) {
    events.add(EventEnvelope.of(at(date), SourceRef.of("test"), code, null, region, null, payload));
    return this;
  }

  /**
   * A passed sampling of {@code code} whose event carries an enterprise name and industry, as the
   * sources send them for enterprises the register may not know.
   */
  public Fixtures sampledAs(String code, String name, String region, String industry, String date) {
    sampling(code, region, date, true, null);
    EventEnvelope e = events.remove(events.size() - 1);
    events.add(
        EventEnvelope.of(e.eventTime(), e.source(), code, name, region, industry, e.payload()));
    return this;
  }

  public Fixtures sampling(String code, String region, String date, boolean pass, String lab) {
    return sampling(
        code, region, date, pass ? null : HazardClass.SAFETY_CRITICAL, lab, "FOOD-CONDIMENT");
  }

  public Fixtures sampling(
      String code, String region, String date, HazardClass failed, String lab, String category) {
    List<SamplingResult.TestedItem> items =
        failed == null
            ? List.of(new SamplingResult.TestedItem("a", true, null, null, null))
            : List.of(new SamplingResult.TestedItem("a", false, failed, null, null));
    return event(
        code,
        region,
        date,
        new SamplingResult(
            "B" + SEQ.incrementAndGet(),
            "national-supervision",
            LocalDate.parse(date),
            category,
            null,
            SamplingResult.SampledRole.PRODUCER,
            lab,
            items,
            failed == null ? SamplingResult.Verdict.PASS : SamplingResult.Verdict.FAIL,
            null));
  }

  public Fixtures complaint(String code, String region, String date, Complaint.ComplaintKind kind) {
    return event(
        code,
        region,
        date,
        new Complaint("T" + SEQ.incrementAndGet(), kind, "12315", null, null, null));
  }

  public Fixtures cert(
      String code,
      String region,
      String date,
      String certId,
      CertificateType type,
      CertificateTransition t) {
    return event(code, region, date, new CertificateEvent(certId, type, t, null, null, null));
  }

  public Fixtures enforcement(
      String code, String region, String date, EnforcementEvent.EnforcementAction action) {
    return event(
        code,
        region,
        date,
        new EnforcementEvent("C" + SEQ.incrementAndGet(), action, null, null, null, null));
  }

  public Fixtures inspection(
      String code,
      String region,
      String date,
      InspectionResult.InspectionOutcome o,
      String... inspectorIds) {
    return event(
        code,
        region,
        date,
        new InspectionResult("I" + SEQ.incrementAndGet(), null, List.of(inspectorIds), o, 0));
  }

  public Fixtures report(
      String code,
      String region,
      String date,
      InstitutionReport.ReportKind kind,
      int year,
      InstitutionReport.ProficiencyOutcome outcome,
      Integer findings) {
    return event(
        code,
        region,
        date,
        new InstitutionReport(
            "R" + SEQ.incrementAndGet(), kind, year, null, null, null, null, outcome, findings));
  }

  public List<EventEnvelope> events() {
    return events;
  }

  public Dataset<Row> facts() {
    return SparkTestSession.get().createDataFrame(EventFacts.rows(events, CST), EventFacts.SCHEMA);
  }

  public Dataset<Row> enterprises() {
    return SparkTestSession.get().createDataFrame(enterprises, ReferenceTables.ENTERPRISE);
  }

  public Dataset<Row> institutions() {
    return SparkTestSession.get().createDataFrame(institutions, ReferenceTables.INSTITUTION);
  }

  public Dataset<Row> inspectors() {
    return SparkTestSession.get().createDataFrame(inspectors, ReferenceTables.INSPECTOR);
  }
}
