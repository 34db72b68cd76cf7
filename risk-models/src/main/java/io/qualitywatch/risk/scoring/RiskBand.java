package io.qualitywatch.risk.scoring;

/** Credit-risk classes: A low, B normal, C higher, D high. They set inspection frequency. */
public enum RiskBand {
  A("低风险"),
  B("一般风险"),
  C("较高风险"),
  D("高风险");

  private final String label;

  RiskBand(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
