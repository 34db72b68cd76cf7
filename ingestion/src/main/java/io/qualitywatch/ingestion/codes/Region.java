package io.qualitywatch.ingestion.codes;

/**
 * A GB/T 2260 administrative division.
 *
 * @param code six digits: province 2 + city 2 + county 2
 */
public record Region(String code, String name, Level level) {
  public enum Level {
    PROVINCE,
    CITY,
    COUNTY
  }

  public String provinceCode() {
    return code.substring(0, 2) + "0000";
  }

  public String cityCode() {
    return level == Level.PROVINCE ? null : code.substring(0, 4) + "00";
  }
}
