package io.qualitywatch.risk.warning;

/** What happened to a warning. Every action but UPDATED is worth notifying a duty officer. */
public enum WarningAction {
  RAISED,
  ESCALATED,
  DEESCALATED,
  /** New evidence on an open warning at the same level. */
  UPDATED,
  CLOSED;

  public boolean notifies() {
    return this != UPDATED;
  }
}
