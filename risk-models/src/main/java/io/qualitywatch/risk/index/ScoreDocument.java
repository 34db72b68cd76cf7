package io.qualitywatch.risk.index;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.qualitywatch.ingestion.codes.CodeTables;
import io.qualitywatch.ingestion.codes.Region;
import io.qualitywatch.risk.scoring.Reason;
import io.qualitywatch.risk.scoring.RiskScore;
import java.time.Instant;
import java.util.List;

/**
 * An enterprise's score as indexed for analysts, with the region roll-up codes so Kibana can filter
 * by province, city or county without a join. Stream and batch build it the same way. The learned
 * model's fields ({@code failure_probability}, {@code failure_reasons}, {@code model_version}) are
 * null, and therefore absent from the JSON, when no model is configured.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScoreDocument(
    @JsonProperty("credit_code") String creditCode,
    @JsonProperty("enterprise_name") String enterpriseName,
    @JsonProperty("region_code") String regionCode,
    @JsonProperty("city_code") String cityCode,
    @JsonProperty("province_code") String provinceCode,
    @JsonProperty("region_name") String regionName,
    @JsonProperty("industry_code") String industryCode,
    double score,
    String band,
    @JsonProperty("band_label") String bandLabel,
    List<Reason> reasons,
    @JsonProperty("top_reason") String topReason,
    @JsonProperty("evidence_count") long evidenceCount,
    @JsonProperty("as_of") Instant asOf,
    @JsonProperty("last_event_id") String lastEventId,
    @JsonProperty("rules_version") String rulesVersion,
    @JsonProperty("failure_probability") Double failureProbability,
    @JsonProperty("failure_reasons") List<String> failureReasons,
    @JsonProperty("model_version") String modelVersion) {

  /** This score with the learned model's probability of failing the next inspection. */
  public ScoreDocument withFailure(double probability, List<String> reasons, String version) {
    return new ScoreDocument(
        creditCode,
        enterpriseName,
        regionCode,
        cityCode,
        provinceCode,
        regionName,
        industryCode,
        score,
        band,
        bandLabel,
        this.reasons,
        topReason,
        evidenceCount,
        asOf,
        lastEventId,
        rulesVersion,
        probability,
        List.copyOf(reasons),
        version);
  }

  public static ScoreDocument of(
      RiskScore s,
      String enterpriseName,
      String regionCode,
      String industryCode,
      String lastEventId) {
    Region region = regionCode == null ? null : CodeTables.get().region(regionCode).orElse(null);
    return new ScoreDocument(
        s.creditCode(),
        enterpriseName,
        regionCode,
        region == null ? null : region.cityCode(),
        region == null ? null : region.provinceCode(),
        region == null ? null : region.name(),
        industryCode,
        s.score(),
        s.band().name(),
        s.band().label(),
        s.reasons(),
        s.reasons().isEmpty() ? null : s.reasons().get(0).code(),
        s.evidenceCount(),
        Instant.ofEpochMilli(s.asOfMillis()),
        lastEventId,
        s.rulesVersion(),
        null,
        null,
        null);
  }

  /** Score history keeps one document per enterprise and triggering event. */
  public String historyId() {
    return creditCode + ":" + lastEventId;
  }
}
