package io.qualitywatch.risk.byo;

/** Bad input (columns, dates, mapping): the user's to fix, exit code 2. */
public final class ByoException extends Exception {
  public ByoException(String message) {
    super(message);
  }
}
