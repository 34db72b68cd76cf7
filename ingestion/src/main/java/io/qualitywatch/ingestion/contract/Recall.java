package io.qualitywatch.ingestion.contract;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A product recall (召回) by the enterprise, voluntary or ordered. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Recall(
    @JsonProperty("recall_id") String recallId,
    @JsonProperty("product_category") String productCategory,
    @JsonProperty("product_name") String productName,
    long units,
    boolean ordered,
    @JsonProperty("hazard_class") HazardClass hazardClass)
    implements EventPayload {

  @Override
  @JsonIgnore
  public EventType type() {
    return EventType.RECALL;
  }

  @Override
  public String naturalKey() {
    return recallId;
  }
}
