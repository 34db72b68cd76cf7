package io.qualitywatch.risk.warning;

/** The signal a warning is raised on; each type has its own thresholds in the rules. */
public enum WarningType {
  /** An enterprise's risk score crossed a level. */
  RISK_SCORE(WarningScope.ENTERPRISE, "企业风险评分预警"),
  /** An enterprise's complaints far above its own baseline. */
  COMPLAINT_SURGE(WarningScope.ENTERPRISE, "企业投诉激增"),
  /** Complaints about one industry in one region far above their seasonal baseline. */
  REGIONAL_COMPLAINT_SURGE(WarningScope.REGIONAL, "区域行业投诉激增"),
  /** Several enterprises in one city caught abusing certificates. */
  CERT_ABUSE_CLUSTER(WarningScope.REGIONAL, "区域证书违规聚集"),
  /** One product category failing sampling in several provinces at once. */
  FAILURE_WAVE(WarningScope.SYSTEMIC, "产品类别系统性不合格");

  private final WarningScope scope;
  private final String label;

  WarningType(WarningScope scope, String label) {
    this.scope = scope;
    this.label = label;
  }

  public WarningScope scope() {
    return scope;
  }

  public String label() {
    return label;
  }
}
