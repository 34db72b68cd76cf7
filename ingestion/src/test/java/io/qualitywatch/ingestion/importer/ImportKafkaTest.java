package io.qualitywatch.ingestion.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.qualitywatch.ingestion.contract.EventCodec;
import io.qualitywatch.ingestion.contract.EventEnvelope;
import io.qualitywatch.ingestion.contract.EventType;
import io.qualitywatch.ingestion.contract.SamplingResult;
import io.qualitywatch.ingestion.kafka.EventPublisher;
import io.qualitywatch.ingestion.kafka.KafkaSettings;
import io.qualitywatch.ingestion.kafka.TopicAdmin;
import io.qualitywatch.ingestion.kafka.Topics;
import io.qualitywatch.ingestion.resolve.UnresolvedReason;
import io.qualitywatch.ingestion.validation.RejectReason;
import io.qualitywatch.stack.TestStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Through the real local broker: topics, publishing, dead letters, unresolved records. */
class ImportKafkaTest {
  private static KafkaSettings settings;

  @BeforeAll
  static void stack() {
    String bootstrap = TestStack.get().kafkaBootstrap();
    // A fresh prefix per run: earlier runs' records must not satisfy this run's assertions.
    settings =
        KafkaSettings.local(bootstrap).withPrefix("it" + Long.toString(System.nanoTime(), 36));
    TopicAdmin.ensureTopics(settings);
  }

  @Test
  void topicsExistWithPartitionsAndUnlimitedRetentionOnEvidence() throws Exception {
    TopicAdmin.ensureTopics(settings); // a second call changes nothing and does not fail
    Topics t = settings.topics();
    try (Admin admin = Admin.create(settings.clientProps())) {
      Map<String, TopicDescription> d = admin.describeTopics(t.all()).allTopicNames().get();
      assertEquals(Set.copyOf(t.all()), d.keySet());
      d.values().forEach(td -> assertEquals(settings.partitions(), td.partitions().size()));
      List<ConfigResource> res =
          t.all().stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
      Map<ConfigResource, Config> configs = admin.describeConfigs(res).all().get();
      for (String name : t.all()) {
        String retention =
            configs
                .get(new ConfigResource(ConfigResource.Type.TOPIC, name))
                .get("retention.ms")
                .value();
        boolean evidence =
            t.allEvents().contains(name)
                || name.equals(t.deadLetter())
                || name.equals(t.unresolved());
        assertEquals(evidence, "-1".equals(retention), name + " retention.ms=" + retention);
      }
    }
  }

  @Test
  void malformedLinesLandInTheDeadLetterTopicWithReasonAndLine() throws Exception {
    Path file = ImportMappingTest.resource("import/malformed.jsonl");
    IngestSummary s;
    try (EventPublisher pub = new EventPublisher(settings)) {
      s = FileIngestor.builder().sink(pub).progress(null).build().ingest(file);
    }
    // 13 physical lines, one blank.
    assertEquals(12, s.read(), s.format());
    assertEquals(2, s.accepted());
    assertEquals(1, s.duplicate());
    assertEquals(1, s.unresolved(UnresolvedReason.NOT_IN_REGISTRY));
    assertEquals(8, s.rejectedTotal());
    assertTrue(s.balanced());
    assertEquals(2, s.eventsPublished());

    Map<Long, RejectReason> expected = new TreeMap<>();
    expected.put(3L, RejectReason.MALFORMED_JSON);
    expected.put(4L, RejectReason.BAD_CREDIT_CODE);
    expected.put(5L, RejectReason.MISSING_FIELD);
    expected.put(6L, RejectReason.FUTURE_TIMESTAMP);
    expected.put(7L, RejectReason.UNKNOWN_REGION);
    expected.put(8L, RejectReason.WRONG_TYPE);
    expected.put(9L, RejectReason.INVALID_ENCODING);
    expected.put(12L, RejectReason.UNKNOWN_EVENT_TYPE);

    Topics t = settings.topics();
    List<ConsumerRecord<String, byte[]>> dlq = consume(t.deadLetter(), expected.size());
    Map<Long, RejectReason> actual = new TreeMap<>();
    Map<Long, JsonNode> byLine = new HashMap<>();
    for (ConsumerRecord<String, byte[]> r : dlq) {
      JsonNode j = EventCodec.mapper().readTree(r.value());
      assertEquals("malformed.jsonl", j.get("source_file").asText());
      long line = j.get("line").asLong();
      actual.put(line, RejectReason.valueOf(j.get("reason").asText()));
      byLine.put(line, j);
      assertEquals(
          j.get("reason").asText(),
          new String(r.headers().lastHeader("reason").value(), StandardCharsets.UTF_8));
      assertNotNull(j.get("rejected_at"));
    }
    assertEquals(expected, actual);
    assertEquals("payload.batch_id", byLine.get(5L).get("field").asText());
    // Invalid UTF-8 is kept byte for byte, as base64.
    byte[] original =
        Files.readAllLines(file, StandardCharsets.ISO_8859_1)
            .get(8)
            .getBytes(StandardCharsets.ISO_8859_1);
    assertArrayEquals(
        original, Base64.getDecoder().decode(byLine.get(9L).get("raw_base64").asText()));
    assertTrue(
        byLine.get(3L).get("raw").asText().startsWith("{\"schema\": \"sampling-result/v1\""));

    // The valid lines, on their own topics, keyed by credit code, with the contract headers.
    List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
    EventEnvelope sampling = EventCodec.decode(lines.get(0).getBytes(StandardCharsets.ISO_8859_1));
    EventEnvelope complaint = EventCodec.decode(lines.get(1).getBytes(StandardCharsets.ISO_8859_1));
    List<ConsumerRecord<String, byte[]>> samplings =
        consume(t.events(EventType.SAMPLING_RESULT), 1);
    List<ConsumerRecord<String, byte[]>> complaints = consume(t.events(EventType.COMPLAINT), 1);
    assertEquals(1, samplings.size());
    assertEquals(sampling, EventCodec.decode(samplings.get(0).value()));
    assertEquals(sampling.creditCode(), samplings.get(0).key());
    assertEquals(
        sampling.eventId(),
        new String(
            samplings.get(0).headers().lastHeader("event-id").value(), StandardCharsets.UTF_8));
    assertEquals(
        "sampling-result/v1",
        new String(
            samplings.get(0).headers().lastHeader("schema").value(), StandardCharsets.UTF_8));
    assertEquals(complaint, EventCodec.decode(complaints.get(0).value()));

    List<ConsumerRecord<String, byte[]>> unresolved = consume(t.unresolved(), 1);
    JsonNode u = EventCodec.mapper().readTree(unresolved.get(0).value());
    assertEquals("NOT_IN_REGISTRY", u.get("reason").asText());
    assertEquals(13, u.get("line").asLong());
    assertEquals("从未登记的食品厂", u.get("event").get("enterprise_name").asText());
  }

  @Test
  void reIngestingGivesTheSameEventIds() throws Exception {
    KafkaSettings fresh = settings.withPrefix(settings.topicPrefix() + "r");
    TopicAdmin.ensureTopics(fresh);
    Path file = ImportMappingTest.resource("import/renamed/samples-gbk.csv");
    Mapping mapping =
        Mapping.load(ImportMappingTest.resource("import/renamed/mapping.json").toString());
    for (int load = 0; load < 2; load++) {
      try (EventPublisher pub = new EventPublisher(fresh)) {
        IngestSummary s =
            FileIngestor.builder()
                .mapping(mapping)
                .registry(ImportMappingTest.fixtureRegistry())
                .sink(pub)
                .progress(null)
                .build()
                .ingest(file);
        assertEquals(4, s.eventsPublished());
      }
    }
    List<ConsumerRecord<String, byte[]>> all =
        consume(fresh.topics().events(EventType.SAMPLING_RESULT), 8);
    assertEquals(8, all.size());
    Map<String, Long> perId =
        all.stream()
            .collect(
                Collectors.groupingBy(
                    r ->
                        new String(
                            r.headers().lastHeader("event-id").value(), StandardCharsets.UTF_8),
                    Collectors.counting()));
    assertEquals(4, perId.size(), "each of the 4 events twice, under the same id");
    perId.values().forEach(n -> assertEquals(2L, n));
    // Identical bytes too: a compacting or idempotent consumer sees the same record.
    Map<String, List<String>> values = new HashMap<>();
    for (ConsumerRecord<String, byte[]> r : all) {
      EventEnvelope e = EventCodec.decode(r.value());
      assertTrue(e.payload() instanceof SamplingResult);
      values
          .computeIfAbsent(e.eventId(), k -> new ArrayList<>())
          .add(new String(r.value(), StandardCharsets.UTF_8));
    }
    values.values().forEach(v -> assertEquals(v.get(0), v.get(1)));
  }

  @Test
  void brokerRefusalSurfacesAsAnException() throws Exception {
    Path file = ImportMappingTest.resource("import/malformed.jsonl");
    EventEnvelope valid =
        EventCodec.decode(
            Files.readAllLines(file, StandardCharsets.ISO_8859_1)
                .get(0)
                .getBytes(StandardCharsets.ISO_8859_1));
    SamplingResult p = (SamplingResult) valid.payload();
    // 2 MB product name: larger than the producer's max.request.size, refused per record.
    SamplingResult huge =
        new SamplingResult(
            p.batchId(),
            p.programme(),
            p.samplingDate(),
            p.productCategory(),
            "油".repeat(700_000),
            p.role(),
            null,
            p.items(),
            p.verdict(),
            null);
    EventEnvelope big =
        EventEnvelope.of(
            valid.eventTime(),
            valid.source(),
            valid.creditCode(),
            valid.enterpriseName(),
            valid.regionCode(),
            valid.industryCode(),
            huge);
    EventPublisher pub = new EventPublisher(settings);
    pub.publish(big);
    assertThrows(EventPublisher.PublishException.class, pub::flush);
    assertThrows(EventPublisher.PublishException.class, () -> pub.publish(valid));
    assertThrows(EventPublisher.PublishException.class, pub::close);
  }

  @Test
  void producerSettingsAreIdempotentAndCompressed() {
    Properties p = EventPublisher.producerProperties(settings);
    assertEquals("true", p.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
    assertEquals("all", p.get(ProducerConfig.ACKS_CONFIG));
    assertEquals("lz4", p.get(ProducerConfig.COMPRESSION_TYPE_CONFIG));
  }

  /** Reads a topic from the beginning until {@code atLeast} records arrived or 30 s passed. */
  static List<ConsumerRecord<String, byte[]>> consume(String topic, int atLeast) {
    Properties props = settings.clientProps();
    props.put("key.deserializer", StringDeserializer.class.getName());
    props.put("value.deserializer", ByteArrayDeserializer.class.getName());
    props.put("enable.auto.commit", "false");
    List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props)) {
      List<TopicPartition> parts =
          c.partitionsFor(topic).stream()
              .map(pi -> new TopicPartition(topic, pi.partition()))
              .toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (out.size() < atLeast && System.nanoTime() < deadline) {
        c.poll(Duration.ofMillis(200)).forEach(out::add);
      }
      // One more short poll: more records than expected would be a bug worth seeing.
      c.poll(Duration.ofMillis(300)).forEach(out::add);
    }
    return out;
  }
}
