package io.qualitywatch.risk.scoring;

/**
 * The indicator groups of the national general enterprise credit-risk indicator system; rating and
 * score explanations are grouped the same way so analysts recognise them.
 */
public enum IndicatorGroup {
  BASIC("基础属性信息"),
  OPERATING("动态信息"),
  SUPERVISION("监管信息"),
  RELATED_PARTY("关联关系信息"),
  SOCIAL("社会评价信息");

  private final String label;

  IndicatorGroup(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
