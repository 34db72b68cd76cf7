package io.qualitywatch.ingestion.contract;

/**
 * Where a record came from, so that an analyst can go back to the original row.
 *
 * @param system the producing system, e.g. {@code 12315}, {@code generator}, {@code file-import}
 * @param file the file name for imports, else null
 * @param line the 1-based record number in that file (not the physical line: fields may span lines)
 */
public record SourceRef(String system, String file, long line) {
  public static SourceRef of(String system) {
    return new SourceRef(system, null, 0);
  }

  @Override
  public String toString() {
    return file == null ? system : system + ":" + file + ":" + line;
  }
}
