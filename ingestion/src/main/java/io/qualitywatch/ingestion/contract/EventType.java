package io.qualitywatch.ingestion.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Every kind of evidence the platform ingests. The wire name is part of the contract: it names the
 * Kafka topic ({@code <prefix>.events.<wireName>.v<version>}) and the JSON Schema file.
 */
public enum EventType {
  COMPLAINT("complaint", Complaint.class, true),
  SAMPLING_RESULT("sampling-result", SamplingResult.class, true),
  CERTIFICATE("certificate", CertificateEvent.class, true),
  ENFORCEMENT("enforcement", EnforcementEvent.class, true),
  RECALL("recall", Recall.class, true),
  INSPECTION("inspection", InspectionResult.class, true),
  INSTITUTION_REPORT("institution-report", InstitutionReport.class, true),
  /** Keyed by industry division, not by an enterprise: it warns a whole industry. */
  TRADE_MEASURE("trade-measure", TradeMeasureNotice.class, false);

  /**
   * Bumped only for breaking changes; a new version gets a new topic so old consumers keep working.
   */
  public static final int SCHEMA_VERSION = 1;

  private final String wireName;
  private final Class<? extends EventPayload> payloadType;
  private final boolean subjectIsEntity;

  EventType(String wireName, Class<? extends EventPayload> payloadType, boolean subjectIsEntity) {
    this.wireName = wireName;
    this.payloadType = payloadType;
    this.subjectIsEntity = subjectIsEntity;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  public Class<? extends EventPayload> payloadType() {
    return payloadType;
  }

  /** True when the event is about one enterprise or institution and so must carry a credit code. */
  public boolean subjectIsEntity() {
    return subjectIsEntity;
  }

  public String schemaId() {
    return wireName + "/v" + SCHEMA_VERSION;
  }

  /** Exact wire names: every decoded event looks its type up here. */
  private static final Map<String, EventType> BY_WIRE_NAME = new HashMap<>();

  static {
    for (EventType t : values()) {
      BY_WIRE_NAME.put(t.wireName, t);
    }
  }

  @JsonCreator
  public static EventType fromWireName(String name) {
    EventType exact = name == null ? null : BY_WIRE_NAME.get(name);
    if (exact != null) {
      return exact;
    }
    return Arrays.stream(values())
        .filter(t -> t.name().equalsIgnoreCase(name)) // exact wire names answered above
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown event type '" + name + "'"));
  }
}
