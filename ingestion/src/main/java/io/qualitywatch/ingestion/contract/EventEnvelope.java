package io.qualitywatch.ingestion.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * One piece of evidence as it travels on Kafka: the fields every event shares plus its typed
 * payload. The Kafka key is {@link #partitionKey()}, so all events of one enterprise stay ordered
 * on one partition.
 *
 * @param schema {@code <type>/v<version>}, e.g. {@code sampling-result/v1}
 * @param eventId deterministic: see {@link EventIds}
 * @param eventTime when it happened in the world (sampling date, complaint received), not ingestion
 * @param creditCode the subject's unified social credit code; null only for industry-wide notices
 * @param regionCode GB/T 2260 six-digit code of the subject's location
 * @param industryCode GB/T 4754-2017 division, e.g. {@code C14}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventEnvelope(
    String schema,
    @JsonProperty("event_id") String eventId,
    EventType type,
    @JsonProperty("event_time") Instant eventTime,
    SourceRef source,
    @JsonProperty("credit_code") String creditCode,
    @JsonProperty("enterprise_name") String enterpriseName,
    @JsonProperty("region_code") String regionCode,
    @JsonProperty("industry_code") String industryCode,
    @JsonTypeInfo(
            use = JsonTypeInfo.Id.NAME,
            include = JsonTypeInfo.As.EXTERNAL_PROPERTY,
            property = "type")
        @JsonSubTypes({
          @JsonSubTypes.Type(value = Complaint.class, name = "complaint"),
          @JsonSubTypes.Type(value = SamplingResult.class, name = "sampling-result"),
          @JsonSubTypes.Type(value = CertificateEvent.class, name = "certificate"),
          @JsonSubTypes.Type(value = EnforcementEvent.class, name = "enforcement"),
          @JsonSubTypes.Type(value = Recall.class, name = "recall"),
          @JsonSubTypes.Type(value = InspectionResult.class, name = "inspection"),
          @JsonSubTypes.Type(value = InstitutionReport.class, name = "institution-report"),
          @JsonSubTypes.Type(value = TradeMeasureNotice.class, name = "trade-measure")
        })
        EventPayload payload) {

  /** Builds an envelope whose schema and event id follow from its content. */
  public static EventEnvelope of(
      Instant eventTime,
      SourceRef source,
      String creditCode,
      String enterpriseName,
      String regionCode,
      String industryCode,
      EventPayload payload) {
    return new EventEnvelope(
        payload.type().schemaId(),
        EventIds.of(payload.type(), creditCode, payload.naturalKey()),
        payload.type(),
        eventTime,
        source,
        creditCode,
        enterpriseName,
        regionCode,
        industryCode,
        payload);
  }

  /** The Kafka record key: the credit code, or the industry for industry-wide notices. */
  public String partitionKey() {
    return creditCode != null ? creditCode : "industry:" + industryCode;
  }

  public EventEnvelope withSource(SourceRef newSource) {
    return new EventEnvelope(
        schema,
        eventId,
        type,
        eventTime,
        newSource,
        creditCode,
        enterpriseName,
        regionCode,
        industryCode,
        payload);
  }

  /** The same event (same id) at another time: replays in benchmarks re-stamp events to now. */
  public EventEnvelope withEventTime(Instant newEventTime) {
    return new EventEnvelope(
        schema,
        eventId,
        type,
        newEventTime,
        source,
        creditCode,
        enterpriseName,
        regionCode,
        industryCode,
        payload);
  }

  public EventEnvelope withSubject(String newCreditCode, String newRegionCode, String newIndustry) {
    return new EventEnvelope(
        schema,
        EventIds.of(type, newCreditCode, payload.naturalKey()),
        type,
        eventTime,
        source,
        newCreditCode,
        enterpriseName,
        newRegionCode,
        newIndustry,
        payload);
  }
}
