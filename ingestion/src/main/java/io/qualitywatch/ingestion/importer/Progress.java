package io.qualitywatch.ingestion.importer;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress on stderr for long loads: nothing for the first two seconds (short files stay quiet),
 * then one line every two seconds with the rate and an ETA from bytes read against the file size.
 */
final class Progress {
  private static final long INTERVAL_NANOS = 2_000_000_000L;

  private final PrintStream out;
  private final String file;
  private final long totalBytes;
  private final LongSupplier bytesRead;
  private final long start = System.nanoTime();
  private long next = start + INTERVAL_NANOS;
  private boolean printed;

  Progress(PrintStream out, String file, long totalBytes, LongSupplier bytesRead) {
    this.out = out;
    this.file = file;
    this.totalBytes = totalBytes;
    this.bytesRead = bytesRead;
  }

  /** Called after each record; checks the clock only every 1024 records. */
  void tick(long records) {
    if (out == null || (records & 1023) != 0) {
      return;
    }
    long now = System.nanoTime();
    if (now < next) {
      return;
    }
    next = now + INTERVAL_NANOS;
    double secs = (now - start) / 1e9;
    long bytes = bytesRead.getAsLong();
    double fraction = totalBytes > 0 ? Math.min(1.0, (double) bytes / totalBytes) : 0;
    String eta = fraction > 0 ? formatSeconds(secs / fraction - secs) : "?";
    out.printf(
        Locale.ROOT,
        "ingest %s: %,d records, %,.0f records/s, %.1f%% of %,d bytes, ETA %s%n",
        file,
        records,
        records / secs,
        fraction * 100,
        totalBytes,
        eta);
    printed = true;
  }

  void done(long records) {
    if (out != null && printed) {
      double secs = (System.nanoTime() - start) / 1e9;
      out.printf(
          Locale.ROOT,
          "ingest %s: %,d records in %.1f s (%,.0f records/s)%n",
          file,
          records,
          secs,
          records / secs);
    }
  }

  private static String formatSeconds(double s) {
    long t = Math.round(s);
    return t >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60)
        : String.format(Locale.ROOT, "%d:%02d", t / 60, t % 60);
  }
}
