package io.qualitywatch.ingestion.kafka;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.qualitywatch.ingestion.contract.EventEnvelope;
import io.qualitywatch.ingestion.resolve.UnresolvedReason;
import java.time.Instant;
import java.util.List;

/**
 * A valid event whose subject could not be matched to a credit code, as published on the unresolved
 * topic. Kept (never dropped) so that an analyst can resolve it and re-publish, and so that the
 * share of unmatched evidence is visible.
 *
 * @param name the subject's name as written in the source
 * @param normalizedName the registry's normalised form of that name (the record's Kafka key)
 * @param regionHint the region text used to decide between candidates, if any
 * @param candidates credit codes of the registry entries that matched equally well (AMBIGUOUS)
 * @param event the event as far as it could be built, without credit code and region
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record UnresolvedRecord(
    UnresolvedReason reason,
    String detail,
    String name,
    @JsonProperty("normalized_name") String normalizedName,
    @JsonProperty("region_hint") String regionHint,
    List<String> candidates,
    @JsonProperty("source_file") String sourceFile,
    long line,
    EventEnvelope event,
    @JsonProperty("unresolved_at") Instant unresolvedAt) {

  public UnresolvedRecord {
    candidates = candidates == null ? List.of() : List.copyOf(candidates);
  }

  /** Kafka key: records about the same unmatched name land together, ready for one fix. */
  public String key() {
    if (normalizedName != null && !normalizedName.isEmpty()) {
      return normalizedName;
    }
    return reason.name();
  }
}
