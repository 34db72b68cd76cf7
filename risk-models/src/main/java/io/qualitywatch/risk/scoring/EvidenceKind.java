package io.qualitywatch.risk.scoring;

/**
 * What a piece of evidence says about an enterprise's risk. Each kind has a reason code shown to
 * analysts, a label, and the indicator group it belongs to; its weight and half-life come from
 * {@link ScoringRules} so they can change at runtime.
 */
public enum EvidenceKind {
  SAMPLING_FAIL_SAFETY("R01", "抽检不合格(安全性)", IndicatorGroup.SUPERVISION),
  SAMPLING_FAIL_MAJOR("R02", "抽检不合格(主要指标)", IndicatorGroup.SUPERVISION),
  SAMPLING_FAIL_MINOR("R03", "抽检不合格(标签/一般)", IndicatorGroup.SUPERVISION),
  SAMPLING_PASS("R04", "抽检合格", IndicatorGroup.SUPERVISION),
  COMPLAINT("R10", "投诉", IndicatorGroup.SOCIAL),
  REPORT("R11", "举报", IndicatorGroup.SOCIAL),
  CERT_SUSPENDED("R20", "证书暂停", IndicatorGroup.SUPERVISION),
  CERT_REVOKED("R21", "证书撤销", IndicatorGroup.SUPERVISION),
  CERT_ABUSE("R22", "伪造/冒用证书", IndicatorGroup.SUPERVISION),
  PENALTY("R30", "行政处罚", IndicatorGroup.SUPERVISION),
  BLACKLISTED("R31", "列入严重违法失信名单", IndicatorGroup.SUPERVISION),
  /** Cancels a listing; same half-life as {@link #BLACKLISTED} so the two decay together. */
  BLACKLIST_REMOVED("R32", "移出严重违法失信名单", IndicatorGroup.SUPERVISION),
  ABNORMAL_OPERATION("R33", "经营异常", IndicatorGroup.OPERATING),
  BANNED("R34", "永久退出/终身禁入", IndicatorGroup.SUPERVISION),
  RECALL_ORDERED("R40", "责令召回", IndicatorGroup.SUPERVISION),
  RECALL_VOLUNTARY("R41", "主动召回", IndicatorGroup.SUPERVISION),
  INSPECTION_CLEAN("R50", "检查未发现问题", IndicatorGroup.SUPERVISION),
  INSPECTION_ISSUES("R51", "检查发现问题", IndicatorGroup.SUPERVISION),
  INSPECTION_SERIOUS("R52", "检查发现严重违法", IndicatorGroup.SUPERVISION),
  INSPECTION_NOT_FOUND("R53", "登记住所无法联系", IndicatorGroup.OPERATING),
  PROFICIENCY_FAILED("R60", "能力验证不满意", IndicatorGroup.SUPERVISION),
  PROFICIENCY_QUESTIONABLE("R61", "能力验证有问题", IndicatorGroup.SUPERVISION),
  SUPERVISION_FINDING("R62", "机构监督检查发现问题", IndicatorGroup.SUPERVISION);

  private final String reasonCode;
  private final String label;
  private final IndicatorGroup group;

  EvidenceKind(String reasonCode, String label, IndicatorGroup group) {
    this.reasonCode = reasonCode;
    this.label = label;
    this.group = group;
  }

  public String reasonCode() {
    return reasonCode;
  }

  public String label() {
    return label;
  }

  public IndicatorGroup group() {
    return group;
  }
}
