package io.qualitywatch.ingestion.importer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qualitywatch.ingestion.codes.CodeTables;
import io.qualitywatch.ingestion.codes.CreditCode;
import io.qualitywatch.ingestion.codes.ProductCategory;
import io.qualitywatch.ingestion.codes.Region;
import io.qualitywatch.ingestion.contract.Complaint;
import io.qualitywatch.ingestion.contract.EventCodec;
import io.qualitywatch.ingestion.contract.EventEnvelope;
import io.qualitywatch.ingestion.contract.EventPayload;
import io.qualitywatch.ingestion.contract.EventType;
import io.qualitywatch.ingestion.contract.HazardClass;
import io.qualitywatch.ingestion.contract.SamplingResult;
import io.qualitywatch.ingestion.contract.SourceRef;
import io.qualitywatch.ingestion.kafka.EventPublisher;
import io.qualitywatch.ingestion.kafka.KafkaSettings;
import io.qualitywatch.ingestion.kafka.TopicAdmin;
import io.qualitywatch.ingestion.kafka.Topics;
import io.qualitywatch.stack.LocalStack;
import io.qualitywatch.stack.StackConfig;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * Ingestion throughput against the local stack: the full {@link FileIngestor} (read, parse,
 * validate, de-duplicate, encode, publish) versus a plain kafka-clients producer sending the same
 * records' bytes with the same producer settings, each to fresh topics. Writes {@code
 * docs/benchmarks/ingestion.json}.
 *
 * <pre>
 * mvn -q -f ingestion/pom.xml test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.qualitywatch.ingestion.importer.IngestionBenchmark \
 *   -Dexec.args="--records 200000"      # add --bootstrap HOST:PORT to use a running broker
 * </pre>
 */
public final class IngestionBenchmark {
  private IngestionBenchmark() {}

  public static void main(String[] args) throws Exception {
    int records = 1_000_000;
    int rounds = 5;
    String bootstrap = null;
    Path out = null;
    Integer workers = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--records" -> records = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--bootstrap" -> bootstrap = args[++i];
        case "--out" -> out = Path.of(args[++i]);
        case "--workers" -> workers = Integer.parseInt(args[++i]);
        default -> {
          System.err.println(
              "usage: IngestionBenchmark [--records N] [--rounds R] [--bootstrap HOST:PORT]"
                  + " [--out FILE] [--workers N]");
          System.exit(2);
        }
      }
    }
    if (out == null) {
      out = repoRoot().resolve("docs/benchmarks/ingestion.json");
    }
    LocalStack stack = null;
    if (bootstrap == null) {
      stack = LocalStack.startOrReuse(StackConfig.defaults());
      bootstrap = stack.kafkaBootstrap();
    }
    try {
      long brokerPid = stack != null ? stack.info().kafkaPid() : -1;
      run(records, rounds, bootstrap, out, workers, brokerPid);
    } finally {
      if (stack != null && stack.startedHere()) {
        stack.close();
      }
    }
  }

  private static void run(
      int n, int rounds, String bootstrap, Path out, Integer workers, long brokerPid)
      throws Exception {
    boolean localStack = brokerPid > 0;
    CpuMeter cpu = new CpuMeter(brokerPid);
    Path dir = Files.createTempDirectory("qw-ingest-bench");
    Path file = dir.resolve("events.jsonl");
    List<EventEnvelope> events = generate(n, 20260101L);
    try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      for (EventEnvelope e : events) {
        o.write(EventCodec.encode(e));
        o.write('\n');
      }
    }
    // Prepared once; then the event objects go, so that neither path works next to a heap full of
    // them (their garbage collections were up to 0.8 s long, inside rounds of 1–3 s).
    Prepared prepared = Prepared.of(events);
    List<EventEnvelope> warm = new ArrayList<>(events.subList(0, Math.min(n, 30_000)));
    Prepared warmPrepared = Prepared.of(warm);
    Path warmFile = dir.resolve("warm.jsonl");
    try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(warmFile))) {
      for (EventEnvelope e : warm) {
        o.write(EventCodec.encode(e));
        o.write('\n');
      }
    }
    events = null;
    warm = null;
    long bytes = Files.size(file);
    System.err.printf(
        Locale.ROOT,
        "generated %,d events, %,d bytes (%d bytes/event) in %s%n",
        n,
        bytes,
        bytes / n,
        file);

    KafkaSettings base = KafkaSettings.local(bootstrap);
    String run = "bench" + Long.toString(System.currentTimeMillis(), 36);
    List<String> prefixes = new ArrayList<>();
    double bestIngest = 0;
    double bestPlain = 0;
    List<long[]> perRound = new ArrayList<>();
    // client, broker and wall ns, then the client's main, worker and Kafka I/O threads, over rounds
    long[] plainCpu = new long[6];
    long[] ingestCpu = new long[6];
    String loadBefore = loadAverage();
    try {
      // Warm-up of both paths (JIT, connections, topic metadata) on throw-away topics.
      ingest(base.withPrefix(run + "w1"), warmFile, workers, prefixes, cpu, new long[6]);
      plain(base.withPrefix(run + "w2"), warmPrepared, prefixes, cpu, new long[6]);
      System.gc(); // start the rounds from a collected heap

      for (int r = 0; r < rounds; r++) {
        // Alternating order (plain first, then importer first, …): whatever drifts during a run
        // (JIT, the broker's page cache) does not favour the path that always runs second.
        double p;
        double i;
        if (r % 2 == 0) {
          p = plain(base.withPrefix(run + "p" + r), prepared, prefixes, cpu, plainCpu);
          i = ingest(base.withPrefix(run + "i" + r), file, workers, prefixes, cpu, ingestCpu);
        } else {
          i = ingest(base.withPrefix(run + "i" + r), file, workers, prefixes, cpu, ingestCpu);
          p = plain(base.withPrefix(run + "p" + r), prepared, prefixes, cpu, plainCpu);
        }
        System.err.printf(
            Locale.ROOT,
            "round %d: ingest %,.0f records/s, plain producer %,.0f records/s%n",
            r + 1,
            i,
            p);
        bestIngest = Math.max(bestIngest, i);
        bestPlain = Math.max(bestPlain, p);
        perRound.add(new long[] {Math.round(i), Math.round(p)});
      }
    } finally {
      try (Admin admin = Admin.create(base.clientProps())) {
        List<String> topics = new ArrayList<>();
        for (String prefix : prefixes) {
          topics.addAll(new Topics(prefix).all());
        }
        admin.deleteTopics(topics).all().get(60, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("could not delete benchmark topics: " + e.getMessage());
      }
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir.resolve("warm.jsonl"));
      Files.deleteIfExists(dir);
    }

    ObjectNode j = EventCodec.mapper().createObjectNode();
    j.put("records", n);
    j.put("ingest_records_per_s", Math.round(bestIngest));
    j.put("plain_producer_records_per_s", Math.round(bestPlain));
    j.put("ratio", Math.round(bestIngest / bestPlain * 1000) / 1000.0);
    // Paired rounds: each round runs both paths back to back, so its ratio shares the machine's
    // momentary state; the median of those is the figure least moved by one lucky round.
    double[] pairRatios =
        perRound.stream().mapToDouble(r -> (double) r[0] / r[1]).sorted().toArray();
    double median =
        pairRatios.length % 2 == 1
            ? pairRatios[pairRatios.length / 2]
            : (pairRatios[pairRatios.length / 2 - 1] + pairRatios[pairRatios.length / 2]) / 2;
    j.put("ratio_median_of_rounds", Math.round(median * 1000) / 1000.0);
    double plainCpuPerRecord = (plainCpu[0] + plainCpu[1]) / (double) ((long) n * rounds);
    double ingestCpuPerRecord = (ingestCpu[0] + ingestCpu[1]) / (double) ((long) n * rounds);
    j.put("cpu_ratio", Math.round(plainCpuPerRecord / ingestCpuPerRecord * 1000) / 1000.0);
    // With a core for each client thread (and the broker elsewhere) each path is bound by its
    // busiest thread: the importer's parsing runs on a worker, beside the thread that sends.
    j.put(
        "ratio_busiest_thread",
        Math.round(CpuMeter.busiestThread(plainCpu) / CpuMeter.busiestThread(ingestCpu) * 1000)
            / 1000.0);
    j.put("rounds", rounds);
    var roundsNode = j.putArray("per_round");
    for (long[] r : perRound) {
      roundsNode
          .addObject()
          .put("ingest_records_per_s", r[0])
          .put("plain_producer_records_per_s", r[1]);
    }
    j.put(
        "measure",
        "best of "
            + rounds
            + " rounds (order alternating) after a 30k-record warm-up of each path; records/s from"
            + " first read (first send) to last broker acknowledgement");
    // Both paths CPU-bound on two cores means the importer's extra CPU comes off its throughput.
    ObjectNode cpuNode = j.putObject("cpu_us_per_record");
    cpuNode.set("ingest", cpu.perRecord(ingestCpu, (long) n * rounds));
    cpuNode.set("plain_producer", cpu.perRecord(plainCpu, (long) n * rounds));
    cpuNode.put(
        "measure",
        "process CPU (user+system) summed over all rounds, divided by records sent; client = this"
            + " JVM, broker = the local Kafka broker process; cores_busy = (client+broker)/wall;"
            + " threads = the client's main (reads, applies, sends), worker (parses, validates) and"
            + " Kafka I/O threads");
    j.put("bytes_per_record", bytes / n);
    j.put("file_bytes", bytes);
    j.put(
        "ingest_workers",
        workers != null ? workers : Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
    j.put("event_mix", "75% sampling-result, 25% complaint; seeded");
    ObjectNode producer = j.putObject("producer");
    Properties props = EventPublisher.producerProperties(base);
    for (String k :
        List.of(
            "acks",
            "enable.idempotence",
            "compression.type",
            "linger.ms",
            "batch.size",
            "buffer.memory",
            "max.in.flight.requests.per.connection")) {
      producer.put(k, String.valueOf(props.get(k)));
    }
    producer.put("partitions_per_topic", base.partitions());
    ObjectNode m = j.putObject("machine");
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("cpu", cpuModel());
    m.put("memory_total", memTotal());
    m.put(
        "os",
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"));
    m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    m.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
    m.put(
        "jvm_flags",
        String.join(
            " ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()));
    m.put("kafka_clients", AppInfoParser.getVersion());
    // The machine is shared: a load far above the core count means both figures are depressed.
    m.put("load_average_before", loadBefore);
    m.put("load_average_after", loadAverage());
    m.put(
        "broker",
        localStack
            ? "local stack: Kafka 4.2 KRaft, one node, child JVM on the same machine"
            : "given by --bootstrap " + bootstrap);
    j.put("measured_at", Instant.now().toString());
    Files.createDirectories(out.getParent());
    String text = EventCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(j);
    Files.writeString(out, text + "\n", StandardCharsets.UTF_8);
    System.out.println(text);
    System.err.println("written to " + out);
  }

  private static double ingest(
      KafkaSettings s,
      Path file,
      Integer workers,
      List<String> prefixes,
      CpuMeter cpu,
      long[] cpuSums)
      throws IOException {
    prefixes.add(s.topicPrefix());
    TopicAdmin.ensureTopics(s);
    FileIngestor.Builder b = FileIngestor.builder().progress(null);
    if (workers != null) {
      b.workers(workers);
    }
    long t0;
    IngestSummary summary;
    try (EventPublisher pub = new EventPublisher(s)) {
      cpu.start();
      t0 = System.nanoTime();
      summary = b.sink(pub).build().ingest(file); // ends with flush: everything acknowledged
      cpu.stop(cpuSums);
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    if (summary.accepted() != summary.read() || summary.eventsPublished() != summary.read()) {
      throw new IllegalStateException(
          "benchmark events must all be accepted: " + summary.oneLine());
    }
    return summary.read() / secs;
  }

  /** The plain producer's records, prepared once: this measures Kafka alone. */
  private record Prepared(
      EventType[] type, String[] key, byte[][] value, byte[][] schema, byte[][] id, long[] time) {
    static Prepared of(List<EventEnvelope> events) {
      int n = events.size();
      Prepared p =
          new Prepared(
              new EventType[n],
              new String[n],
              new byte[n][],
              new byte[n][],
              new byte[n][],
              new long[n]);
      for (int i = 0; i < n; i++) {
        EventEnvelope e = events.get(i);
        p.type[i] = e.type();
        p.key[i] = e.partitionKey();
        p.value[i] = EventCodec.encode(e);
        p.schema[i] = e.schema().getBytes(StandardCharsets.UTF_8);
        p.id[i] = e.eventId().getBytes(StandardCharsets.UTF_8);
        p.time[i] = e.eventTime().toEpochMilli(); // the importer's records carry event time too
      }
      return p;
    }
  }

  private static double plain(
      KafkaSettings s, Prepared records, List<String> prefixes, CpuMeter cpu, long[] cpuSums) {
    prefixes.add(s.topicPrefix());
    TopicAdmin.ensureTopics(s);
    Map<EventType, String> topicOf = new EnumMap<>(EventType.class);
    for (EventType t : EventType.values()) {
      topicOf.put(t, s.topics().events(t));
    }
    int n = records.key().length;
    String[] topic = new String[n];
    for (int i = 0; i < n; i++) {
      topic[i] = topicOf.get(records.type()[i]);
    }
    String[] key = records.key();
    byte[][] value = records.value();
    byte[][] schema = records.schema();
    byte[][] id = records.id();
    long[] time = records.time();
    AtomicReference<Exception> failure = new AtomicReference<>();
    double rate;
    try (KafkaProducer<String, byte[]> p =
        new KafkaProducer<>(EventPublisher.producerProperties(s))) {
      // Like the importer's clock: from the first send of a constructed producer.
      cpu.start();
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        RecordHeaders h = new RecordHeaders();
        h.add(EventPublisher.HEADER_SCHEMA, schema[i]);
        h.add(EventPublisher.HEADER_EVENT_ID, id[i]);
        p.send(
            new ProducerRecord<>(topic[i], null, time[i], key[i], value[i], h),
            (md, ex) -> {
              if (ex != null) {
                failure.compareAndSet(null, ex);
              }
            });
      }
      p.flush();
      rate = n / ((System.nanoTime() - t0) / 1e9);
      cpu.stop(cpuSums);
    }
    if (failure.get() != null) {
      throw new IllegalStateException("plain producer lost records", failure.get());
    }
    return rate;
  }

  /** CPU time of this JVM and of the broker process over a measured path. */
  private static final class CpuMeter {
    private final long brokerPid;
    private final com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    private final long clockTicksNs = 10_000_000L; // USER_HZ = 100 on Linux
    private long client0;
    private long broker0;
    private long wall0;
    private Map<Long, Long> threads0;
    // Per thread CPU, sampled every few ms so that threads ending inside a path still count.
    private final java.lang.management.ThreadMXBean tmx =
        java.lang.management.ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> threadCpu = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<Long, Integer> threadRole = new java.util.concurrent.ConcurrentHashMap<>();
    static final String[] ROLES = {"main", "worker", "kafka_io"};

    CpuMeter(long brokerPid) {
      this.brokerPid = brokerPid;
      Thread sampler =
          new Thread(
              () -> {
                while (true) {
                  sampleThreads();
                  try {
                    Thread.sleep(5);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "qw-bench-cpu-sampler");
      sampler.setDaemon(true);
      sampler.start();
    }

    private synchronized void sampleThreads() {
      for (long id : tmx.getAllThreadIds()) {
        long cpu = tmx.getThreadCpuTime(id);
        java.lang.management.ThreadInfo info = tmx.getThreadInfo(id);
        if (cpu < 0 || info == null) {
          continue;
        }
        String name = info.getThreadName();
        int role =
            name.equals("main")
                ? 0
                : name.startsWith("qw-ingest-worker")
                    ? 1
                    : name.startsWith("kafka-producer-network-thread") ? 2 : -1;
        if (role >= 0) {
          threadCpu.put(id, cpu);
          threadRole.put(id, role);
        }
      }
    }

    void start() {
      sampleThreads();
      threads0 = new HashMap<>(threadCpu);
      client0 = os.getProcessCpuTime();
      broker0 = brokerCpuNs();
      wall0 = System.nanoTime();
    }

    void stop(long[] sums) {
      sums[0] += os.getProcessCpuTime() - client0;
      sums[1] += brokerCpuNs() - broker0;
      sums[2] += System.nanoTime() - wall0;
      sampleThreads();
      for (var e : threadCpu.entrySet()) {
        long d = e.getValue() - threads0.getOrDefault(e.getKey(), 0L);
        if (d > 0) {
          sums[3 + threadRole.get(e.getKey())] += d;
        }
      }
    }

    ObjectNode perRecord(long[] sums, long records) {
      ObjectNode o = EventCodec.mapper().createObjectNode();
      o.put("client", Math.round(sums[0] / 1e3 / records * 100) / 100.0);
      if (brokerPid > 0) {
        o.put("broker", Math.round(sums[1] / 1e3 / records * 100) / 100.0);
      }
      o.put("cores_busy", Math.round((double) (sums[0] + sums[1]) / sums[2] * 100) / 100.0);
      ObjectNode threads = o.putObject("threads");
      for (int r = 0; r < ROLES.length; r++) {
        if (sums[3 + r] > 0) {
          threads.put(ROLES[r], Math.round(sums[3 + r] / 1e3 / records * 100) / 100.0);
        }
      }
      return o;
    }

    /**
     * The CPU per record of the path's busiest client thread, which bounds it given a core each.
     */
    static double busiestThread(long[] sums) {
      return Math.max(sums[3], Math.max(sums[4], sums[5]));
    }

    /** utime + stime of the broker from /proc (fields 14 and 15, after the command name). */
    private long brokerCpuNs() {
      if (brokerPid <= 0) {
        return 0;
      }
      try {
        String stat = Files.readString(Path.of("/proc", Long.toString(brokerPid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * clockTicksNs;
      } catch (IOException | RuntimeException e) {
        return 0;
      }
    }
  }

  /** Valid sampling results and complaints for a few thousand enterprises, seeded. */
  static List<EventEnvelope> generate(int n, long seed) {
    Random rnd = new Random(seed);
    CodeTables codes = CodeTables.get();
    List<Region> counties = codes.counties();
    List<ProductCategory> cats =
        codes.productCategories().stream().filter(c -> c.group().equals("food")).toList();
    int enterprises = Math.max(100, n / 20);
    String[] credit = new String[enterprises];
    String[] region = new String[enterprises];
    for (int i = 0; i < enterprises; i++) {
      region[i] = counties.get(rnd.nextInt(counties.size())).code();
      String org = String.format(Locale.ROOT, "%08d", i);
      String first16 = "91" + region[i] + org;
      credit[i] = CreditCode.complete(first16 + CreditCode.ALPHABET.charAt(rnd.nextInt(10)));
    }
    String[] items = {"大肠菌群", "苯甲酸", "铅", "标签", "过氧化值", "菌落总数"};
    HazardClass[] hazards = {
      HazardClass.SAFETY_CRITICAL,
      HazardClass.MAJOR,
      HazardClass.SAFETY_CRITICAL,
      HazardClass.MINOR,
      HazardClass.MAJOR,
      HazardClass.SAFETY_CRITICAL
    };
    List<EventEnvelope> out = new ArrayList<>(n);
    LocalDate start = LocalDate.of(2021, 1, 1);
    for (int i = 0; i < n; i++) {
      int e = rnd.nextInt(enterprises);
      LocalDate day = start.plusDays(rnd.nextInt(1400));
      Instant t =
          day.atStartOfDay(ZoneOffset.ofHours(8)).toInstant().plusSeconds(rnd.nextInt(86_400));
      ProductCategory cat = cats.get(rnd.nextInt(cats.size()));
      EventPayload payload;
      if (rnd.nextInt(4) > 0) {
        boolean fail = rnd.nextInt(100) < 12;
        List<SamplingResult.TestedItem> tested = new ArrayList<>();
        if (fail) {
          int k = rnd.nextInt(items.length);
          tested.add(
              new SamplingResult.TestedItem(items[k], false, hazards[k], "1.2g/kg", "≤1.0g/kg"));
        }
        payload =
            new SamplingResult(
                "BJ" + (2021 + i % 4) + String.format(Locale.ROOT, "%08d", i),
                "local-food-sampling",
                day,
                cat.code(),
                cat.name() + "样品" + (i % 97),
                rnd.nextBoolean()
                    ? SamplingResult.SampledRole.PRODUCER
                    : SamplingResult.SampledRole.SELLER,
                null,
                tested,
                fail ? SamplingResult.Verdict.FAIL : SamplingResult.Verdict.PASS,
                null);
      } else {
        payload =
            new Complaint(
                "12315-" + String.format(Locale.ROOT, "%010d", i),
                Complaint.ComplaintKind.COMPLAINT,
                "12315",
                cat.code(),
                "购买的" + cat.name() + "有异味，要求退货。",
                null);
      }
      out.add(
          EventEnvelope.of(
              t,
              SourceRef.of("benchmark"),
              credit[e],
              "企业" + e + "食品有限公司",
              region[e],
              cat.industryCode(),
              payload));
    }
    return out;
  }

  private static Path repoRoot() {
    String root = System.getProperty("qw.repo.root");
    if (root != null && !root.isBlank()) {
      return Path.of(root);
    }
    Path p = Path.of("").toAbsolutePath();
    for (Path q = p; q != null; q = q.getParent()) {
      if (Files.isRegularFile(q.resolve("ingestion/pom.xml"))) {
        return q;
      }
    }
    return p;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).strip())
          .findFirst()
          .orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String memTotal() {
    try {
      return Files.readAllLines(Path.of("/proc/meminfo")).stream()
          .filter(l -> l.startsWith("MemTotal"))
          .map(l -> l.substring(l.indexOf(':') + 1).strip())
          .findFirst()
          .orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
