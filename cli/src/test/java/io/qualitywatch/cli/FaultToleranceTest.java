package io.qualitywatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qualitywatch.dashboards.indices.IndexInstaller;
import io.qualitywatch.ingestion.config.ConfigSource;
import io.qualitywatch.ingestion.contract.EventCodec;
import io.qualitywatch.ingestion.contract.EventType;
import io.qualitywatch.ingestion.elastic.ElasticClients;
import io.qualitywatch.ingestion.elastic.ElasticSettings;
import io.qualitywatch.ingestion.elastic.IndexNames;
import io.qualitywatch.ingestion.generator.DataGenerator;
import io.qualitywatch.ingestion.generator.GeneratedFiles;
import io.qualitywatch.ingestion.generator.GeneratorConfig;
import io.qualitywatch.ingestion.importer.FileIngestor;
import io.qualitywatch.ingestion.kafka.EventPublisher;
import io.qualitywatch.ingestion.kafka.KafkaSettings;
import io.qualitywatch.ingestion.kafka.TopicAdmin;
import io.qualitywatch.ingestion.resolve.EnterpriseRegistry;
import io.qualitywatch.stack.LocalStack;
import io.qualitywatch.stack.TestStack;
import io.qualitywatch.streaming.StreamJobMain;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.JobListener;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.http.util.EntityUtils;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3's fault test through the real services: the UNBOUNDED job (Kafka source, exactly-once
 * warnings topic, Elasticsearch sink) on a local MiniCluster, against the real broker and node.
 *
 * <ul>
 *   <li>the job is cancelled hard mid-stream and a new job is restored from the last retained
 *       checkpoint: the warnings topic (read_committed) and every stream index hold exactly what an
 *       uninterrupted run over the same events produces;
 *   <li>Elasticsearch unreachable for 30 s mid-stream (a TCP proxy between job and node is shut):
 *       the bulk writer's retries ride it out, nothing is lost, no restart needed;
 *   <li>a malformed record, an unknown event type and an invalid credit code go to the dead-letter
 *       topic with their reasons and are counted.
 * </ul>
 *
 * Every run gets its own topic and index prefix and ingests the same generated events. An unbounded
 * job has no end: a run is over when its consumer group's committed offsets (committed on
 * checkpoint completion, so everything before them is in the sinks) reach the topics' end offsets
 * and the outputs then stop changing; then it is cancelled.
 *
 * <p>The comparisons are strict. They hold because the runs use event-time ordering ({@code
 * streaming.event.time.ordering}): in arrival-order mode the outputs depend on the order in which
 * one enterprise's events arrive from different topics, so even two uninterrupted runs differ
 * (docs/streaming-operations.md, "Known nondeterminism").
 */
class FaultToleranceTest {
  private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(1);
  private static final Duration KILL_RUN_CHECKPOINT_INTERVAL = Duration.ofMillis(200);

  /** The kill run publishes the events before this instant, then the rest while the job is down. */
  private static final Instant KILL_RUN_SPLIT = Instant.parse("2025-04-15T00:00:00Z");

  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(4);
  private static final Duration OUTPUTS_QUIET = Duration.ofSeconds(8);
  private static final List<String> STREAM_INDICES =
      List.of("scores", "score-history", "warnings", "events", "risk-aggregates");

  @TempDir static Path dir;
  private static GeneratedFiles files;
  private static Path eventsBeforeSplit;
  private static Path eventsFromSplit;
  private static int uniqueEventsFromSplit;
  private static List<byte[]> badRecords;
  private static long badRecordsTime;
  private static Outputs reference;

  @BeforeAll
  static void generate() throws Exception {
    long t0 = System.nanoTime();
    files =
        new DataGenerator(
                GeneratorConfig.defaults()
                    .withSeed(31)
                    .withEnterprises(5000)
                    .withComplaintRateScale(8)
                    .withPeriod(LocalDate.of(2025, 3, 1), 90))
            .writeTo(dir.resolve("gen"));
    badRecords = badRecords(files.events());
    eventsBeforeSplit = dir.resolve("events-before-split.jsonl");
    eventsFromSplit = dir.resolve("events-from-split.jsonl");
    uniqueEventsFromSplit =
        splitByEventTime(files.events(), KILL_RUN_SPLIT, eventsBeforeSplit, eventsFromSplit);
    log(
        "generated %d events (%d unique) in %d ms",
        files.eventCount(), files.uniqueEvents(), ms(t0));
  }

  /** The uninterrupted run every scenario is compared with, computed once per class. */
  private static synchronized Outputs reference() throws Exception {
    if (reference == null) {
      Run run = new Run("ref", null);
      run.ingest();
      Running job = run.start(null);
      run.awaitProgress(job, 1.0);
      run.awaitOutputsQuiet(job);
      Map<String, Object> acc = job.client.getAccumulators().get(60, TimeUnit.SECONDS);
      job.cancel();
      // Dead letters are counted and published with their reasons.
      assertEquals(3L, ((Number) acc.get("dead-letters")).longValue(), acc.toString());
      assertEquals(files.uniqueEvents() + 3, ((Number) acc.get("events-in")).longValue());
      // Every record is stamped with its event time, as the topics' contract asks.
      assertEquals(0L, ((Number) acc.get("foreign-timestamps")).longValue(), acc.toString());
      List<String> reasons = new ArrayList<>();
      for (String v : run.readTopic(run.kafka.topics().deadLetter(), false).values()) {
        reasons.add(EventCodec.mapper().readTree(v).path("reason").asText());
      }
      Collections.sort(reasons);
      assertEquals(List.of("BAD_CREDIT_CODE", "MALFORMED_JSON", "UNKNOWN_EVENT_TYPE"), reasons);
      reference = run.outputs();
      log("reference: %s", reference.summary());
    }
    return reference;
  }

  /**
   * Events keep arriving while the job is down: the first job gets the events before {@link
   * #KILL_RUN_SPLIT}, checkpoints every 200 ms and is cancelled hard as soon as a checkpoint has
   * committed any input; the rest of the events are published; a new job restored from the newest
   * retained checkpoint must redo what the first did after that checkpoint and go on to the end.
   *
   * <p>Input must follow the kill (as it does in production). Flink does not checkpoint watermarks:
   * a restored job starts at the lowest watermark and only new events move it, so the events and
   * timers held in the checkpoint's state wait for them. With all input published before the kill
   * and all of it read before the checkpoint, the restored job read nothing, its watermark never
   * moved, and the warnings its state still held were never emitted (the warnings topic then held
   * 124 of 288 records; the indices matched only because the first job had written them already).
   */
  @Test
  void jobKilledMidStreamAndRestoredFromCheckpointProducesWhatAnUninterruptedRunProduces()
      throws Exception {
    Outputs expected = reference();
    Run run = new Run("kill", null);
    run.ingest(eventsBeforeSplit);
    Path checkpoints = dir.resolve("checkpoints-" + run.prefix);
    long t0 = System.nanoTime();
    Running first = run.start(checkpoints, null, 10, KILL_RUN_CHECKPOINT_INTERVAL);
    run.awaitProgress(first, Double.MIN_VALUE, Duration.ofMillis(20));
    first.cancel(); // hard: no savepoint, no draining; open Kafka transactions are abandoned
    double reached = run.progress();
    Path latest = latestCheckpoint(checkpoints, first.client.getJobID().toString());
    log(
        "cancelled at %.0f%% committed input (before %s) after %d ms; restoring from %s",
        reached * 100, KILL_RUN_SPLIT, ms(t0), latest);

    run.ingest(eventsFromSplit);
    Running second = run.start(checkpoints, latest.toString());
    run.awaitProgress(second, 1.0);
    run.awaitOutputsQuiet(second);
    Map<String, Object> acc = second.client.getAccumulators().get(60, TimeUnit.SECONDS);
    second.cancel();
    long read = ((Number) acc.get("events-in")).longValue();
    log("kill + restore run took %d ms; the restored job read %d events", ms(t0), read);
    assertTrue(read >= uniqueEventsFromSplit, "the restored job read only " + read + " events");
    Outputs actual = run.outputs();
    log("restored: %s", actual.summary());
    assertSame(expected, actual, "killed and restored run");
  }

  @Test
  void elasticsearchUnreachableForThirtySecondsLosesNothing() throws Exception {
    Outputs expected = reference();
    URI es = URI.create(TestStack.get().elasticsearchUrl());
    try (TcpProxy proxy = new TcpProxy(es.getHost(), es.getPort())) {
      // No restarts: the bulk writer itself must ride out the outage.
      Run run = new Run("esout", "http://127.0.0.1:" + proxy.port());
      run.ingest();
      long t0 = System.nanoTime();
      Running job = run.start(null, null, 0, CHECKPOINT_INTERVAL);
      // Cut once the first bulk requests have gone through (the job is writing), not at a share of
      // committed input: a checkpoint can commit the whole input between two polls of the offsets,
      // and then the outage would hit a finished job. Committed input cannot be complete here: it
      // needs every event's document flushed, far more than these bytes.
      proxy.awaitUpstreamBytes(256 * 1024, Duration.ofMinutes(2));
      proxy.stop();
      long down = System.nanoTime();
      double before = run.progress();
      log(
          "Elasticsearch cut off after %,d bytes sent to it, at %.0f%% committed input",
          proxy.upstreamBytes(), before * 100);
      Thread.sleep(30_000);
      double during = run.progress();
      assertTrue(job.result.isDone() == false, "job died during the outage: " + job.failure());
      proxy.start();
      log("Elasticsearch back after %d ms (committed input %.0f%%)", ms(down), during * 100);
      assertTrue(during < 1.0, "the outage must hit the job mid-stream");
      run.awaitProgress(job, 1.0);
      run.awaitOutputsQuiet(job);
      job.cancel();
      log("outage run took %d ms; proxy forwarded %d connections", ms(t0), proxy.accepted());
      Outputs actual = run.outputs();
      log("after outage: %s", actual.summary());
      assertSame(expected, actual, "run with a 30 s Elasticsearch outage");
    }
  }

  /**
   * Control, on request ({@code -Dqw.fault.control=true}): two uninterrupted runs over the same
   * events. If these differ, differences in the fault tests come from the job's own nondeterminism,
   * not from the fault.
   */
  @Test
  @EnabledIfSystemProperty(named = "qw.fault.control", matches = "true")
  void twoUninterruptedRunsAgree() throws Exception {
    Outputs expected = reference();
    Run run = new Run("ctl", null);
    run.ingest();
    Running job = run.start(null);
    run.awaitProgress(job, 1.0);
    run.awaitOutputsQuiet(job);
    job.cancel();
    assertSame(expected, run.outputs(), "second uninterrupted run");
  }

  // ---------------------------------------------------------------------------------------------

  /** What a run leaves behind: warnings topic records and every stream index's documents. */
  record Outputs(List<String> warningRecords, Map<String, Map<String, JsonNode>> indices) {
    String summary() {
      Map<String, Integer> sizes = new TreeMap<>();
      indices.forEach((k, v) -> sizes.put(k, v.size()));
      return "warnings topic " + warningRecords.size() + " records, indices " + sizes;
    }
  }

  private static void assertSame(Outputs expected, Outputs actual, String what) {
    List<String> problems = new ArrayList<>();
    if (!expected.warningRecords().equals(actual.warningRecords())) {
      problems.add(
          "warnings topic: " + multisetDiff(expected.warningRecords(), actual.warningRecords()));
    }
    for (String concept : STREAM_INDICES) {
      String d = mapDiff(expected.indices().get(concept), actual.indices().get(concept));
      if (d != null) {
        problems.add("index " + concept + ": " + d);
      }
    }
    if (!problems.isEmpty()) {
      fail(what + " differs from the uninterrupted run:\n  " + String.join("\n  ", problems));
    }
    assertTrue(expected.warningRecords().size() > 0, "the data must raise warnings");
  }

  private static String multisetDiff(List<String> expected, List<String> actual) {
    Map<String, Integer> counts = new HashMap<>();
    expected.forEach(r -> counts.merge(r, 1, Integer::sum));
    actual.forEach(r -> counts.merge(r, -1, Integer::sum));
    List<String> missing = new ArrayList<>();
    List<String> extra = new ArrayList<>();
    counts.forEach(
        (r, n) -> {
          for (int i = 0; i < Math.abs(n); i++) {
            (n > 0 ? missing : extra).add(r);
          }
        });
    Set<String> distinctActual = new TreeSet<>(actual);
    return String.format(
        "%d expected, %d actual (%d distinct); %d missing, %d extra; e.g. missing %s; extra %s",
        expected.size(),
        actual.size(),
        distinctActual.size(),
        missing.size(),
        extra.size(),
        missing.stream().sorted().limit(2).toList(),
        extra.stream().sorted().limit(2).toList());
  }

  private static String mapDiff(Map<String, JsonNode> expected, Map<String, JsonNode> actual) {
    if (expected.equals(actual)) {
      return null;
    }
    List<String> missing = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    Map<String, Integer> fieldCounts = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : expected.entrySet()) {
      JsonNode a = actual.get(e.getKey());
      if (a == null) {
        missing.add(e.getKey());
      } else if (!a.equals(e.getValue())) {
        changed.add(e.getKey());
        for (String f : differingFields(e.getValue(), a)) {
          fieldCounts.merge(f, 1, Integer::sum);
        }
      }
    }
    List<String> extra =
        actual.keySet().stream().filter(k -> !expected.containsKey(k)).sorted().toList();
    Collections.sort(missing);
    Collections.sort(changed);
    StringBuilder sb =
        new StringBuilder(
            String.format(
                "%d expected, %d actual; %d missing %s, %d extra %s, %d differ (by field %s)",
                expected.size(),
                actual.size(),
                missing.size(),
                missing.stream().limit(3).toList(),
                extra.size(),
                extra.stream().limit(3).toList(),
                changed.size(),
                fieldCounts));
    for (String id : changed.stream().limit(2).toList()) {
      sb.append("\n      ").append(id).append(":");
      for (String f : differingFields(expected.get(id), actual.get(id))) {
        sb.append("\n        ")
            .append(f)
            .append(": expected ")
            .append(expected.get(id).get(f))
            .append(" actual ")
            .append(actual.get(id).get(f));
      }
    }
    return sb.toString();
  }

  private static List<String> differingFields(JsonNode e, JsonNode a) {
    Set<String> names = new TreeSet<>();
    e.fieldNames().forEachRemaining(names::add);
    a.fieldNames().forEachRemaining(names::add);
    return names.stream()
        .filter(n -> !String.valueOf(e.get(n)).equals(String.valueOf(a.get(n))))
        .toList();
  }

  /** One run's prefix (topics, indices, consumer group, job name and transactional ids). */
  private static final class Run {
    final String prefix;
    final ConfigSource config;
    final KafkaSettings kafka;
    final ElasticSettings es;
    final ElasticSettings esDirect;
    Map<TopicPartition, Long> endOffsets;

    Run(String name, String esUrl) {
      LocalStack stack = TestStack.get();
      prefix = "ft" + name + Long.toHexString(System.nanoTime() & 0xfffff);
      ConfigSource c =
          StackEndpoints.apply(ConfigSource.of(Map.of()), stack)
              .with("kafka.topic.prefix", prefix)
              .with("elasticsearch.index.prefix", prefix)
              .with("streaming.consumer.group", prefix)
              .with("streaming.job.name", prefix)
              // Partitions without data (rare event types) release the watermark soon, so the
              // last timers fire well within OUTPUTS_QUIET instead of 30 s after the input ends.
              .with("streaming.idleness", "2s")
              // Outputs independent of arrival order, so runs can be compared document by document.
              .with("streaming.event.time.ordering", "true");
      esDirect = ElasticSettings.from(c);
      config = esUrl == null ? c : c.with("elasticsearch.url", esUrl);
      kafka = KafkaSettings.from(config);
      es = ElasticSettings.from(config);
    }

    /** Same events for every run, plus the same three bad records on the complaint topic. */
    void ingest() throws Exception {
      ingest(files.events());
    }

    /**
     * Publishes these events; the first call also the three bad records and the indices. The input
     * that {@link #progress()} measures is everything published so far.
     */
    void ingest(Path events) throws Exception {
      long t0 = System.nanoTime();
      TopicAdmin.ensureTopics(kafka);
      try (EventPublisher publisher = new EventPublisher(kafka)) {
        FileIngestor.builder()
            .registry(EnterpriseRegistry.load(files.enterprises()))
            .sink(publisher)
            .build()
            .ingest(events)
            .check();
      }
      if (endOffsets == null) {
        try (var raw =
            new KafkaProducer<String, byte[]>(
                kafka.clientProps(), new StringSerializer(), new ByteArraySerializer())) {
          for (byte[] bad : badRecords) {
            // Stamped with an event time, as the topics' contract asks of every producer.
            raw.send(
                    new ProducerRecord<>(
                        kafka.topics().events(EventType.COMPLAINT),
                        null,
                        badRecordsTime,
                        "bad",
                        bad))
                .get();
          }
        }
        try (RestClient client = ElasticClients.restClient(esDirect)) {
          new IndexInstaller(client, esDirect).installAll();
        }
      }
      try (Admin admin = Admin.create(kafka.clientProps())) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (var d :
            admin.describeTopics(kafka.topics().allEvents()).allTopicNames().get().values()) {
          d.partitions()
              .forEach(
                  p ->
                      latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
        }
        endOffsets = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((tp, o) -> endOffsets.put(tp, o.offset()));
      }
      log(
          "%s: published %s, %d records on the event topics, in %d ms",
          prefix,
          events.getFileName(),
          endOffsets.values().stream().mapToLong(Long::longValue).sum(),
          ms(t0));
    }

    Running start(Path checkpoints) throws Exception {
      return start(checkpoints, null, 10, CHECKPOINT_INTERVAL);
    }

    Running start(Path checkpoints, String restoreFrom) throws Exception {
      return start(checkpoints, restoreFrom, 10, CHECKPOINT_INTERVAL);
    }

    /** Starts the production wiring ({@link StreamJobMain#run}) in its own MiniCluster. */
    Running start(
        Path checkpoints, String restoreFrom, int restartAttempts, Duration checkpointInterval)
        throws Exception {
      Configuration flink = new Configuration();
      if (checkpoints != null) {
        flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        flink.set(
            CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
            ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
      }
      if (restoreFrom != null) {
        flink.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom);
      }
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
      CompletableFuture<JobClient> client = new CompletableFuture<>();
      env.registerJobListener(
          new JobListener() {
            @Override
            public void onJobSubmitted(JobClient c, Throwable t) {
              if (t != null) {
                client.completeExceptionally(t);
              } else {
                client.complete(c);
              }
            }

            @Override
            public void onJobExecuted(JobExecutionResult r, Throwable t) {}
          });
      ConfigSource c =
          config
              .with("streaming.restart.attempts", String.valueOf(restartAttempts))
              .with("streaming.checkpoint.interval", checkpointInterval.toMillis() + "ms");
      CompletableFuture<JobExecutionResult> result = new CompletableFuture<>();
      Thread t =
          new Thread(
              () -> {
                try {
                  result.complete(StreamJobMain.run(c, env));
                } catch (Throwable e) {
                  result.completeExceptionally(e);
                  client.completeExceptionally(e);
                }
              },
              "job-" + prefix);
      t.setDaemon(true);
      t.start();
      return new Running(client.get(2, TimeUnit.MINUTES), result);
    }

    /** Share of the input covered by the committed (checkpointed) offsets, 0..1. */
    double progress() throws Exception {
      try (Admin admin = Admin.create(kafka.clientProps())) {
        return progress(admin);
      }
    }

    private double progress(Admin admin) throws Exception {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(prefix).partitionsToOffsetAndMetadata().get();
      long total = 0;
      long done = 0;
      for (Map.Entry<TopicPartition, Long> e : endOffsets.entrySet()) {
        OffsetAndMetadata o = committed.get(e.getKey());
        total += e.getValue();
        done += o == null ? 0 : Math.min(o.offset(), e.getValue());
      }
      return total == 0 ? 1.0 : done / (double) total;
    }

    /** Waits until the committed offsets cover at least {@code share} of the input. */
    double awaitProgress(Running job, double share) throws Exception {
      return awaitProgress(job, share, POLL);
    }

    /**
     * Waits until the committed offsets cover at least {@code share} of the input ({@code
     * Double.MIN_VALUE}: any of it), looking every {@code poll}.
     */
    double awaitProgress(Running job, double share, Duration poll) throws Exception {
      double[] p = {0};
      try (Admin admin = Admin.create(kafka.clientProps())) {
        await(
            "committed input reaching " + share,
            job,
            poll,
            () -> {
              try {
                p[0] = progress(admin);
                return p[0] >= share;
              } catch (Exception e) {
                return false;
              }
            });
      }
      return p[0];
    }

    /**
     * After the input is fully committed: waits until neither the warnings topic nor any index
     * changes for a while (day-end and quiet timers may still fire as idle partitions release the
     * watermark).
     */
    void awaitOutputsQuiet(Running job) throws Exception {
      String[] last = {""};
      long[] since = {System.nanoTime()};
      await(
          "outputs to stop changing",
          job,
          POLL,
          () -> {
            try {
              String now = fingerprint();
              if (!now.equals(last[0])) {
                last[0] = now;
                since[0] = System.nanoTime();
                return false;
              }
              return System.nanoTime() - since[0] >= OUTPUTS_QUIET.toNanos();
            } catch (Exception e) {
              return false;
            }
          });
    }

    /** Changes whenever anything is written: warnings topic end offsets, index operations. */
    String fingerprint() throws Exception {
      long warnings;
      try (Admin admin = Admin.create(kafka.clientProps())) {
        TopicPartition tp0 = new TopicPartition(kafka.topics().warnings(), 0);
        Map<TopicPartition, OffsetSpec> spec = new HashMap<>();
        for (var p :
            admin
                .describeTopics(List.of(tp0.topic()))
                .allTopicNames()
                .get()
                .get(tp0.topic())
                .partitions()) {
          spec.put(new TopicPartition(tp0.topic(), p.partition()), OffsetSpec.latest());
        }
        warnings =
            admin.listOffsets(spec).all().get().values().stream().mapToLong(o -> o.offset()).sum();
      }
      try (RestClient client = ElasticClients.restClient(esDirect)) {
        JsonNode stats =
            json(client, new Request("GET", "/" + prefix + "-*/_stats/indexing,docs"))
                .path("_all")
                .path("primaries");
        return warnings
            + "/"
            + stats.path("indexing").path("index_total").asLong()
            + "/"
            + stats.path("docs").path("count").asLong();
      }
    }

    Outputs outputs() throws Exception {
      List<String> warnings = new ArrayList<>();
      readTopic(kafka.topics().warnings(), true).forEach((k, v) -> warnings.add(k + "\t" + v));
      Collections.sort(warnings);
      Map<String, Map<String, JsonNode>> docs = new TreeMap<>();
      IndexNames idx = esDirect.indices();
      Map<String, String> byConcept =
          Map.of(
              "scores", idx.scores(),
              "score-history", idx.scoreHistory(),
              "warnings", idx.warnings(),
              "events", idx.events(),
              "risk-aggregates", idx.aggregates());
      try (RestClient client = ElasticClients.restClient(esDirect)) {
        client.performRequest(new Request("POST", "/" + prefix + "-*/_refresh"));
        for (String concept : STREAM_INDICES) {
          docs.put(concept, allDocs(client, byConcept.get(concept)));
        }
      }
      return new Outputs(warnings, docs);
    }

    /** Every record of a topic as (key, value) pairs in a multiset (a list of entries). */
    ListMultiset readTopic(String topic, boolean readCommitted) throws Exception {
      Properties p = kafka.clientProps();
      p.setProperty("isolation.level", readCommitted ? "read_committed" : "read_uncommitted");
      p.setProperty("auto.offset.reset", "earliest");
      p.setProperty("enable.auto.commit", "false");
      ListMultiset out = new ListMultiset();
      try (var consumer =
          new KafkaConsumer<String, String>(
              p, new StringDeserializer(), new StringDeserializer())) {
        List<TopicPartition> parts =
            consumer.partitionsFor(topic).stream()
                .map(i -> new TopicPartition(topic, i.partition()))
                .toList();
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
        Map<TopicPartition, Long> end = consumer.endOffsets(parts); // the LSO when read_committed
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("could not read " + topic + " to its end");
          }
          for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
            out.add(r.key(), r.value());
          }
        }
      }
      return out;
    }
  }

  /** (key, value) pairs in arrival order. */
  static final class ListMultiset {
    private final List<String[]> entries = new ArrayList<>();

    void add(String k, String v) {
      entries.add(new String[] {k, v});
    }

    List<String> values() {
      return entries.stream().map(e -> e[1]).toList();
    }

    void forEach(java.util.function.BiConsumer<String, String> f) {
      entries.forEach(e -> f.accept(e[0], e[1]));
    }
  }

  /** A job running in its own MiniCluster. */
  private record Running(JobClient client, CompletableFuture<JobExecutionResult> result) {
    void cancel() throws Exception {
      if (!result.isDone()) {
        client.cancel().get(2, TimeUnit.MINUTES);
      }
      try {
        result.get(2, TimeUnit.MINUTES);
      } catch (Exception expected) {
        // a cancelled job ends with a cancellation exception
      }
    }

    String failure() {
      try {
        result.getNow(null);
        return "none";
      } catch (Exception e) {
        return String.valueOf(e.getCause());
      }
    }
  }

  private static void await(String what, Running job, Duration poll, BooleanSupplier condition)
      throws Exception {
    long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (job.result().isDone()) {
        fail("the job ended while waiting for " + what + ": " + job.failure());
      }
      if (System.nanoTime() > deadline) {
        fail("timed out waiting for " + what);
      }
      Thread.sleep(poll.toMillis());
    }
  }

  /** The newest complete retained checkpoint ({@code chk-N} with its {@code _metadata}). */
  private static Path latestCheckpoint(Path root, String jobId) throws IOException {
    try (Stream<Path> s = Files.list(root.resolve(jobId))) {
      return s.filter(p -> p.getFileName().toString().startsWith("chk-"))
          .filter(p -> Files.exists(p.resolve("_metadata")))
          .max(
              Comparator.comparingLong(
                  p -> Long.parseLong(p.getFileName().toString().substring(4))))
          .orElseThrow(() -> new IllegalStateException("no retained checkpoint under " + root));
    }
  }

  private static Map<String, JsonNode> allDocs(RestClient client, String index) throws Exception {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    Request first = new Request("POST", "/" + index + "/_search");
    first.addParameter("scroll", "1m");
    first.setJsonEntity("{\"size\":5000,\"sort\":[\"_doc\"]}");
    JsonNode page = json(client, first);
    String scrollId = page.path("_scroll_id").asText();
    while (true) {
      JsonNode hits = page.path("hits").path("hits");
      if (hits.isEmpty()) {
        break;
      }
      for (Iterator<JsonNode> it = hits.elements(); it.hasNext(); ) {
        JsonNode h = it.next();
        out.put(h.path("_id").asText(), h.path("_source"));
      }
      Request next = new Request("POST", "/_search/scroll");
      next.setJsonEntity("{\"scroll\":\"1m\",\"scroll_id\":\"" + scrollId + "\"}");
      page = json(client, next);
      scrollId = page.path("_scroll_id").asText();
    }
    Request clear = new Request("DELETE", "/_search/scroll");
    clear.setJsonEntity("{\"scroll_id\":\"" + scrollId + "\"}");
    client.performRequest(clear);
    return out;
  }

  private static JsonNode json(RestClient client, Request r) throws Exception {
    return EventCodec.mapper().readTree(EntityUtils.toString(client.performRequest(r).getEntity()));
  }

  /**
   * Writes the lines with event time before {@code split} to one file and the rest to another;
   * returns the distinct events of the second.
   */
  private static int splitByEventTime(Path events, Instant split, Path before, Path from)
      throws IOException {
    List<String> early = new ArrayList<>();
    List<String> rest = new ArrayList<>();
    try (Stream<String> lines = Files.lines(events)) {
      for (String line : (Iterable<String>) lines::iterator) {
        Instant t = Instant.parse(EventCodec.mapper().readTree(line).path("event_time").asText());
        (t.isBefore(split) ? early : rest).add(line);
      }
    }
    assertTrue(early.size() > 1000 && rest.size() > 1000, early.size() + " / " + rest.size());
    Files.write(before, early);
    Files.write(from, rest);
    return new HashSet<>(rest).size(); // a re-delivered duplicate is the same line
  }

  /**
   * A malformed record, an unknown event type and an invalid credit code (wrong check char), to be
   * stamped with the event time of the complaint they are made from ({@link #badRecordsTime}).
   * Stamped with the wall clock instead (as a plain producer does), they moved their partition's
   * watermark to today; once the other partitions were idle, event time jumped there and every
   * quiet warning closed (docs/streaming-operations.md, "Record timestamps").
   */
  private static List<byte[]> badRecords(Path events) throws IOException {
    String line;
    try (Stream<String> lines = Files.lines(events)) {
      line = lines.filter(l -> l.contains("\"type\":\"complaint\"")).findFirst().orElseThrow();
    }
    ObjectNode complaint = (ObjectNode) EventCodec.mapper().readTree(line);
    badRecordsTime = Instant.parse(complaint.path("event_time").asText()).toEpochMilli();
    ObjectNode unknown = complaint.deepCopy();
    unknown.put("type", "drone-sighting");
    ObjectNode badCode = complaint.deepCopy();
    String code = badCode.path("credit_code").asText();
    char check = code.charAt(code.length() - 1);
    badCode.put("credit_code", code.substring(0, code.length() - 1) + (check == '0' ? '1' : '0'));
    return List.of(
        "{\"event_id\": oops".getBytes(StandardCharsets.UTF_8),
        unknown.toString().getBytes(StandardCharsets.UTF_8),
        badCode.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static long ms(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  private static void log(String fmt, Object... args) {
    System.out.println("[fault-test] " + String.format(fmt, args));
  }

  /**
   * A TCP forwarder standing in for the network between job and Elasticsearch: {@link #stop()}
   * closes the listening socket and every open connection (connection refused until {@link
   * #start()} binds the same port again).
   */
  static final class TcpProxy implements AutoCloseable {
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;
    private int port;
    private volatile int accepted;
    private final AtomicLong upstream = new AtomicLong();

    TcpProxy(String targetHost, int targetPort) throws IOException {
      this.targetHost = targetHost;
      this.targetPort = targetPort;
      start();
    }

    int port() {
      return port;
    }

    int accepted() {
      return accepted;
    }

    /** Bytes forwarded from clients to the target so far. */
    long upstreamBytes() {
      return upstream.get();
    }

    void awaitUpstreamBytes(long bytes, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (upstream.get() < bytes) {
        if (System.nanoTime() > deadline) {
          fail("only " + upstream.get() + " bytes reached the target in " + timeout);
        }
        Thread.sleep(5);
      }
    }

    synchronized void start() throws IOException {
      ServerSocket s = new ServerSocket();
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      port = s.getLocalPort();
      server = s;
      Thread t = new Thread(() -> acceptLoop(s), "tcp-proxy-" + port);
      t.setDaemon(true);
      t.start();
    }

    synchronized void stop() throws IOException {
      server.close();
      for (Socket s : open) {
        s.close();
      }
      open.clear();
    }

    private void acceptLoop(ServerSocket s) {
      while (!s.isClosed()) {
        try {
          Socket in = s.accept();
          Socket out = new Socket(targetHost, targetPort);
          accepted++;
          open.add(in);
          open.add(out);
          pump(in, out, upstream);
          pump(out, in, new AtomicLong());
        } catch (IOException e) {
          // closed by stop(), or the target refused: the client sees a dropped connection
        }
      }
    }

    private void pump(Socket from, Socket to, AtomicLong forwarded) {
      Thread t =
          new Thread(
              () -> {
                byte[] buf = new byte[64 * 1024];
                try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
                  for (int n; (n = in.read(buf)) >= 0; ) {
                    out.write(buf, 0, n);
                    out.flush();
                    forwarded.addAndGet(n);
                  }
                } catch (IOException e) {
                  // connection closed
                } finally {
                  try {
                    from.close();
                    to.close();
                  } catch (IOException ignored) {
                    // already closed
                  }
                  open.remove(from);
                  open.remove(to);
                }
              },
              "tcp-proxy-pump");
      t.setDaemon(true);
      t.start();
    }

    @Override
    public void close() throws IOException {
      stop();
    }
  }
}
