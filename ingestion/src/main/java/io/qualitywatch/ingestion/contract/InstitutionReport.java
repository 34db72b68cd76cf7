package io.qualitywatch.ingestion.contract;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What testing and certification institutions report or are found to have done: annual report,
 * self-declaration, proficiency-test result, supervision finding. The subject credit code is the
 * institution's.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InstitutionReport(
    @JsonProperty("report_id") String reportId,
    ReportKind kind,
    int year,
    @JsonProperty("reports_issued") Long reportsIssued,
    Integer staff,
    @JsonProperty("cnas_accredited") Boolean cnasAccredited,
    @JsonProperty("cma_qualified") Boolean cmaQualified,
    @JsonProperty("proficiency_outcome") ProficiencyOutcome proficiencyOutcome,
    Integer findings)
    implements EventPayload {

  public enum ReportKind {
    ANNUAL_REPORT("年度报告"),
    SELF_DECLARATION("自我声明"),
    PROFICIENCY_TEST("能力验证"),
    SUPERVISION_FINDING("监督检查结果");

    private final String label;

    ReportKind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public enum ProficiencyOutcome {
    SATISFACTORY("满意"),
    QUESTIONABLE("有问题"),
    UNSATISFACTORY("不满意");

    private final String label;

    ProficiencyOutcome(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  @Override
  @JsonIgnore
  public EventType type() {
    return EventType.INSTITUTION_REPORT;
  }

  @Override
  public String naturalKey() {
    return reportId;
  }
}
