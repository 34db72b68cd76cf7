package io.qualitywatch.ingestion.config;

/** A configuration key is unknown, missing or has an invalid value; the message names the key. */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
