package io.qualitywatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.qualitywatch.dashboards.indices.IndexInstaller;
import io.qualitywatch.ingestion.config.ConfigSource;
import io.qualitywatch.ingestion.contract.Complaint;
import io.qualitywatch.ingestion.contract.EventCodec;
import io.qualitywatch.ingestion.contract.EventEnvelope;
import io.qualitywatch.ingestion.elastic.ElasticClients;
import io.qualitywatch.ingestion.elastic.ElasticSettings;
import io.qualitywatch.ingestion.elastic.IndexNames;
import io.qualitywatch.ingestion.generator.GeneratedFiles;
import io.qualitywatch.ingestion.importer.IngestSummary;
import io.qualitywatch.ingestion.kafka.KafkaSettings;
import io.qualitywatch.risk.scoring.Evidence;
import io.qualitywatch.risk.scoring.EvidenceMapper;
import io.qualitywatch.risk.scoring.RiskScore;
import io.qualitywatch.risk.scoring.RiskScorer;
import io.qualitywatch.risk.scoring.ScoringRules;
import io.qualitywatch.streaming.StreamJobMain;
import io.qualitywatch.streaming.source.ParseEvents;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.http.util.EntityUtils;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walking skeleton through the real services: generated events → FileIngestor → real Kafka
 * broker → the Flink job (local MiniCluster) → the real Elasticsearch node; then the indexed
 * documents are read back and checked against the input.
 */
class PipelineEndToEndTest {
  @TempDir Path dir;

  @Test
  void generatedEventsFlowThroughKafkaAndFlinkIntoElasticsearch() throws Exception {
    BoundedRun run = BoundedRun.on("e2e");
    String prefix = run.prefix;
    ConfigSource config = run.config;
    KafkaSettings kafka = run.kafka;
    ElasticSettings es = ElasticSettings.from(config);
    BoundedRun.Loaded loaded = run.generateAndIngest(dir.resolve("gen"), 7, 800, 120);
    GeneratedFiles files = loaded.files();
    IngestSummary summary = loaded.summary();
    assertEquals(files.uniqueEvents(), summary.accepted());
    List<EventEnvelope> events = readEvents(files.events());
    // One malformed record written straight to an event topic must reach the dead-letter topic. It
    // carries an event time, as the topics' contract asks: a wall-clock stamp would set the bounded
    // run's end of input (the topics' highest timestamp) to today (docs/streaming-operations.md).
    Properties props = kafka.clientProps();
    try (var raw =
        new KafkaProducer<String, byte[]>(
            props, new StringSerializer(), new ByteArraySerializer())) {
      raw.send(
              new ProducerRecord<>(
                  kafka.topics().allEvents().get(0),
                  null,
                  events.get(0).eventTime().toEpochMilli(),
                  "x",
                  "{oops".getBytes(StandardCharsets.UTF_8)))
          .get();
    }

    try (RestClient client = ElasticClients.restClient(es)) {
      new IndexInstaller(client, es).installAll();
      JobExecutionResult result =
          StreamJobMain.run(config, StreamExecutionEnvironment.getExecutionEnvironment());
      assertEquals(summary.accepted() + 1, counter(result, "events-in"));
      assertEquals(1, counter(result, "dead-letters"));
      // The importer stamps every record with its event time.
      assertEquals(0, counter(result, ParseEvents.FOREIGN_TIMESTAMPS));

      IndexNames idx = es.indices();
      client.performRequest(new Request("POST", "/" + prefix + "-*/_refresh"));
      assertEquals(summary.accepted(), count(client, idx.events()));

      // Every complaint is indexed with its personal data masked.
      EventEnvelope complaint =
          events.stream()
              .filter(e -> e.payload() instanceof Complaint c && c.complainant() != null)
              .findFirst()
              .orElseThrow();
      Complaint.Complainant person = ((Complaint) complaint.payload()).complainant();
      JsonNode doc = get(client, idx.events(), complaint.eventId());
      assertEquals(complaint.creditCode(), doc.path("credit_code").asText());
      assertEquals(complaint.eventTime().toString(), doc.path("event_time").asText());
      String docText = doc.toString();
      assertFalse(docText.contains(person.phone()), docText);
      assertFalse(docText.contains(person.idNumber()), docText);

      // The indexed latest score of the riskiest enterprise equals the batch scorer's result over
      // the same evidence: one scoring implementation for stream and batch.
      Map<String, List<Evidence>> byEnterprise = new LinkedHashMap<>();
      for (EventEnvelope e : events) {
        EvidenceMapper.map(e)
            .ifPresent(
                ev ->
                    byEnterprise.computeIfAbsent(ev.creditCode(), k -> new ArrayList<>()).add(ev));
      }
      assertEquals(byEnterprise.size(), count(client, idx.scores()));
      JsonNode top =
          search(client, idx.scores(), "{\"size\":1,\"sort\":[{\"score\":\"desc\"}]}")
              .path("hits")
              .path("hits")
              .get(0)
              .path("_source");
      String code = top.path("credit_code").asText();
      List<Evidence> evidence =
          byEnterprise.get(code).stream()
              .sorted(
                  Comparator.comparingLong(Evidence::eventTimeMillis)
                      .thenComparing(Evidence::eventId))
              .toList();
      long asOf = evidence.get(evidence.size() - 1).eventTimeMillis();
      RiskScore expected = new RiskScorer(ScoringRules.defaults()).scoreAll(code, evidence, asOf);
      assertEquals(expected.score(), top.path("score").asDouble(), 0.011);
      assertEquals(expected.band().name(), top.path("band").asText());
      assertEquals(expected.reasons().get(0).code(), top.path("top_reason").asText());
      assertTrue(top.path("score").asDouble() > 0);
    }
  }

  private static long counter(JobExecutionResult r, String name) {
    return ((Number) r.getAccumulatorResult(name)).longValue();
  }

  private static List<EventEnvelope> readEvents(Path file) throws Exception {
    List<EventEnvelope> out = new ArrayList<>();
    Map<String, Boolean> seen = new LinkedHashMap<>();
    try (BufferedReader r = Files.newBufferedReader(file)) {
      for (String line; (line = r.readLine()) != null; ) {
        EventEnvelope e = EventCodec.decode(line.getBytes(StandardCharsets.UTF_8));
        if (seen.put(e.eventId(), true) == null) {
          out.add(e);
        }
      }
    }
    return out;
  }

  private static long count(RestClient client, String index) throws Exception {
    return json(client, new Request("GET", "/" + index + "/_count")).path("count").asLong();
  }

  private static JsonNode get(RestClient client, String index, String id) throws Exception {
    return json(client, new Request("GET", "/" + index + "/_doc/" + id)).path("_source");
  }

  private static JsonNode search(RestClient client, String index, String body) throws Exception {
    Request r = new Request("POST", "/" + index + "/_search");
    r.setJsonEntity(body);
    return json(client, r);
  }

  private static JsonNode json(RestClient client, Request r) throws Exception {
    return EventCodec.mapper().readTree(EntityUtils.toString(client.performRequest(r).getEntity()));
  }
}
