package io.qualitywatch.ingestion.generator;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.qualitywatch.ingestion.contract.EventCodec;
import io.qualitywatch.ingestion.contract.EventEnvelope;
import io.qualitywatch.ingestion.contract.EventType;
import io.qualitywatch.ingestion.reference.Enterprise;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Seeded generator of a realistic supervision year: registers, a time-ordered event stream and the
 * ground truth of injected incidents. Same {@link GeneratorConfig} → same data, byte for byte.
 *
 * <pre>{@code
 * DataGenerator g = new DataGenerator(GeneratorConfig.defaults().withSeed(7));
 * g.reference().enterprises();          // the register
 * try (Stream<EventEnvelope> s = g.events()) { s.forEach(publisher::send); }
 * g.incidents();                        // ground truth with the ids of the events they caused
 * g.writeTo(Path.of("out"));            // enterprises/institutions/inspectors/events .jsonl, truth, manifest
 * }</pre>
 *
 * <p>Not thread-safe. Each {@link #events()} call is a fresh, lazy pass (memory: one day of events
 * plus scheduled follow-ups), so the stream can be consumed more than once.
 */
public final class DataGenerator {
  /** Progress callback of {@link #writeTo(Path, Progress)}: once per simulated day. */
  @FunctionalInterface
  public interface Progress {
    void dayDone(LocalDate day, long eventsSoFar);
  }

  public static final String GENERATOR_VERSION = "qualitywatch-generator/1";

  private final GeneratorConfig config;
  private final World world;
  private final ReferenceData reference;
  private List<Incident> incidents;

  public DataGenerator(GeneratorConfig config) {
    this.config = config;
    this.world = new World(config);
    this.reference =
        new ReferenceData(
            Collections.unmodifiableList(java.util.Arrays.asList(world.enterprises)),
            Collections.unmodifiableList(java.util.Arrays.asList(world.institutions)),
            Collections.unmodifiableList(java.util.Arrays.asList(world.inspectors)));
  }

  public GeneratorConfig config() {
    return config;
  }

  public ReferenceData reference() {
    return reference;
  }

  /** The events of the period in time order, generated lazily. */
  public Stream<EventEnvelope> events() {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(
            iterator(), Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE),
        false);
  }

  /** Same as {@link #events()}; the ground truth is recorded once the iterator is exhausted. */
  public Iterator<EventEnvelope> iterator() {
    return newRun();
  }

  /**
   * The incidents as planned, without event ids: available immediately (e.g. to show what a demo
   * will contain before generating it).
   */
  public List<Incident> plannedIncidents() {
    List<Incident> out = new ArrayList<>();
    for (IncidentPlan p : world.plans) {
      out.add(p.incident());
    }
    return List.copyOf(out);
  }

  /**
   * The ground truth with the ids of the events each incident caused. If no event pass has been
   * consumed to the end yet, one is run here (and its events discarded).
   */
  public List<Incident> incidents() {
    if (incidents == null) {
      EventRun run = newRun();
      while (run.hasNext()) {
        run.next();
      }
    }
    return incidents;
  }

  private EventRun newRun() {
    EventRun run = new EventRun(world);
    return run.onFinish(() -> incidents = withIds(run.caused()));
  }

  private List<Incident> withIds(Map<String, List<String>> caused) {
    List<Incident> out = new ArrayList<>();
    for (IncidentPlan p : world.plans) {
      out.add(p.incident().withEventIds(caused.getOrDefault(p.id(), List.of())));
    }
    return List.copyOf(out);
  }

  public GeneratedFiles writeTo(Path dir) throws IOException {
    return writeTo(dir, null);
  }

  /**
   * Writes {@code enterprises.jsonl}, {@code institutions.jsonl}, {@code inspectors.jsonl}, {@code
   * events.jsonl} (one {@link EventCodec} envelope per line, time-ordered), {@code truth.json} and
   * {@code manifest.json} (config, counts, SHA-256 of every file) into {@code dir}.
   */
  public GeneratedFiles writeTo(Path dir, Progress progress) throws IOException {
    long t0 = System.nanoTime();
    Files.createDirectories(dir);
    ObjectMapper mapper = EventCodec.mapper();
    Map<String, String> sha = new LinkedHashMap<>();
    Path ent = dir.resolve("enterprises.jsonl");
    Path inst = dir.resolve("institutions.jsonl");
    Path insp = dir.resolve("inspectors.jsonl");
    Path ev = dir.resolve("events.jsonl");
    Path truth = dir.resolve("truth.json");
    Path manifest = dir.resolve("manifest.json");
    sha.put(ent.getFileName().toString(), writeLines(ent, reference.enterprises()));
    sha.put(inst.getFileName().toString(), writeLines(inst, reference.institutions()));
    sha.put(insp.getFileName().toString(), writeLines(insp, reference.inspectors()));

    EventRun run = newRun();
    if (progress != null) {
      run.onDay(progress::dayDone);
    }
    MessageDigest md = sha256();
    try (OutputStream out =
            new BufferedOutputStream(
                new DigestOutputStream(Files.newOutputStream(ev), md), 1 << 20);
        JsonLines lines = new JsonLines(mapper, out)) {
      while (run.hasNext()) {
        lines.write(run.next());
      }
    }
    sha.put(ev.getFileName().toString(), HexFormat.of().formatHex(md.digest()));

    Map<String, Object> truthDoc = new LinkedHashMap<>();
    truthDoc.put("generator", GENERATOR_VERSION);
    truthDoc.put("seed", config.seed());
    truthDoc.put("period_start", world.instant(0, 0));
    truthDoc.put("period_end", world.instant(config.days(), 0));
    truthDoc.put("incidents", incidents);
    byte[] truthBytes = mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(truthDoc);
    Files.write(truth, truthBytes);
    sha.put(truth.getFileName().toString(), HexFormat.of().formatHex(sha256().digest(truthBytes)));

    Map<EventType, Long> counts = new EnumMap<>(EventType.class);
    long[] tc = run.typeCounts();
    for (EventType t : EventType.values()) {
      counts.put(t, tc[t.ordinal()]);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("generator", GENERATOR_VERSION);
    m.put("seed", config.seed());
    m.put("config", config);
    m.put("period", linked("start", config.start().toString(), "end", config.end().toString()));
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("enterprises", reference.enterprises().size());
    ref.put("institutions", reference.institutions().size());
    ref.put("inspectors", reference.inspectors().size());
    Map<String, Long> sizes = new LinkedHashMap<>();
    for (Enterprise e : reference.enterprises()) {
      sizes.merge(e.sizeClass().name(), 1L, Long::sum);
    }
    ref.put("size_classes", sizes);
    m.put("reference", ref);
    Map<String, Object> evs = new LinkedHashMap<>();
    evs.put("lines", run.emitted());
    evs.put("unique", run.emitted() - run.redeliveries());
    evs.put("redelivered_duplicates", run.redeliveries());
    Map<String, Long> byType = new LinkedHashMap<>();
    counts.forEach((k, v) -> byType.put(k.wireName(), v));
    evs.put("by_type", byType);
    m.put("events", evs);
    m.put("sampling_batches", batchSummary(run.batchStats()));
    Map<String, Long> byKind = new LinkedHashMap<>();
    for (Incident i : incidents) {
      byKind.merge(i.kind().name(), 1L, Long::sum);
    }
    m.put("incidents", linked("count", incidents.size(), "by_kind", byKind));
    m.put("sha256", sha);
    Files.write(manifest, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(m));

    return new GeneratedFiles(
        dir,
        ent,
        inst,
        insp,
        ev,
        truth,
        manifest,
        run.emitted(),
        run.emitted() - run.redeliveries(),
        Collections.unmodifiableMap(counts),
        incidents.size(),
        Duration.ofNanos(System.nanoTime() - t0));
  }

  /** Batches and failure rates per programme group and size class: the calibration check. */
  private static Map<String, Object> batchSummary(long[][][] stats) {
    Map<String, Object> out = new LinkedHashMap<>();
    String[] groups = {"supervision", "food"};
    for (int g = 0; g < 2; g++) {
      Map<String, Object> bySize = new LinkedHashMap<>();
      long tb = 0;
      long tf = 0;
      for (int s = 0; s < 4; s++) {
        long b = stats[g][s][0];
        long f = stats[g][s][1];
        tb += b;
        tf += f;
        bySize.put(
            World.SIZE_CLASSES[s].name(),
            linked("batches", b, "failed", f, "fail_rate", rate(f, b)));
      }
      Map<String, Object> grp = new LinkedHashMap<>();
      grp.put("batches", tb);
      grp.put("failed", tf);
      grp.put("fail_rate", rate(tf, tb));
      grp.put("by_size_class", bySize);
      out.put(groups[g], grp);
    }
    return out;
  }

  /** Insertion-ordered: {@code Map.of} iterates in a per-JVM random order, files must not. */
  private static Map<String, Object> linked(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static double rate(long f, long b) {
    return b == 0 ? 0 : Math.round(f * 10_000.0 / b) / 10_000.0;
  }

  private static String writeLines(Path file, List<?> rows) throws IOException {
    MessageDigest md = sha256();
    try (OutputStream out =
            new BufferedOutputStream(
                new DigestOutputStream(Files.newOutputStream(file), md), 1 << 20);
        JsonLines lines = new JsonLines(EventCodec.mapper(), out)) {
      for (Object row : rows) {
        lines.write(row);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /**
   * JSON Lines through one generator: the same bytes as {@link EventCodec#encode} per record, but
   * without a generator, buffer and byte array per record (a third of the write time otherwise).
   */
  private static final class JsonLines implements AutoCloseable {
    private final ObjectWriter writer;
    private final JsonGenerator gen;

    JsonLines(ObjectMapper mapper, OutputStream out) throws IOException {
      this.writer = mapper.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
      this.gen = mapper.getFactory().createGenerator(out);
      // Records are separated by our newline only, not by the default root separator (a space).
      gen.setRootValueSeparator(null);
      gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    void write(Object value) throws IOException {
      writer.writeValue(gen, value);
      gen.writeRaw('\n');
    }

    @Override
    public void close() throws IOException {
      gen.close();
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
