package io.qualitywatch.ingestion.contract;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.util.List;

/**
 * A product sampling and inspection result (监督抽查/抽检结果) for one batch, seen from one sampled
 * enterprise (the producer or the seller; a batch sampled at a shop yields an event for each).
 *
 * @param batchId the sampling notice's batch number (抽样单编号)
 * @param programme e.g. {@code national-supervision}, {@code provincial-supervision}, {@code food}
 * @param role whether the event's subject produced or sold the batch
 * @param testingInstitution credit code of the lab that tested it, if known
 * @param items tested items; failed ones carry their hazard class
 * @param otherPartyName the other enterprise (the seller for a producer event and vice versa)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SamplingResult(
    @JsonProperty("batch_id") String batchId,
    String programme,
    @JsonProperty("sampling_date") LocalDate samplingDate,
    @JsonProperty("product_category") String productCategory,
    @JsonProperty("product_name") String productName,
    SampledRole role,
    @JsonProperty("testing_institution") String testingInstitution,
    List<TestedItem> items,
    Verdict verdict,
    @JsonProperty("other_party_name") String otherPartyName)
    implements EventPayload {

  public enum SampledRole {
    PRODUCER("生产者"),
    SELLER("被抽样单位/销售者");

    private final String label;

    SampledRole(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public enum Verdict {
    PASS("合格"),
    FAIL("不合格");

    private final String label;

    Verdict(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** One tested item; {@code hazardClass} is set on failed items. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TestedItem(
      String name,
      boolean passed,
      @JsonProperty("hazard_class") HazardClass hazardClass,
      String measured,
      String limit) {}

  public SamplingResult {
    items = items == null ? List.of() : List.copyOf(items);
  }

  /** The most severe hazard among failed items, or null when the batch passed. */
  @JsonIgnore
  public HazardClass worstHazard() {
    return items.stream()
        .filter(i -> !i.passed() && i.hazardClass() != null)
        .map(TestedItem::hazardClass)
        .min(Enum::compareTo)
        .orElse(verdict == Verdict.FAIL ? HazardClass.MAJOR : null);
  }

  @Override
  @JsonIgnore
  public EventType type() {
    return EventType.SAMPLING_RESULT;
  }

  @Override
  public String naturalKey() {
    return batchId + '|' + role;
  }
}
