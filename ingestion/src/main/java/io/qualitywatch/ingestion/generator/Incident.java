package io.qualitywatch.ingestion.generator;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;

/**
 * One injected ground-truth incident: what a warning system should find, where, when, and which
 * events are its evidence. Scoring a warning against it: a warning matches when its scope overlaps
 * ({@code creditCodes}, {@code regionCodes} + {@code industryCode}, {@code productCategory}) and it
 * was raised after {@code start}; time to warning is measured from {@code start}, or from the first
 * of {@code eventIds} (the first moment the data could show it).
 *
 * @param scope the warning scope that fits it best (enterprise, regional, industry, systemic)
 * @param creditCodes the enterprises (and, for an abuse ring, the certification body) involved
 * @param regionCodes GB/T 2260 codes: county, city or province, whichever the incident spans
 * @param eventIds ids of the events the incident caused, in time order; events that would have
 *     happened anyway (a baseline failure inside a wave) are not listed
 * @param parameters the knobs used (rates, multipliers, hazard item), for the record
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Incident(
    String id,
    Kind kind,
    Scope scope,
    String description,
    @JsonProperty("credit_codes") List<String> creditCodes,
    @JsonProperty("region_codes") List<String> regionCodes,
    @JsonProperty("industry_code") String industryCode,
    @JsonProperty("product_category") String productCategory,
    Instant start,
    Instant end,
    SortedMap<String, String> parameters,
    @JsonProperty("event_ids") List<String> eventIds) {

  public enum Kind {
    /** A product category failing sampling across several regions at once. */
    FAILURE_WAVE,
    /** One enterprise receiving several times its usual complaints for some days. */
    COMPLAINT_SURGE,
    /** Several enterprises in one city using forged or borrowed certificates of one body. */
    CERTIFICATE_ABUSE_RING,
    /** Complaints about one industry in one county rising together. */
    REGIONAL_COMPLAINT_SURGE,
    /** An enterprise whose quality erodes: failure probability and complaints rise over months. */
    DETERIORATING_ENTERPRISE
  }

  public enum Scope {
    ENTERPRISE,
    REGIONAL,
    INDUSTRY,
    SYSTEMIC
  }

  public Incident {
    creditCodes = creditCodes == null ? List.of() : List.copyOf(creditCodes);
    regionCodes = regionCodes == null ? List.of() : List.copyOf(regionCodes);
    eventIds = eventIds == null ? List.of() : List.copyOf(eventIds);
  }

  Incident withEventIds(List<String> ids) {
    return new Incident(
        id,
        kind,
        scope,
        description,
        creditCodes,
        regionCodes,
        industryCode,
        productCategory,
        start,
        end,
        parameters,
        ids);
  }
}
