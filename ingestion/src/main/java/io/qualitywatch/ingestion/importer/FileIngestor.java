package io.qualitywatch.ingestion.importer;

import io.qualitywatch.ingestion.contract.FastEventDecoder;
import io.qualitywatch.ingestion.kafka.DeadLetter;
import io.qualitywatch.ingestion.kafka.EventSink;
import io.qualitywatch.ingestion.kafka.UnresolvedRecord;
import io.qualitywatch.ingestion.resolve.EnterpriseRegistry;
import io.qualitywatch.ingestion.resolve.UnresolvedReason;
import io.qualitywatch.ingestion.validation.EventValidator;
import io.qualitywatch.ingestion.validation.RejectReason;
import io.qualitywatch.ingestion.validation.Rejection;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Loads CSV or JSON-lines files through a {@link Mapping}: every record is parsed, its subject
 * resolved, validated, de-duplicated by event id and sent to the {@link EventSink} — accepted
 * events to their topics, rejects to the dead-letter topic with reason and record number,
 * unresolved records to the unresolved topic. Nothing a file contains aborts a load: bad records
 * are accounted and dead-lettered. Files are streamed; memory is bounded by the batches in flight
 * plus the de-duplication set (12 bytes per event id).
 *
 * <p>Parsing, resolution, validation and encoding run on worker threads in batches; results are
 * applied in file order on the calling thread, so de-duplication (first occurrence wins) and the
 * order of events on each partition are the same as with one thread.
 *
 * <p>One instance is one load: event ids seen in an earlier file of the same instance count as
 * duplicates in a later one.
 */
public final class FileIngestor {
  /** JSON lines longer than this are rejected without being held in memory whole. */
  static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

  private final Mapping mapping;
  private final EnterpriseRegistry registry;
  private final EventValidator validator;
  private final EventSink sink;
  private final PrintStream progressOut;
  private final Clock clock;
  private final int workers;
  private final int batchSize;
  private final boolean dryRun;
  private final boolean canonicalJson;
  private final EventIdSet seen = new EventIdSet();

  private FileIngestor(Builder b) {
    this.mapping = b.mapping != null ? b.mapping : Mapping.envelopes();
    this.registry = b.registry != null ? b.registry : EnterpriseRegistry.empty();
    this.validator = b.validator != null ? b.validator : EventValidator.standard();
    this.dryRun = b.sink == null;
    this.sink = b.sink != null ? b.sink : EventSink.discarding();
    this.progressOut = b.progress;
    this.clock = b.clock != null ? b.clock : Clock.systemUTC();
    this.workers = b.workers;
    this.batchSize = b.batchSize;
    this.canonicalJson = b.canonicalJson;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Options of a load; everything has a default (a dry run of JSON-lines envelopes). */
  public static final class Builder {
    private Mapping mapping;
    private EnterpriseRegistry registry;
    private EventValidator validator;
    private EventSink sink;
    private PrintStream progress = System.err;
    private Clock clock;
    private int workers = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    private int batchSize = 256;
    private boolean canonicalJson;

    public Builder mapping(Mapping m) {
      this.mapping = m;
      return this;
    }

    public Builder registry(EnterpriseRegistry r) {
      this.registry = r;
      return this;
    }

    public Builder validator(EventValidator v) {
      this.validator = v;
      return this;
    }

    /** Where output goes; without a sink the load is a dry run (validate and count only). */
    public Builder sink(EventSink s) {
      this.sink = s;
      return this;
    }

    /** Progress lines for long files; null for none. Default stderr. */
    public Builder progress(PrintStream out) {
      this.progress = out;
      return this;
    }

    /** Time stamps of dead letters and unresolved records. */
    public Builder clock(Clock c) {
      this.clock = c;
      return this;
    }

    /** Threads for parsing and validation; 0 runs everything on the calling thread. */
    public Builder workers(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("workers must be >= 0");
      }
      this.workers = n;
      return this;
    }

    public Builder batchSize(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("batch size must be >= 1");
      }
      this.batchSize = n;
      return this;
    }

    /**
     * JSON lines: publish every event re-encoded by {@code EventCodec.encode} (canonical bytes)
     * instead of the validated line as read. Off by default: a line that decodes unambiguously
     * already is the event, and re-encoding costs about a third of the import's CPU. Events the
     * importer changes (resolved subject) and CSV rows are always encoded.
     */
    public Builder canonicalJson(boolean on) {
      this.canonicalJson = on;
      return this;
    }

    public FileIngestor build() {
      return new FileIngestor(this);
    }
  }

  /** Loads the files in order and returns the combined summary (already checked). */
  public IngestSummary ingestAll(List<Path> files) throws IOException {
    List<IngestSummary> parts = new ArrayList<>();
    for (Path f : files) {
      parts.add(ingest(f));
    }
    return IngestSummary.combine(parts).check();
  }

  /**
   * Loads one file. Throws {@link IOException} when the file cannot be read, {@link
   * MappingException} when its header lacks a column the mapping needs, and {@code
   * EventPublisher.PublishException} when Kafka refuses records; bad records never throw.
   */
  public IngestSummary ingest(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new java.nio.file.NoSuchFileException(file.toString(), null, "not a regular file");
    }
    long size = Files.size(file);
    String name = file.getFileName().toString();
    Counts counts = new Counts(name);
    long publishedBefore = sink.eventsPublished();
    long start = System.nanoTime();
    ExecutorService pool = workers > 0 ? newPool(workers) : null;
    try (InputStream raw = Files.newInputStream(file);
        CountingInputStream counting =
            new CountingInputStream(new BufferedInputStream(raw, 1 << 16))) {
      Progress progress = new Progress(progressOut, name, size, counting::count);
      Pipeline pipeline = new Pipeline(pool, counts, progress);
      RecordProcessor processor =
          new RecordProcessor(mapping, registry, validator, name, !canonicalJson);
      if (mapping.format() == Mapping.Format.JSONL) {
        readJsonLines(counting, processor, pipeline);
      } else {
        readCsv(counting, name, processor, pipeline, counts);
      }
      pipeline.drain();
      progress.done(counts.read);
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
    sink.flush();
    long published = sink.eventsPublished() - publishedBefore;
    return counts.summary(published, dryRun, Duration.ofNanos(System.nanoTime() - start)).check();
  }

  // ---------------------------------------------------------------- readers

  private void readJsonLines(InputStream in, RecordProcessor processor, Pipeline pipeline)
      throws IOException {
    LineReader lines = new LineReader(in, MAX_LINE_BYTES);
    List<long[]> numbers = new ArrayList<>(batchSize);
    List<byte[]> batch = new ArrayList<>(batchSize);
    byte[] line;
    while ((line = lines.next()) != null) {
      if (LineReader.isBlank(line)) {
        continue;
      }
      if (lines.lastTruncated()) {
        long n = lines.lineNumber();
        byte[] kept = line;
        pipeline.submitDone(
            List.of(
                new RecordProcessor.Outcome(
                    n,
                    List.of(
                        RecordProcessor.Candidate.reject(
                            new Rejection(
                                RejectReason.MALFORMED_JSON,
                                null,
                                "line is longer than " + MAX_LINE_BYTES + " bytes"),
                            null)),
                    kept)));
        continue;
      }
      numbers.add(new long[] {lines.lineNumber()});
      batch.add(line);
      if (batch.size() == batchSize) {
        submitJson(processor, pipeline, numbers, batch);
        numbers = new ArrayList<>(batchSize);
        batch = new ArrayList<>(batchSize);
      }
    }
    if (!batch.isEmpty()) {
      submitJson(processor, pipeline, numbers, batch);
    }
  }

  private static void submitJson(
      RecordProcessor processor, Pipeline pipeline, List<long[]> numbers, List<byte[]> batch) {
    pipeline.submit(
        () -> {
          List<RecordProcessor.Outcome> out = new ArrayList<>(batch.size());
          // One parser for the batch's clean lines; any other line is decoded on its own.
          FastEventDecoder.Decoded[] decoded = FastEventDecoder.decodeLines(batch);
          for (int i = 0; i < batch.size(); i++) {
            out.add(processor.json(numbers.get(i)[0], batch.get(i), decoded[i]));
          }
          return out;
        });
  }

  private void readCsv(
      InputStream in, String name, RecordProcessor processor, Pipeline pipeline, Counts counts)
      throws IOException {
    // Undecodable bytes become U+FFFD, and the record holding them is rejected as
    // INVALID_ENCODING: a strict decoder would throw from inside the CSV parser and end the file.
    Reader reader =
        new InputStreamReader(
            in,
            mapping
                .charset()
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
    CSVFormat.Builder fb =
        CSVFormat.RFC4180
            .builder()
            .setDelimiter(mapping.delimiter())
            .setIgnoreEmptyLines(true)
            .setRecordSeparator("\r\n");
    fb.setQuote(mapping.quote());
    CSVFormat format = fb.get();
    CSVParser parser = format.parse(reader);
    Iterator<CSVRecord> it = parser.iterator();
    Map<String, Integer> header;
    long recordNo = 0;
    if (mapping.hasHeader()) {
      CSVRecord h;
      try {
        if (!it.hasNext()) {
          throw new MappingException(name + " is empty: no header line");
        }
        h = it.next();
      } catch (UncheckedIOException | IllegalStateException e) {
        throw new MappingException(name + ": cannot read the header line: " + e.getMessage());
      }
      List<String> names = new ArrayList<>();
      for (int i = 0; i < h.size(); i++) {
        String n = h.get(i);
        if (i == 0 && n.startsWith("\uFEFF")) {
          n = n.substring(1);
        }
        names.add(Transform.Trim.trim(n));
      }
      mapping.checkHeader(names, name);
      header = index(names);
    } else {
      header = index(mapping.columns());
    }
    List<Row> batch = new ArrayList<>(batchSize);
    while (true) {
      CSVRecord rec;
      try {
        if (!it.hasNext()) {
          break;
        }
        rec = it.next();
      } catch (UncheckedIOException | IllegalStateException e) {
        // The parser cannot find the next record boundary (typically an unterminated quote):
        // the rest of the file is one broken record. Account it and stop.
        long n = recordNo + 1;
        flushCsv(processor, pipeline, batch);
        batch = new ArrayList<>();
        String msg = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
        pipeline.submitDone(
            List.of(
                new RecordProcessor.Outcome(
                    n,
                    List.of(
                        RecordProcessor.Candidate.reject(
                            new Rejection(RejectReason.MALFORMED_CSV, null, msg), null)),
                    new byte[0])));
        counts.notes.add(
            name + ": reading stopped at record " + n + " (" + msg + "); later records not read");
        break;
      }
      recordNo++;
      batch.add(new Row(header, rec.values(), recordNo));
      if (batch.size() == batchSize) {
        flushCsv(processor, pipeline, batch);
        batch = new ArrayList<>(batchSize);
      }
    }
    flushCsv(processor, pipeline, batch);
  }

  private void flushCsv(RecordProcessor processor, Pipeline pipeline, List<Row> batch) {
    if (batch.isEmpty()) {
      return;
    }
    CSVFormat rawFormat =
        CSVFormat.RFC4180
            .builder()
            .setDelimiter(mapping.delimiter())
            .setQuote(mapping.quote())
            .get();
    pipeline.submit(
        () -> {
          List<RecordProcessor.Outcome> out = new ArrayList<>(batch.size());
          for (Row r : batch) {
            out.add(processor.csv(r, row -> rawFormat.format((Object[]) row.values())));
          }
          return out;
        });
  }

  private static Map<String, Integer> index(List<String> names) {
    Map<String, Integer> m = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      m.putIfAbsent(names.get(i), i); // a repeated column name means its first occurrence
    }
    return m;
  }

  private static ExecutorService newPool(int n) {
    AtomicInteger id = new AtomicInteger();
    return Executors.newFixedThreadPool(
        n,
        r -> {
          Thread t = new Thread(r, "qw-ingest-worker-" + id.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  // ---------------------------------------------------------------- ordered apply

  /** Batches in flight on the workers, applied strictly in submission (file) order. */
  private final class Pipeline {
    private final ExecutorService pool;
    private final Deque<Future<List<RecordProcessor.Outcome>>> inFlight = new ArrayDeque<>();
    private final int maxInFlight;
    private final Counts counts;
    private final Progress progress;

    Pipeline(ExecutorService pool, Counts counts, Progress progress) {
      this.pool = pool;
      this.maxInFlight = Math.max(2, workers * 4);
      this.counts = counts;
      this.progress = progress;
    }

    void submit(java.util.concurrent.Callable<List<RecordProcessor.Outcome>> work) {
      if (pool == null) {
        try {
          apply(work.call());
        } catch (RuntimeException e) {
          throw e;
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        return;
      }
      inFlight.add(pool.submit(work));
      while (inFlight.size() > maxInFlight) {
        applyHead();
      }
    }

    /** Outcomes decided by the reader itself, applied after everything submitted before them. */
    void submitDone(List<RecordProcessor.Outcome> outcomes) {
      drain();
      apply(outcomes);
    }

    void drain() {
      while (!inFlight.isEmpty()) {
        applyHead();
      }
    }

    private void applyHead() {
      List<RecordProcessor.Outcome> outcomes;
      try {
        outcomes = inFlight.poll().get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while loading", e);
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        if (c instanceof RuntimeException re) {
          throw re;
        }
        throw new IllegalStateException(c);
      }
      apply(outcomes);
    }

    private void apply(List<RecordProcessor.Outcome> outcomes) {
      for (RecordProcessor.Outcome o : outcomes) {
        applyOne(o);
        progress.tick(counts.read);
      }
    }

    private void applyOne(RecordProcessor.Outcome o) {
      counts.read++;
      boolean accepted = false;
      boolean duplicate = false;
      RejectReason firstRejected = null;
      UnresolvedReason firstUnresolved = null;
      for (RecordProcessor.Candidate c : o.candidates()) {
        String id = c.event() != null ? c.event().eventId() : null;
        // First occurrence wins, whatever became of it: the same event seen again is a duplicate.
        if (id != null && !seen.add(id)) {
          counts.eventsDuplicate++;
          duplicate = true;
          continue;
        }
        switch (c.kind()) {
          case ACCEPT -> {
            sink.publish(c.event(), c.encoded());
            counts.eventsAccepted++;
            accepted = true;
          }
          case REJECT -> {
            Rejection r = c.rejection();
            sink.deadLetter(
                DeadLetter.of(
                    r,
                    counts.file,
                    o.recordNumber(),
                    o.raw() == null ? new byte[0] : o.raw(),
                    clock.instant()));
            counts.eventsRejected.merge(r.reason(), 1L, Long::sum);
            if (firstRejected == null) {
              firstRejected = r.reason();
            }
          }
          case UNRESOLVED -> {
            UnresolvedReason reason = c.resolution().reason();
            sink.unresolved(
                new UnresolvedRecord(
                    reason,
                    c.resolution().detail(),
                    c.name(),
                    c.resolution().normalizedName(),
                    c.regionHint(),
                    c.resolution().candidates(),
                    counts.file,
                    o.recordNumber(),
                    c.event(),
                    clock.instant()));
            counts.eventsUnresolved.merge(reason, 1L, Long::sum);
            if (firstUnresolved == null) {
              firstUnresolved = reason;
            }
          }
        }
      }
      if (accepted) {
        counts.accepted++;
      } else if (duplicate) {
        counts.duplicate++;
      } else if (firstRejected != null) {
        counts.rejected.merge(firstRejected, 1L, Long::sum);
      } else if (firstUnresolved != null) {
        counts.unresolved.merge(firstUnresolved, 1L, Long::sum);
      } else {
        throw new IllegalStateException("record " + o.recordNumber() + " produced no outcome");
      }
    }
  }

  /** Mutable tallies of one file. */
  private static final class Counts {
    final String file;
    long read;
    long accepted;
    long duplicate;
    final Map<UnresolvedReason, Long> unresolved = new EnumMap<>(UnresolvedReason.class);
    final Map<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);
    long eventsAccepted;
    long eventsDuplicate;
    final Map<UnresolvedReason, Long> eventsUnresolved = new EnumMap<>(UnresolvedReason.class);
    final Map<RejectReason, Long> eventsRejected = new EnumMap<>(RejectReason.class);
    final List<String> notes = new ArrayList<>();

    Counts(String file) {
      this.file = file;
    }

    IngestSummary summary(long published, boolean dryRun, Duration elapsed) {
      return new IngestSummary(
          List.of(file),
          read,
          accepted,
          duplicate,
          unresolved,
          rejected,
          eventsAccepted,
          eventsDuplicate,
          eventsUnresolved,
          eventsRejected,
          published,
          dryRun,
          elapsed,
          notes);
    }
  }
}
