package io.qualitywatch.ingestion.importer;

/**
 * A mapping cannot be used: unknown name, unreadable or invalid file, or a column it needs is not
 * in the file's header. The message says which and where.
 */
public class MappingException extends RuntimeException {
  public MappingException(String message) {
    super(message);
  }

  public MappingException(String message, Throwable cause) {
    super(message, cause);
  }
}
