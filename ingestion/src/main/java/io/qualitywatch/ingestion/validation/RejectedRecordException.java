package io.qualitywatch.ingestion.validation;

/** Thrown by parsers when a record cannot become an event; carries the first rejection. */
public class RejectedRecordException extends Exception {
  private final Rejection rejection;

  public RejectedRecordException(Rejection rejection) {
    super(rejection.toString());
    this.rejection = rejection;
  }

  public RejectedRecordException(Rejection rejection, Throwable cause) {
    super(rejection.toString(), cause);
    this.rejection = rejection;
  }

  public Rejection rejection() {
    return rejection;
  }
}
