package io.qualitywatch.ingestion.contract;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A complaint, report or consultation (投诉/举报/咨询), e.g. from the 12315 platform.
 *
 * @param ticketId the receiving platform's ticket number; duplicates of one ticket are one event
 * @param productCategory product catalogue code, see {@code ProductCategories}
 * @param complainant personal data; masked by {@code PersonalDataMasker} before any index
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Complaint(
    @JsonProperty("ticket_id") String ticketId,
    ComplaintKind kind,
    String channel,
    @JsonProperty("product_category") String productCategory,
    String text,
    Complainant complainant)
    implements EventPayload {

  public enum ComplaintKind {
    COMPLAINT("投诉"),
    REPORT("举报"),
    CONSULTATION("咨询");

    private final String label;

    ComplaintKind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** Personal data of the person who complained. Never indexed unmasked. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Complainant(
      String name, String phone, @JsonProperty("id_number") String idNumber) {}

  @Override
  @JsonIgnore
  public EventType type() {
    return EventType.COMPLAINT;
  }

  @Override
  public String naturalKey() {
    return ticketId;
  }
}
