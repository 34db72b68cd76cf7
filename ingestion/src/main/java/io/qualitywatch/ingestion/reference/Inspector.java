package io.qualitywatch.ingestion.reference;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A law-enforcement inspector in the inspector list (执法检查人员名录) of double-random inspections.
 *
 * @param unit the inspector's own unit; an inspector never inspects an entity of that unit
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Inspector(
    @JsonProperty("inspector_id") String inspectorId,
    String name,
    String unit,
    @JsonProperty("region_code") String regionCode,
    List<String> specialties) {}
