package io.qualitywatch.ingestion.contract;

/**
 * How dangerous a failed test item is. Drives the weight of a failure in the risk score: a
 * safety-critical failure (pathogens, heavy metals, electrical safety) weighs far more than a
 * labelling defect.
 */
public enum HazardClass {
  SAFETY_CRITICAL("安全性指标"),
  MAJOR("主要质量指标"),
  MINOR("标签标识/一般指标");

  private final String label;

  HazardClass(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
