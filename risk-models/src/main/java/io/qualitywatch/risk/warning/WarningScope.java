package io.qualitywatch.risk.warning;

/** What a warning is about: one enterprise, a region, an industry, or a product across regions. */
public enum WarningScope {
  ENTERPRISE("企业"),
  REGIONAL("区域性"),
  INDUSTRY("行业性"),
  SYSTEMIC("系统性");

  private final String label;

  WarningScope(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
