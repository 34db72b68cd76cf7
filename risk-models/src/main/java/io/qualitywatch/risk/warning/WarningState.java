package io.qualitywatch.risk.warning;

/**
 * The lifecycle state of one subject's warnings of one type, kept in Flink keyed state. Flat fields
 * (lists as joined strings) keep it on Flink's POJO serializer.
 */
public class WarningState {
  /** Warnings raised so far for this subject and type; the open one has this number. */
  public int sequence;

  public boolean open;
  public WarningLevel level;
  public long openedAt;
  public long updatedAt;

  /** Last time the metric was at or above blue: the quiet period counts from here. */
  public long lastActiveAt;

  public double metric;
  public double threshold;

  /** Up to {@link WarningLifecycle#MAX_EVIDENCE} event ids, oldest first, comma-separated. */
  public String evidenceIds = "";

  /** JSON array of history entries. */
  public String historyJson = "[]";

  public String reasons = "";
  public String subjectKey;
  public String creditCode;
  public String enterpriseName;
  public String regionCode;
  public String industryCode;
  public String productCategory;
  public WarningType type;

  public WarningState() {}
}
