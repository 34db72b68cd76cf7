package io.qualitywatch.ingestion.contract;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An enforcement action: administrative penalty, listing on or removal from the serious-dishonesty
 * list, abnormal-operation listing, and for institutions permanent exit or a lifetime ban.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnforcementEvent(
    @JsonProperty("case_number") String caseNumber,
    EnforcementAction action,
    String authority,
    @JsonProperty("fine_yuan") Double fineYuan,
    String violation,
    @JsonProperty("product_category") String productCategory)
    implements EventPayload {

  public enum EnforcementAction {
    PENALTY("行政处罚"),
    BLACKLIST_LISTED("列入严重违法失信名单"),
    BLACKLIST_REMOVED("移出严重违法失信名单"),
    ABNORMAL_OPERATION_LISTED("列入经营异常名录"),
    PERMANENT_EXIT("永久退出"),
    LIFETIME_BAN("终身禁入");

    private final String label;

    EnforcementAction(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  @Override
  @JsonIgnore
  public EventType type() {
    return EventType.ENFORCEMENT;
  }

  @Override
  public String naturalKey() {
    return caseNumber + '|' + action;
  }
}
