package io.qualitywatch.risk.warning;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** A warning as indexed and published (docs/streaming-outputs.md). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WarningDocument(
    @JsonProperty("warning_id") String warningId,
    String scope,
    @JsonProperty("scope_label") String scopeLabel,
    @JsonProperty("warning_type") String warningType,
    @JsonProperty("type_label") String typeLabel,
    @JsonProperty("subject_key") String subjectKey,
    @JsonProperty("credit_code") String creditCode,
    @JsonProperty("enterprise_name") String enterpriseName,
    @JsonProperty("region_code") String regionCode,
    @JsonProperty("city_code") String cityCode,
    @JsonProperty("province_code") String provinceCode,
    @JsonProperty("region_name") String regionName,
    @JsonProperty("industry_code") String industryCode,
    @JsonProperty("product_category") String productCategory,
    String level,
    @JsonProperty("level_rank") int levelRank,
    @JsonProperty("level_label") String levelLabel,
    String status,
    String action,
    @JsonProperty("opened_at") Instant openedAt,
    @JsonProperty("updated_at") Instant updatedAt,
    @JsonProperty("closed_at") Instant closedAt,
    String disposition,
    double metric,
    double threshold,
    List<String> reasons,
    @JsonProperty("evidence_event_ids") List<String> evidenceEventIds,
    List<HistoryEntry> history,
    @JsonProperty("rules_version") String rulesVersion) {

  /** One step of a warning's life. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record HistoryEntry(
      Instant at,
      String action,
      @JsonProperty("from_level") String fromLevel,
      @JsonProperty("to_level") String toLevel,
      double metric) {}
}
