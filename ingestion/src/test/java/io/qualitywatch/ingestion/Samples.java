package io.qualitywatch.ingestion;

import io.qualitywatch.ingestion.codes.CodeTables;
import io.qualitywatch.ingestion.codes.CreditCode;
import io.qualitywatch.ingestion.contract.CertificateEvent;
import io.qualitywatch.ingestion.contract.Complaint;
import io.qualitywatch.ingestion.contract.EnforcementEvent;
import io.qualitywatch.ingestion.contract.EventEnvelope;
import io.qualitywatch.ingestion.contract.EventPayload;
import io.qualitywatch.ingestion.contract.EventType;
import io.qualitywatch.ingestion.contract.HazardClass;
import io.qualitywatch.ingestion.contract.InspectionResult;
import io.qualitywatch.ingestion.contract.InstitutionReport;
import io.qualitywatch.ingestion.contract.Recall;
import io.qualitywatch.ingestion.contract.SamplingResult;
import io.qualitywatch.ingestion.contract.SourceRef;
import io.qualitywatch.ingestion.contract.TradeMeasureNotice;
import io.qualitywatch.ingestion.reference.Enterprise;
import io.qualitywatch.ingestion.reference.Inspector;
import io.qualitywatch.ingestion.reference.Institution;
import io.qualitywatch.ingestion.validation.EventValidator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * Valid sample data for tests: one event of every type and one record of every reference type, each
 * with every optional field filled, valid for {@link #validator()} at {@link #NOW}. Tests derive
 * invalid variants from these instead of writing their own, so a contract change breaks in one
 * place.
 */
public final class Samples {
  /** The fixed "now" the samples are valid at. */
  public static final Instant NOW = Instant.parse("2024-06-15T08:00:00Z");

  public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  /** When sample events happened: a few days before {@link #NOW}. */
  public static final Instant EVENT_TIME = Instant.parse("2024-06-12T02:30:00Z");

  /** 昆山市, a county-level city. */
  public static final String REGION = "320583";

  /** C14 食品制造业. */
  public static final String INDUSTRY = "C14";

  /** A food manufacturer in 昆山 (enterprise legal person, registered in 320583). */
  public static final String ENTERPRISE_CODE = CreditCode.complete("91320583MA1N2B3C4");

  public static final String ENTERPRISE_NAME = "昆山示例食品有限公司";

  /** A testing lab (public institution, 12…). */
  public static final String LAB_CODE = CreditCode.complete("12320500466012345");

  public static final String LAB_NAME = "苏州市示例产品质量监督检验所";

  public static final String CERT_BODY_CODE = CreditCode.complete("91110000MA00ABCDE");

  public static final SourceRef SOURCE = new SourceRef("test", "samples.jsonl", 1);

  private Samples() {}

  /** A validator with the real code tables at {@link #CLOCK}, one day of allowed skew. */
  public static EventValidator validator() {
    return new EventValidator(CodeTables.get(), CLOCK, Duration.ofDays(1));
  }

  // ---------------------------------------------------------------- events

  /** A valid event of the given type. */
  public static EventEnvelope event(EventType type) {
    return envelope(payload(type));
  }

  /** One valid event of every type, in {@link EventType} order. */
  public static List<EventEnvelope> allEvents() {
    return Arrays.stream(EventType.values()).map(Samples::event).toList();
  }

  /**
   * Wraps a payload in a valid envelope: the sample enterprise as subject, the lab for institution
   * reports, no enterprise but an industry for trade measures.
   */
  public static EventEnvelope envelope(EventPayload payload) {
    return switch (payload.type()) {
      case INSTITUTION_REPORT ->
          EventEnvelope.of(EVENT_TIME, SOURCE, LAB_CODE, LAB_NAME, "320500", "M74", payload);
      case TRADE_MEASURE -> EventEnvelope.of(EVENT_TIME, SOURCE, null, null, null, "C38", payload);
      default ->
          EventEnvelope.of(
              EVENT_TIME, SOURCE, ENTERPRISE_CODE, ENTERPRISE_NAME, REGION, INDUSTRY, payload);
    };
  }

  /** A valid payload of the given type. */
  public static EventPayload payload(EventType type) {
    return switch (type) {
      case COMPLAINT -> complaint();
      case SAMPLING_RESULT -> failedSampling();
      case CERTIFICATE -> certificate();
      case ENFORCEMENT -> enforcement();
      case RECALL -> recall();
      case INSPECTION -> inspection();
      case INSTITUTION_REPORT -> institutionReport();
      case TRADE_MEASURE -> tradeMeasure();
    };
  }

  /** A complaint whose complainant data and text contain personal data to mask. */
  public static Complaint complaint() {
    return new Complaint(
        "12315-2024-0001234",
        Complaint.ComplaintKind.COMPLAINT,
        "12315-hotline",
        "FOOD-CONDIMENT",
        "本人张三丰，6月10日购买的酱油有异味，要求退货。联系电话13812345678，身份证号11010119900307123X。",
        new Complaint.Complainant("张三丰", "13812345678", "11010119900307123X"));
  }

  /** A failed batch: one safety-critical failure and one passed item. */
  public static SamplingResult failedSampling() {
    return new SamplingResult(
        "SJ24320500123",
        "provincial-supervision",
        LocalDate.of(2024, 6, 10),
        "FOOD-CONDIMENT",
        "酿造酱油",
        SamplingResult.SampledRole.PRODUCER,
        LAB_CODE,
        List.of(
            new SamplingResult.TestedItem(
                "菌落总数", false, HazardClass.SAFETY_CRITICAL, "1.2×10⁵CFU/g", "≤5×10⁴CFU/g"),
            new SamplingResult.TestedItem("氨基酸态氮", true, null, "0.82g/100mL", "≥0.4g/100mL")),
        SamplingResult.Verdict.FAIL,
        "昆山示例超市有限公司");
  }

  /** A passed batch with two passed items. */
  public static SamplingResult passedSampling() {
    return new SamplingResult(
        "SJ24320500124",
        "food",
        LocalDate.of(2024, 6, 10),
        "FOOD-GRAIN",
        "小麦粉",
        SamplingResult.SampledRole.SELLER,
        LAB_CODE,
        List.of(
            new SamplingResult.TestedItem("灰分", true, null, "0.55%", "≤0.70%"),
            new SamplingResult.TestedItem("过氧化苯甲酰", true, null, "未检出", "不得使用")),
        SamplingResult.Verdict.PASS,
        "昆山示例面粉厂");
  }

  public static CertificateEvent certificate() {
    return new CertificateEvent(
        "00124Q31234R0M",
        CertificateEvent.CertificateType.QMS,
        CertificateEvent.CertificateTransition.SUSPENDED,
        CERT_BODY_CODE,
        LocalDate.of(2026, 3, 31),
        "监督审核不通过");
  }

  public static EnforcementEvent enforcement() {
    return new EnforcementEvent(
        "昆市监处罚〔2024〕123号",
        EnforcementEvent.EnforcementAction.PENALTY,
        "昆山市市场监督管理局",
        50000.0,
        "生产不符合食品安全标准的食品",
        "FOOD-CONDIMENT");
  }

  public static Recall recall() {
    return new Recall(
        "RC-2024-0042", "FOOD-CONDIMENT", "酿造酱油 500mL", 12000, false, HazardClass.MAJOR);
  }

  public static InspectionResult inspection() {
    return new InspectionResult(
        "JC-2024-320583-0007",
        "PLAN-2024-Q2-320583",
        List.of("INS-0001", "INS-0002"),
        InspectionResult.InspectionOutcome.ISSUES_FOUND,
        2);
  }

  public static InstitutionReport institutionReport() {
    return new InstitutionReport(
        "PT-2023-0815",
        InstitutionReport.ReportKind.PROFICIENCY_TEST,
        2023,
        18500L,
        64,
        true,
        true,
        InstitutionReport.ProficiencyOutcome.SATISFACTORY,
        0);
  }

  public static TradeMeasureNotice tradeMeasure() {
    return new TradeMeasureNotice(
        "G/TBT/N/EU/1234",
        "EU",
        "TBT",
        "ELEC-HOUSEHOLD",
        "Ecodesign requirements for household dishwashers",
        LocalDate.of(2024, 8, 30));
  }

  // ---------------------------------------------------------------- reference data

  public static Enterprise enterprise() {
    return new Enterprise(
        ENTERPRISE_CODE,
        ENTERPRISE_NAME,
        REGION,
        INDUSTRY,
        Enterprise.SizeClass.SMALL,
        LocalDate.of(2016, 5, 20),
        31.385,
        120.981);
  }

  public static Institution institution() {
    return new Institution(
        LAB_CODE, LAB_NAME, Institution.InstitutionKind.TESTING_LAB, "320500", true, true);
  }

  public static Inspector inspector() {
    return new Inspector(
        "INS-0001", "李四", "昆山市市场监督管理局", REGION, List.of("FOOD-CONDIMENT", "FOOD-GRAIN"));
  }
}
