package io.qualitywatch.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qualitywatch.dashboards.indices.IndexInstaller;
import io.qualitywatch.ingestion.codes.CreditCode;
import io.qualitywatch.ingestion.config.ConfigSource;
import io.qualitywatch.ingestion.contract.EventCodec;
import io.qualitywatch.ingestion.contract.EventEnvelope;
import io.qualitywatch.ingestion.contract.EventType;
import io.qualitywatch.ingestion.contract.HazardClass;
import io.qualitywatch.ingestion.contract.SamplingResult;
import io.qualitywatch.ingestion.contract.SourceRef;
import io.qualitywatch.ingestion.elastic.ElasticClients;
import io.qualitywatch.ingestion.elastic.ElasticSettings;
import io.qualitywatch.ingestion.generator.DataGenerator;
import io.qualitywatch.ingestion.generator.GeneratedFiles;
import io.qualitywatch.ingestion.generator.GeneratorConfig;
import io.qualitywatch.ingestion.kafka.KafkaSettings;
import io.qualitywatch.ingestion.kafka.TopicAdmin;
import io.qualitywatch.risk.rules.RiskRules;
import io.qualitywatch.stack.LocalStack;
import io.qualitywatch.stack.StackConfig;
import io.qualitywatch.streaming.JobSinks;
import io.qualitywatch.streaming.RiskScoringJob;
import io.qualitywatch.streaming.StreamJobMain;
import io.qualitywatch.streaming.StreamingSettings;
import io.qualitywatch.streaming.deadletter.KafkaDeadLetters;
import io.qualitywatch.streaming.memory.CountingSink;
import io.qualitywatch.streaming.rules.KafkaRules;
import io.qualitywatch.streaming.source.KafkaEvents;
import io.qualitywatch.streaming.source.ParseEvents;
import io.qualitywatch.streaming.warning.KafkaWarnings;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code qw bench streaming}: the full stream job against a plain Kafka consumer on the same
 * topics, and the end-to-end latency from an event produced to its warning visible in Elasticsearch
 * under a steady background load. Runs on a fresh local stack.
 */
@Command(
    name = "streaming",
    mixinStandardHelpOptions = true,
    description = "Stream job throughput vs a plain consumer, and event-to-warning latency.")
public class StreamingBenchmark implements Callable<Integer> {
  @Option(
      names = "--enterprises",
      defaultValue = "350000",
      description =
          "Generated enterprises; ≈ 2.9 events each per year (default ${DEFAULT-VALUE} → ≈ 1M events).")
  int enterprises;

  @Option(
      names = "--rate",
      defaultValue = "1000",
      description = "Background events/s during the latency phase.")
  int rate;

  @Option(
      names = "--probes",
      defaultValue = "60",
      description = "Warnings measured for latency (one per second).")
  int probes;

  @Option(
      names = "--warmup-probes",
      defaultValue = "15",
      description =
          "Probes sent first under the same load and not counted: the job's first seconds (task deployment, JIT, first fetches) are not its steady state (default ${DEFAULT-VALUE}).")
  int warmupProbes;

  @Option(
      names = "--latency-only",
      description =
          "Measure only the latency phase and update those figures in --out, keeping the throughput figures already there.")
  boolean latencyOnly;

  @Option(names = "--work-dir", defaultValue = ".qw/bench/streaming")
  Path workDir;

  @Option(names = "--out", defaultValue = "docs/benchmarks/streaming.json")
  Path out;

  private static final String METHOD =
      "ratio = full job (with Elasticsearch writes) / plain consumer reading bytes; also reported against a plain consumer that decodes each event, and the engine without Elasticsearch writes (CountingSink) — on this 2-core machine the single embedded Elasticsearch node bounds the full job; that bound is measured too: up to 100,000 documents of each index the job wrote (events, score history, latest scores), read back and re-sent as raw _bulk requests (same ids, templates and batch size, 2 threads, fresh indices, nothing else running), divided by the documents the job writes per event. Fresh local stack (Kafka 4.2 KRaft + Elasticsearch 8.19, child JVMs); generated events produced to the event topics (2 partitions each); plain KafkaConsumer reading the same topics to the end (bytes, no parsing); the full job bounded over them with parallelism 2, throughput = events / (wall time between first and last event parsed), i.e. excluding deployment and the final checkpoint; latency: unbounded job, background load at the given rate, every second a probe enterprise receives two safety-critical sampling failures, latency = second event sent → warning document readable by id (realtime GET) in Elasticsearch; the first --warmup-probes probes (job start-up: deployment, JIT, first fetches) are sent under the same load but not counted";

  @Override
  public Integer call() throws Exception {
    ObjectNode json =
        latencyOnly && Files.exists(out)
            ? (ObjectNode) EventCodec.mapper().readTree(out.toFile())
            : EventCodec.mapper().createObjectNode();
    json.put(latencyOnly ? "latency_load_average_before" : "load_average_before", loadAverage());
    StackConfig stackConfig = StackConfig.defaults().withDataDir(workDir.resolve("stack"));
    LocalStack.reset(stackConfig);
    try (LocalStack stack = LocalStack.startOrReuse(stackConfig)) {
      GeneratedFiles files =
          new DataGenerator(
                  GeneratorConfig.defaults()
                      .withEnterprises(enterprises)
                      .withPeriod(LocalDate.of(2025, 1, 1), 365))
              .writeTo(workDir.resolve("generated"));
      System.out.printf(
          "generated %,d events for %,d enterprises%n", files.eventCount(), enterprises);

      ConfigSource base =
          ConfigSource.of(Map.of())
              .with("kafka.bootstrap.servers", stack.kafkaBootstrap())
              .with("kafka.partitions", "2")
              .with("elasticsearch.url", stack.elasticsearchUrl())
              .with("elasticsearch.local.node", "true");
      if (!latencyOnly) {
        throughput(json, base, files);
      }
      // Latency phase.
      latency(json, base, files);
    }
    json.put(latencyOnly ? "latency_load_average_after" : "load_average_after", loadAverage());
    json.put("cores", Runtime.getRuntime().availableProcessors());
    json.put("method", METHOD);
    json.put("command", "./qw bench streaming");
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(
        out, EventCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
    System.out.println("-> " + out);
    return 0;
  }

  private void throughput(ObjectNode json, ConfigSource base, GeneratedFiles files)
      throws Exception {
    ConfigSource tp =
        base.with("kafka.topic.prefix", "tp")
            .with("elasticsearch.index.prefix", "tp")
            .with("streaming.bounded", "true")
            .with("streaming.consumer.group", "tp-job");
    KafkaSettings kafka = KafkaSettings.from(tp);
    TopicAdmin.ensureTopics(kafka);
    long produced = produceFile(kafka, files.events());
    System.out.printf("produced %,d events%n", produced);

    double plain = plainConsumer(kafka, produced, false);
    System.out.printf("plain consumer: %,.0f events/s%n", plain);
    double parsing = plainConsumer(kafka, produced, true);
    System.out.printf("plain consumer decoding each event: %,.0f events/s%n", parsing);

    // The engine alone: the same job with Elasticsearch writes counted and dropped.
    ConfigSource engineConf = tp.with("streaming.consumer.group", "tp-engine");
    StreamingSettings engineSettings = StreamingSettings.from(engineConf);
    StreamExecutionEnvironment engineEnv = StreamExecutionEnvironment.getExecutionEnvironment();
    StreamJobMain.configure(engineEnv, engineSettings);
    JobExecutionResult er =
        new RiskScoringJob(
                new KafkaEvents(kafka, engineSettings),
                new KafkaRules(kafka, engineSettings),
                new JobSinks(
                    new CountingSink<>(),
                    KafkaDeadLetters.sink(kafka),
                    KafkaWarnings.sink(kafka, "engine-warnings"),
                    null),
                engineSettings,
                ElasticSettings.from(engineConf).indices(),
                RiskRules.defaults())
            .execute(engineEnv);
    double engine = steadyRate(er);
    System.out.printf(
        "stream job without Elasticsearch writes: %,.0f events/s steady state (%,d documents dropped)%n",
        engine, CountingSink.count());
    double docsPerEvent = CountingSink.count() / (double) produced;
    json.put("engine_events_per_s_without_elasticsearch", Math.round(engine));
    json.put("documents_per_event", Math.round(docsPerEvent * 100) / 100.0);
    json.put("plain_consumer_decoding_events_per_s", Math.round(parsing));

    ElasticSettings es = ElasticSettings.from(tp);
    try (RestClient client = ElasticClients.restClient(es)) {
      new IndexInstaller(client, es).installAll();
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    JobExecutionResult r = StreamJobMain.run(tp, env);
    long in = ((Number) r.getAccumulatorResult(ParseEvents.EVENTS_IN)).longValue();
    double job = steadyRate(r);
    System.out.printf(
        "stream job: %,d events, %,.0f events/s steady state (first to last event), %.1f s including deployment and final checkpoint%n",
        in, job, r.getNetRuntime() / 1000.0);
    json.put("events", in);
    json.put("job_events_per_s", Math.round(job));
    json.put("plain_consumer_events_per_s", Math.round(plain));
    json.put("ratio", Math.round(job / plain * 1000) / 1000.0);
    json.put("ratio_vs_decoding_consumer", Math.round(job / parsing * 1000) / 1000.0);
    json.put("engine_ratio_vs_decoding_consumer", Math.round(engine / parsing * 1000) / 1000.0);
    json.put("job_wall_s_including_deployment", r.getNetRuntime() / 1000.0);

    // What the node can absorb at all: the job's own documents as raw _bulk, nothing else
    // running.
    double ceiling = elasticCeiling(tp, es);
    double bound = ceiling / docsPerEvent;
    System.out.printf(
        "Elasticsearch alone, raw _bulk of the job's documents: %,.0f docs/s → at %.2f documents per event at most %,.0f events/s; the job reaches %.0f %% of that%n",
        ceiling, docsPerEvent, bound, 100 * job / bound);
    json.put("elasticsearch_raw_bulk_docs_per_s", Math.round(ceiling));
    json.put("elasticsearch_bound_events_per_s", Math.round(bound));
    json.put("job_share_of_elasticsearch_bound", Math.round(job / bound * 100) / 100.0);
  }

  private void latency(ObjectNode json, ConfigSource base, GeneratedFiles files) throws Exception {
    List<Long> latencies = latency(base, files.events());
    var inOrder = json.putArray("latencies_ms_in_completion_order");
    latencies.forEach(inOrder::add);
    latencies = new ArrayList<>(latencies);
    Collections.sort(latencies);
    long p50 = latencies.get(latencies.size() / 2);
    long p99 =
        latencies.get(Math.min(latencies.size() - 1, (int) Math.ceil(latencies.size() * 0.99) - 1));
    System.out.printf(
        "latency event → warning in Elasticsearch at %d events/s: p50 %d ms, p99 %d ms (%d probes)%n",
        rate, p50, p99, latencies.size());
    json.put("p50_ms", p50);
    json.put("p99_ms", p99);
    json.put("latency_probes", latencies.size());
    json.put("latency_warmup_probes_not_counted", warmupProbes);
    json.put("background_events_per_s", rate);
  }

  private static double elasticCeiling(ConfigSource tp, ElasticSettings job) throws Exception {
    ElasticSettings raw = ElasticSettings.from(tp.with("elasticsearch.index.prefix", "raw"));
    try (RestClient client = ElasticClients.restClient(job)) {
      new IndexInstaller(client, raw).installAll();
      client.performRequest(new Request("POST", "/" + job.indices().prefix() + "*/_refresh"));
      List<ElasticCeiling.Doc> docs = new ArrayList<>();
      docs.addAll(
          ElasticCeiling.sample(client, job.indices().events(), raw.indices().events(), 100_000));
      docs.addAll(
          ElasticCeiling.sample(
              client, job.indices().scoreHistory(), raw.indices().scoreHistory(), 100_000));
      docs.addAll(
          ElasticCeiling.sample(client, job.indices().scores(), raw.indices().scores(), 100_000));
      Collections.shuffle(docs, new java.util.Random(42));
      return ElasticCeiling.bulk(client, docs, job.bulkActions(), 2);
    }
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  private static long produceFile(KafkaSettings kafka, Path events) throws Exception {
    long n = 0;
    try (var producer = producer(kafka);
        BufferedReader r = Files.newBufferedReader(events, StandardCharsets.UTF_8)) {
      for (String line; (line = r.readLine()) != null; ) {
        JsonNode e = EventCodec.mapper().readTree(line);
        EventType type = EventType.fromWireName(e.path("type").asText());
        String key =
            e.hasNonNull("credit_code")
                ? e.path("credit_code").asText()
                : "industry:" + e.path("industry_code").asText();
        producer.send(
            new ProducerRecord<>(
                kafka.topics().events(type),
                null,
                Instant.parse(e.path("event_time").asText()).toEpochMilli(),
                key,
                line.getBytes(StandardCharsets.UTF_8)));
        n++;
      }
    }
    return n;
  }

  private static KafkaProducer<String, byte[]> producer(KafkaSettings kafka) {
    Properties p = kafka.clientProps();
    p.put("acks", "all");
    p.put("enable.idempotence", "true");
    p.put("linger.ms", "5");
    p.put("batch.size", "262144");
    p.put("compression.type", "lz4");
    return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }

  /** Events per second between the first and the last event parsed: excludes deployment. */
  private static double steadyRate(JobExecutionResult r) {
    long in = ((Number) r.getAccumulatorResult(ParseEvents.EVENTS_IN)).longValue();
    long first = ((Number) r.getAccumulatorResult(ParseEvents.FIRST_EVENT_WALL_MS)).longValue();
    long last = ((Number) r.getAccumulatorResult(ParseEvents.LAST_EVENT_WALL_MS)).longValue();
    return in / Math.max(0.001, (last - first) / 1000.0);
  }

  private static double plainConsumer(KafkaSettings kafka, long expected, boolean decode)
      throws Exception {
    Properties p = kafka.clientProps();
    p.put("isolation.level", "read_committed");
    p.put("max.poll.records", "5000");
    try (var consumer =
        new KafkaConsumer<byte[], byte[]>(
            p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = new ArrayList<>();
      for (String t : kafka.topics().allEvents()) {
        consumer.partitionsFor(t).forEach(pi -> parts.add(new TopicPartition(t, pi.partition())));
      }
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      long n = 0;
      long bytes = 0;
      long start = System.nanoTime();
      while (n < expected) {
        for (ConsumerRecord<byte[], byte[]> rec : consumer.poll(Duration.ofMillis(500))) {
          n++;
          bytes += rec.value().length;
          if (decode) {
            bytes += EventCodec.decode(rec.value()).eventId().length();
          }
        }
      }
      double secs = (System.nanoTime() - start) / 1e9;
      return n / secs + 0 * bytes;
    }
  }

  private List<Long> latency(ConfigSource base, Path events) throws Exception {
    ConfigSource lat =
        base.with("kafka.topic.prefix", "lat")
            .with("elasticsearch.index.prefix", "lat")
            .with("streaming.consumer.group", "lat-job")
            .with("streaming.checkpoint.interval", "5s");
    KafkaSettings kafka = KafkaSettings.from(lat);
    ElasticSettings es = ElasticSettings.from(lat);
    TopicAdmin.ensureTopics(kafka);
    List<Long> result = Collections.synchronizedList(new ArrayList<>());
    try (RestClient client = ElasticClients.restClient(es)) {
      new IndexInstaller(client, es).installAll();
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
      StreamJobMain.configure(env, StreamingSettings.from(lat));
      StreamJobMain.job(lat).build(env);
      JobClient job = env.executeAsync("latency");
      try (var producer = producer(kafka);
          BufferedReader r = Files.newBufferedReader(events)) {
        Thread.sleep(8_000); // deployment
        Map<String, Long> outstanding = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        long sent = 0;
        int probe = 0;
        int total = warmupProbes + probes;
        java.util.Set<String> warmup = ConcurrentHashMap.newKeySet();
        long end = start + (total + 10) * 1_000_000_000L;
        while (System.nanoTime() < end || !outstanding.isEmpty()) {
          long elapsed = System.nanoTime() - start;
          long due = elapsed * rate / 1_000_000_000L;
          while (sent < due && System.nanoTime() < end) {
            String line = r.readLine();
            if (line == null) {
              break;
            }
            EventEnvelope e = EventCodec.decode(line.getBytes(StandardCharsets.UTF_8));
            EventEnvelope now = e.withEventTime(Instant.now());
            send(producer, kafka, now);
            sent++;
          }
          if (probe < total && elapsed >= (probe + 1) * 1_000_000_000L) {
            String code =
                CreditCode.complete("9133010" + String.format("%010d", 7_000_000_000L + probe));
            send(producer, kafka, failure(code, "P" + probe + "a"));
            send(producer, kafka, failure(code, "P" + probe + "b"));
            producer.flush();
            String warningId = "ENTERPRISE:" + code + ":RISK_SCORE:1";
            if (probe < warmupProbes) {
              warmup.add(warningId);
            }
            outstanding.put(warningId, System.nanoTime());
            probe++;
          }
          for (var entry : outstanding.entrySet()) {
            if (exists(client, es.indices().warnings(), entry.getKey())) {
              if (!warmup.contains(entry.getKey())) {
                result.add((System.nanoTime() - entry.getValue()) / 1_000_000);
              }
              outstanding.remove(entry.getKey());
            } else if (System.nanoTime() - entry.getValue() > 60_000_000_000L) {
              outstanding.remove(entry.getKey());
              if (!warmup.contains(entry.getKey())) {
                result.add(60_000L); // counted as a 60 s miss, never dropped
              }
            }
          }
          Thread.sleep(5);
        }
      } finally {
        job.cancel().get();
      }
    }
    return result;
  }

  private static EventEnvelope failure(String code, String batch) {
    LocalDate today = LocalDate.now();
    return EventEnvelope.of(
        Instant.now(),
        SourceRef.of("bench"),
        code,
        "基准测试企业",
        "330106",
        "C14",
        new SamplingResult(
            batch,
            "national-supervision",
            today,
            "FOOD-CONDIMENT",
            "酱油",
            SamplingResult.SampledRole.PRODUCER,
            null,
            List.of(
                new SamplingResult.TestedItem(
                    "菌落总数", false, HazardClass.SAFETY_CRITICAL, null, null)),
            SamplingResult.Verdict.FAIL,
            null));
  }

  private static void send(KafkaProducer<String, byte[]> p, KafkaSettings kafka, EventEnvelope e) {
    p.send(
        new ProducerRecord<>(
            kafka.topics().events(e.type()),
            null,
            e.eventTime().toEpochMilli(),
            e.partitionKey(),
            EventCodec.encode(e)));
  }

  private static boolean exists(RestClient client, String index, String id) throws Exception {
    try {
      return client
              .performRequest(
                  new Request(
                      "HEAD",
                      "/"
                          + index
                          + "/_doc/"
                          + java.net.URLEncoder.encode(id, StandardCharsets.UTF_8)))
              .getStatusLine()
              .getStatusCode()
          == 200;
    } catch (ResponseException e) {
      return false;
    }
  }
}
