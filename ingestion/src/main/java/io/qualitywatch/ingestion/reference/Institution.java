package io.qualitywatch.ingestion.reference;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A testing lab (检验检测机构) or certification body (认证机构). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Institution(
    @JsonProperty("credit_code") String creditCode,
    String name,
    InstitutionKind kind,
    @JsonProperty("region_code") String regionCode,
    @JsonProperty("cnas_accredited") boolean cnasAccredited,
    @JsonProperty("cma_qualified") boolean cmaQualified) {

  public enum InstitutionKind {
    TESTING_LAB("检验检测机构"),
    CERTIFICATION_BODY("认证机构");

    private final String label;

    InstitutionKind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}
