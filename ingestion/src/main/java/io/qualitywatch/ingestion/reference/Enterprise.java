package io.qualitywatch.ingestion.reference;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;

/** A market entity in the enterprise registry: what entity resolution matches names against. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Enterprise(
    @JsonProperty("credit_code") String creditCode,
    String name,
    @JsonProperty("region_code") String regionCode,
    @JsonProperty("industry_code") String industryCode,
    @JsonProperty("size_class") SizeClass sizeClass,
    LocalDate established,
    Double lat,
    Double lon) {

  /** Size classes as in the national statistics (大型/中型/小型/微型). */
  public enum SizeClass {
    LARGE("大型"),
    MEDIUM("中型"),
    SMALL("小型"),
    MICRO("微型");

    private final String label;

    SizeClass(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}
