package io.qualitywatch.risk.rules;

/** A rules document that must not be applied; the message says what is wrong and where. */
public class InvalidRulesException extends Exception {
  public InvalidRulesException(String message, Throwable cause) {
    super(message, cause);
  }

  public InvalidRulesException(String message) {
    super(message);
  }
}
