package io.qualitywatch.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Talks to the shared {@link TestStack} with plain clients, as other modules' tests will. */
class LocalStackIntegrationTest {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static LocalStack stack;

  @BeforeAll
  static void startStack() {
    stack = TestStack.get();
    System.out.printf(
        "stack %s startedHere=%s in %d ms (es %d ms, kafka %d ms)%n",
        stack,
        stack.startedHere(),
        stack.startupMillis(),
        stack.info().esStartupMillis(),
        stack.info().kafkaStartupMillis());
  }

  @Test
  void elasticsearchTemplatesBulkAndAggregations() throws Exception {
    String es = stack.elasticsearchUrl();
    String index = "qw-it-" + UUID.randomUUID().toString().substring(0, 8);

    HttpResponse<String> root = send("GET", es + "/", null);
    assertEquals(200, root.statusCode(), root.body());
    assertTrue(root.body().contains("\"cluster_name\":\"qualitywatch-local\""), root.body());
    assertEquals(200, send("HEAD", es + "/", null).statusCode());

    String template =
        """
        {"index_patterns": ["%s*"],
         "template": {
           "settings": {"number_of_shards": 1, "number_of_replicas": 0},
           "mappings": {"properties": {
             "product": {"type": "keyword"},
             "ts": {"type": "date"},
             "location": {"type": "geo_point"},
             "score": {"type": "double"}}}}}
        """
            .formatted(index);
    assertOk(send("PUT", es + "/_index_template/" + index, template));

    StringBuilder bulk = new StringBuilder();
    String[][] docs = {
      {"milk", "2024-01-05T10:00:00Z", "10.0"},
      {"milk", "2024-01-20T10:00:00Z", "20.0"},
      {"milk", "2024-02-03T10:00:00Z", "30.0"},
      {"rice", "2024-01-07T10:00:00Z", "40.0"},
      {"rice", "2024-02-11T10:00:00Z", "50.0"},
    };
    for (String[] d : docs) {
      bulk.append("{\"index\":{\"_index\":\"").append(index).append("\"}}\n");
      bulk.append(
          """
          {"product":"%s","ts":"%s","location":{"lat":31.23,"lon":121.47},"score":%s}
          """
              .formatted(d[0], d[1], d[2]));
    }
    HttpResponse<String> bulkResp = send("POST", es + "/_bulk", bulk.toString());
    assertOk(bulkResp);
    assertTrue(bulkResp.body().contains("\"errors\":false"), bulkResp.body());
    assertOk(send("POST", es + "/" + index + "/_refresh", null));

    HttpResponse<String> mapping = send("GET", es + "/" + index + "/_mapping", null);
    assertTrue(mapping.body().contains("geo_point"), mapping.body());
    HttpResponse<String> health =
        send("GET", es + "/_cluster/health/" + index + "?wait_for_status=green&timeout=30s", null);
    assertTrue(health.body().contains("\"status\":\"green\""), health.body());

    String agg =
        """
        {"size": 0,
         "aggs": {
           "by_product": {"terms": {"field": "product", "order": {"_key": "asc"}},
             "aggs": {
               "per_month": {"date_histogram": {"field": "ts", "calendar_interval": "month"}},
               "p": {"percentiles": {"field": "score", "percents": [50]}}}}}}
        """;
    HttpResponse<String> search = send("POST", es + "/" + index + "/_search", agg);
    assertOk(search);
    String body = search.body();
    // milk: 3 docs (2 in Jan, 1 in Feb), median 20; rice: 2 docs (1 + 1), median 45.
    assertTrue(
        Pattern.compile("\"key\":\"milk\",\"doc_count\":3").matcher(body).find(),
        "milk bucket: " + body);
    assertTrue(
        Pattern.compile("\"key\":\"rice\",\"doc_count\":2").matcher(body).find(),
        "rice bucket: " + body);
    assertTrue(
        body.contains(
            "\"key_as_string\":\"2024-01-01T00:00:00.000Z\",\"key\":1704067200000,\"doc_count\":2"),
        "milk January: " + body);
    List<Double> medians = numbersAfter(body, "\"50.0\":");
    assertEquals(List.of(20.0, 45.0), medians, body);

    assertOk(send("DELETE", es + "/" + index, null));
    assertOk(send("DELETE", es + "/_index_template/" + index, null));
  }

  @Test
  void kafkaTopicProduceConsume() throws Exception {
    String topic = "qw-it-" + UUID.randomUUID();
    Map<String, Object> common = Map.of("bootstrap.servers", stack.kafkaBootstrap());
    try (Admin admin = Admin.create(common)) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }
    Properties pp = new Properties();
    pp.putAll(common);
    pp.put("acks", "all");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(pp, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, "batch-42", "{\"defects\":3}")).get();
    }
    Properties cp = new Properties();
    cp.putAll(common);
    cp.put("group.id", "qw-it");
    cp.put("auto.offset.reset", "earliest");
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(cp, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.currentTimeMillis() + 30_000;
      while (System.currentTimeMillis() < deadline) {
        ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
        if (!records.isEmpty()) {
          var r = records.iterator().next();
          assertEquals("batch-42", r.key());
          assertEquals("{\"defects\":3}", r.value());
          return;
        }
      }
    }
    throw new AssertionError("no record consumed from " + topic);
  }

  @Test
  void secondStartReusesAndStatusReportsIt() {
    try (LocalStack again = LocalStack.startOrReuse(stack.config())) {
      assertFalse(again.startedHere());
      assertEquals(stack.elasticsearchUrl(), again.elasticsearchUrl());
      assertEquals(stack.kafkaBootstrap(), again.kafkaBootstrap());
    }
    // closing the reusing instance must not stop anything
    Optional<StackStatus> status = LocalStack.status(stack.config());
    assertTrue(status.isPresent());
    assertTrue(status.get().running(), status.get().toString());
    assertEquals(stack.info().esPid(), status.get().esPid());
    assertEquals(stack.info().kafkaPid(), status.get().kafkaPid());
  }

  private static List<Double> numbersAfter(String body, String key) {
    Matcher m = Pattern.compile(Pattern.quote(key) + "([0-9.]+)").matcher(body);
    List<Double> out = new java.util.ArrayList<>();
    while (m.find()) {
      out.add(Double.parseDouble(m.group(1)));
    }
    return out;
  }

  private static void assertOk(HttpResponse<String> r) {
    assertTrue(r.statusCode() / 100 == 2, r.statusCode() + " " + r.body());
  }

  private static HttpResponse<String> send(String method, String url, String json)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json");
    b.method(
        method,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
