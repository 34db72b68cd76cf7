package io.qualitywatch.dashboards.indices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.qualitywatch.ingestion.contract.EventCodec;
import io.qualitywatch.ingestion.elastic.ElasticClients;
import io.qualitywatch.ingestion.elastic.ElasticSettings;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;

/**
 * The ILM branch, which the local node cannot exercise (no ILM module): against a fake cluster that
 * reports ILM running, event-like concepts get a lifecycle policy, a rollover-ready first index and
 * the lifecycle settings in their template; the others do not.
 */
class IndexInstallerIlmTest {
  @Test
  void withIlmEventLikeIndicesGetAPolicyAndARolloverIndex() throws Exception {
    List<String> calls = Collections.synchronizedList(new ArrayList<>());
    Map<String, JsonNode> bodies = Collections.synchronizedMap(new LinkedHashMap<>());
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          String call = ex.getRequestMethod() + " " + ex.getRequestURI().getPath();
          byte[] in = ex.getRequestBody().readAllBytes();
          calls.add(call);
          if (in.length > 0) {
            bodies.put(call, EventCodec.mapper().readTree(in));
          }
          int status = 200;
          String answer = "{\"acknowledged\":true}";
          if (call.equals("GET /_ilm/status")) {
            answer = "{\"operation_mode\":\"RUNNING\"}";
          } else if (call.startsWith("GET /_alias/") || call.startsWith("HEAD /")) {
            status = 404;
            answer = "{}";
          }
          byte[] out = answer.getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(status, call.startsWith("HEAD") ? -1 : out.length);
          if (!call.startsWith("HEAD")) {
            ex.getResponseBody().write(out);
          }
          ex.close();
        });
    server.start();
    try {
      ElasticSettings es =
          ElasticSettings.local("http://127.0.0.1:" + server.getAddress().getPort())
              .withLocalNode(false);
      List<IndexInstaller.Installed> installed;
      try (RestClient client = ElasticClients.restClient(es)) {
        installed = new IndexInstaller(client, es).installAll();
      }
      Map<String, IndexInstaller.Installed> byConcept = new LinkedHashMap<>();
      installed.forEach(i -> byConcept.put(i.concept(), i));

      assertEquals("qw-events-v1-000001", byConcept.get("events").index());
      assertEquals("qw-score-history-v1-000001", byConcept.get("score-history").index());
      assertEquals("qw-scores-v1", byConcept.get("scores").index());
      assertTrue(byConcept.get("events").ilm());
      assertFalse(byConcept.get("warnings").ilm(), "warnings are updated in place: no rollover");

      List<String> policies =
          calls.stream().filter(c -> c.startsWith("PUT /_ilm/policy/")).toList();
      assertEquals(
          List.of("PUT /_ilm/policy/qw-score-history-policy", "PUT /_ilm/policy/qw-events-policy"),
          policies);
      JsonNode phases =
          bodies.get("PUT /_ilm/policy/qw-events-policy").path("policy").path("phases");
      assertTrue(phases.path("hot").path("actions").has("rollover"));
      assertFalse(phases.has("delete"), "evidence is never deleted by ILM");

      JsonNode eventsTemplate = bodies.get("PUT /_index_template/qw-events").path("template");
      assertEquals(
          "qw-events-policy",
          eventsTemplate.path("settings").path("index").path("lifecycle.name").asText());
      assertEquals(
          "qw-events",
          eventsTemplate.path("settings").path("index").path("lifecycle.rollover_alias").asText());
      assertFalse(bodies.get("PUT /_index_template/qw-scores").path("template").has("settings"));
      assertTrue(
          bodies
              .get("PUT /qw-events-v1-000001")
              .path("aliases")
              .path("qw-events")
              .path("is_write_index")
              .asBoolean());
      // A cluster (not the local node) keeps one replica.
      assertEquals(
          1,
          bodies
              .get("PUT /_component_template/qw-settings")
              .path("template")
              .path("settings")
              .path("index")
              .path("number_of_replicas")
              .asInt());
    } finally {
      server.stop(0);
    }
  }
}
