package io.qualitywatch.ingestion.contract;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The result of an on-site double-random inspection (双随机检查结果). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InspectionResult(
    @JsonProperty("inspection_id") String inspectionId,
    @JsonProperty("plan_id") String planId,
    @JsonProperty("inspector_ids") List<String> inspectorIds,
    InspectionOutcome outcome,
    int findings)
    implements EventPayload {

  public enum InspectionOutcome {
    NO_ISSUES("未发现问题"),
    ISSUES_FOUND("发现问题已责令整改"),
    SERIOUS_VIOLATION("发现严重违法行为"),
    NOT_FOUND_AT_ADDRESS("通过登记的住所无法联系");

    private final String label;

    InspectionOutcome(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public InspectionResult {
    inspectorIds = inspectorIds == null ? List.of() : List.copyOf(inspectorIds);
  }

  @Override
  @JsonIgnore
  public EventType type() {
    return EventType.INSPECTION;
  }

  @Override
  public String naturalKey() {
    return inspectionId;
  }
}
