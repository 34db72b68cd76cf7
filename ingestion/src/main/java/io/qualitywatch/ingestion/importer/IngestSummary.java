package io.qualitywatch.ingestion.importer;

import io.qualitywatch.ingestion.resolve.UnresolvedReason;
import io.qualitywatch.ingestion.validation.RejectReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one load did. Records are accounted once each: {@code read = accepted + duplicate +
 * unresolved + rejected}. A record that yields several events (a sampling row naming producer and
 * seller) is accounted by its best outcome — accepted if any of its events was accepted, else
 * duplicate, else rejected, else unresolved — and the {@code events*} counts give the per-event
 * picture.
 *
 * @param read data records read (CSV records, non-blank JSON lines)
 * @param eventsPublished events acknowledged by Kafka on the event topics (0 for a dry run)
 * @param notes problems that ended a file early (an unterminated CSV quote), else empty
 */
public record IngestSummary(
    List<String> files,
    long read,
    long accepted,
    long duplicate,
    Map<UnresolvedReason, Long> unresolved,
    Map<RejectReason, Long> rejected,
    long eventsAccepted,
    long eventsDuplicate,
    Map<UnresolvedReason, Long> eventsUnresolved,
    Map<RejectReason, Long> eventsRejected,
    long eventsPublished,
    boolean dryRun,
    Duration elapsed,
    List<String> notes) {

  public IngestSummary {
    files = List.copyOf(files);
    unresolved =
        Collections.unmodifiableMap(new EnumMap<>(copy(unresolved, UnresolvedReason.class)));
    rejected = Collections.unmodifiableMap(new EnumMap<>(copy(rejected, RejectReason.class)));
    eventsUnresolved =
        Collections.unmodifiableMap(new EnumMap<>(copy(eventsUnresolved, UnresolvedReason.class)));
    eventsRejected =
        Collections.unmodifiableMap(new EnumMap<>(copy(eventsRejected, RejectReason.class)));
    notes = List.copyOf(notes);
  }

  private static <K extends Enum<K>> Map<K, Long> copy(Map<K, Long> m, Class<K> type) {
    Map<K, Long> out = new EnumMap<>(type);
    if (m != null) {
      out.putAll(m);
    }
    return out;
  }

  public long unresolvedTotal() {
    return unresolved.values().stream().mapToLong(Long::longValue).sum();
  }

  public long rejectedTotal() {
    return rejected.values().stream().mapToLong(Long::longValue).sum();
  }

  public long eventsUnresolvedTotal() {
    return eventsUnresolved.values().stream().mapToLong(Long::longValue).sum();
  }

  public long eventsRejectedTotal() {
    return eventsRejected.values().stream().mapToLong(Long::longValue).sum();
  }

  public long unresolved(UnresolvedReason r) {
    return unresolved.getOrDefault(r, 0L);
  }

  public long rejected(RejectReason r) {
    return rejected.getOrDefault(r, 0L);
  }

  /** True when every record read is accounted exactly once. */
  public boolean balanced() {
    return read == accepted + duplicate + unresolvedTotal() + rejectedTotal();
  }

  /** Throws when the accounting does not add up: a record was lost or counted twice. */
  public IngestSummary check() {
    if (!balanced()) {
      throw new IllegalStateException("ingest accounting does not add up: " + oneLine());
    }
    return this;
  }

  public double recordsPerSecond() {
    double s = elapsed.toNanos() / 1e9;
    return s <= 0 ? 0 : read / s;
  }

  /** Combines per-file summaries of one load. */
  public static IngestSummary combine(List<IngestSummary> parts) {
    List<String> files = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Map<UnresolvedReason, Long> u = new EnumMap<>(UnresolvedReason.class);
    Map<RejectReason, Long> r = new EnumMap<>(RejectReason.class);
    Map<UnresolvedReason, Long> eu = new EnumMap<>(UnresolvedReason.class);
    Map<RejectReason, Long> er = new EnumMap<>(RejectReason.class);
    long read = 0, acc = 0, dup = 0, eAcc = 0, eDup = 0, pub = 0;
    Duration elapsed = Duration.ZERO;
    boolean dry = false;
    for (IngestSummary s : parts) {
      files.addAll(s.files());
      notes.addAll(s.notes());
      read += s.read();
      acc += s.accepted();
      dup += s.duplicate();
      eAcc += s.eventsAccepted();
      eDup += s.eventsDuplicate();
      pub += s.eventsPublished();
      s.unresolved().forEach((k, v) -> u.merge(k, v, Long::sum));
      s.rejected().forEach((k, v) -> r.merge(k, v, Long::sum));
      s.eventsUnresolved().forEach((k, v) -> eu.merge(k, v, Long::sum));
      s.eventsRejected().forEach((k, v) -> er.merge(k, v, Long::sum));
      elapsed = elapsed.plus(s.elapsed());
      dry |= s.dryRun();
    }
    return new IngestSummary(
        files, read, acc, dup, u, r, eAcc, eDup, eu, er, pub, dry, elapsed, notes);
  }

  public String oneLine() {
    return String.format(
        Locale.ROOT,
        "read=%d accepted=%d duplicate=%d unresolved=%d rejected=%d",
        read,
        accepted,
        duplicate,
        unresolvedTotal(),
        rejectedTotal());
  }

  /** The human-readable report the CLI prints. */
  public String format() {
    StringBuilder b = new StringBuilder();
    b.append(dryRun ? "ingest summary (dry run, nothing sent)" : "ingest summary").append('\n');
    b.append("  files        ").append(String.join(", ", files)).append('\n');
    line(b, "records read", read);
    line(b, "  accepted", accepted);
    line(b, "  duplicate", duplicate);
    line(b, "  unresolved", unresolvedTotal());
    unresolved.forEach((k, v) -> line(b, "    " + k, v));
    line(b, "  rejected", rejectedTotal());
    rejected.forEach((k, v) -> line(b, "    " + k, v));
    b.append(
        String.format(
            Locale.ROOT,
            "  check        read = accepted + duplicate + unresolved + rejected: %d = %d + %d + %d"
                + " + %d %s%n",
            read,
            accepted,
            duplicate,
            unresolvedTotal(),
            rejectedTotal(),
            balanced() ? "OK" : "MISMATCH"));
    line(b, "events accepted", eventsAccepted);
    line(b, "events duplicate", eventsDuplicate);
    line(b, "events unresolved", eventsUnresolvedTotal());
    eventsUnresolved.forEach((k, v) -> line(b, "    " + k, v));
    line(b, "events rejected", eventsRejectedTotal());
    eventsRejected.forEach((k, v) -> line(b, "    " + k, v));
    line(b, dryRun ? "events published (dry run)" : "events published", eventsPublished);
    b.append(
        String.format(
            Locale.ROOT,
            "  elapsed      %.1f s (%,.0f records/s)%n",
            elapsed.toNanos() / 1e9,
            recordsPerSecond()));
    for (String n : notes) {
      b.append("  note         ").append(n).append('\n');
    }
    return b.toString();
  }

  private static void line(StringBuilder b, String label, long n) {
    b.append(String.format(Locale.ROOT, "  %-26s %,12d%n", label, n));
  }
}
