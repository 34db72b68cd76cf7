package io.qualitywatch.ingestion.contract;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;

/**
 * A foreign technical trade measure (技术性贸易措施, WTO TBT/SPS notification) affecting an industry: an
 * early-warning input for exporters of that industry. Keyed by industry, not by enterprise.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TradeMeasureNotice(
    @JsonProperty("notification_id") String notificationId,
    @JsonProperty("notifying_member") String notifyingMember,
    @JsonProperty("measure_type") String measureType,
    @JsonProperty("product_category") String productCategory,
    String title,
    @JsonProperty("comment_deadline") LocalDate commentDeadline)
    implements EventPayload {

  @Override
  @JsonIgnore
  public EventType type() {
    return EventType.TRADE_MEASURE;
  }

  @Override
  public String naturalKey() {
    return notificationId;
  }
}
