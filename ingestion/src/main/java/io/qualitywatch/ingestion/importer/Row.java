package io.qualitywatch.ingestion.importer;

import java.util.Map;

/** One CSV data record with its header, as the mapping sees it. */
record Row(Map<String, Integer> header, String[] values, long recordNumber) {
  /** The value of a column, or null when the record is shorter than the header. */
  String get(String column) {
    Integer i = header.get(column);
    if (i == null || i >= values.length) {
      return null;
    }
    return values[i];
  }
}
