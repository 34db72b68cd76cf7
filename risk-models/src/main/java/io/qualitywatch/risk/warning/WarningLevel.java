package io.qualitywatch.risk.warning;

/** Four-colour warning levels: red (I) is the most severe, blue (IV) the least. */
public enum WarningLevel {
  RED(1, "红色", "I"),
  ORANGE(2, "橙色", "II"),
  YELLOW(3, "黄色", "III"),
  BLUE(4, "蓝色", "IV");

  private final int rank;
  private final String label;
  private final String grade;

  WarningLevel(int rank, String label, String grade) {
    this.rank = rank;
    this.label = label;
    this.grade = grade;
  }

  /** 1 for red … 4 for blue. */
  public int rank() {
    return rank;
  }

  public String label() {
    return label;
  }

  public String grade() {
    return grade;
  }

  public boolean moreSevereThan(WarningLevel other) {
    return other == null || rank < other.rank;
  }
}
