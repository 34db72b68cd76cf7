package io.qualitywatch.ingestion.validation;

/** One reason a record was rejected, with a human-readable detail naming the field. */
public record Rejection(RejectReason reason, String field, String detail) {
  @Override
  public String toString() {
    return reason + (field == null ? "" : " [" + field + "]") + ": " + detail;
  }
}
