package io.qualitywatch.dashboards.kibana;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.qualitywatch.ingestion.contract.EventCodec;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The importer against a fake Kibana (JDK HttpServer) that records every request. */
class KibanaImporterTest {
  record Recorded(String method, String uri, Map<String, List<String>> headers, byte[] body) {
    String header(String name) {
      List<String> v = headers.get(name);
      return v == null ? null : v.get(0);
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  HttpServer server;
  final List<Recorded> requests = Collections.synchronizedList(new ArrayList<>());
  String existingRule;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          byte[] body = ex.getRequestBody().readAllBytes();
          Recorded r =
              new Recorded(
                  ex.getRequestMethod(),
                  ex.getRequestURI().toString(),
                  Map.copyOf(ex.getRequestHeaders()),
                  body);
          requests.add(r);
          int status = 200;
          String answer = "{}";
          String path = ex.getRequestURI().getPath();
          if (path.endsWith("/api/saved_objects/_import")) {
            answer = importAnswer(r);
          } else if (path.contains("/api/alerting/rule/")
              && r.method().equals("POST")
              && path.endsWith(existingRule)) {
            status = 409;
            answer = "{\"statusCode\":409,\"error\":\"Conflict\"}";
          }
          byte[] out = answer.getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(status, out.length);
          ex.getResponseBody().write(out);
          ex.close();
        });
    server.start();
  }

  /** Answers like Kibana: one success per object in the uploaded file. */
  private static String importAnswer(Recorded r) {
    ObjectNode res = EventCodec.mapper().createObjectNode();
    ArrayNode ok = res.putArray("successResults");
    int n = 0;
    for (String line : filePart(r).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode o = EventCodec.mapper().readTree(line);
        ok.addObject().put("type", o.path("type").asText()).put("id", o.path("id").asText());
        n++;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    res.put("success", true).put("successCount", n);
    res.putArray("errors");
    return res.toString();
  }

  /** The content of the multipart part named "file", parsed with the request's boundary. */
  static String filePart(Recorded r) {
    Matcher m = Pattern.compile("boundary=(\\S+)").matcher(r.header("Content-type"));
    assertTrue(m.find(), r.header("Content-type"));
    String boundary = "--" + m.group(1);
    String body = r.text();
    assertTrue(body.startsWith(boundary + "\r\n"), "body starts with the boundary");
    assertTrue(body.endsWith(boundary + "--\r\n"), "body ends with the closing boundary");
    String part = body.substring(boundary.length() + 2, body.lastIndexOf("\r\n" + boundary + "--"));
    int split = part.indexOf("\r\n\r\n");
    String headers = part.substring(0, split);
    assertTrue(
        headers.contains(
            "Content-Disposition: form-data; name=\"file\"; filename=\"qualitywatch.ndjson\""),
        headers);
    return part.substring(split + 4);
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Test
  void importsTheSavedObjectsAsMultipartAndCreatesOrUpdatesEveryRule() {
    KibanaObjects objects = new KibanaObjects("qw");
    List<AlertRules.Rule> rules = new AlertRules("qw").rules();
    existingRule = rules.get(1).id();
    KibanaImporter importer =
        new KibanaImporter(url(), "analysts", KibanaImporter.basic("elastic", "s3cret"));

    KibanaImporter.Result result = importer.importAll(objects.ndjson(), rules);

    assertTrue(result.ok(), result.errors().toString());
    assertEquals(objects.savedObjects().size(), result.imported());
    assertEquals(9, result.importedByType().get("index-pattern"));
    assertEquals(3, result.importedByType().get("dashboard"));
    assertEquals(objects.panels().size(), result.importedByType().get("lens"));
    assertEquals(rules.size() - 1, result.rulesCreated().size());
    assertEquals(List.of(existingRule), result.rulesUpdated());

    Recorded imp = requests.get(0);
    assertEquals("POST", imp.method());
    assertEquals("/s/analysts/api/saved_objects/_import?overwrite=true", imp.uri());
    assertEquals("true", imp.header("Kbn-xsrf"));
    assertEquals("Basic ZWxhc3RpYzpzM2NyZXQ=", imp.header("Authorization"));
    assertTrue(imp.header("Content-type").startsWith("multipart/form-data; boundary="));
    assertEquals(objects.ndjson(), filePart(imp), "the file part is the ndjson, unchanged");

    // Then one POST per rule, and a PUT for the one that already existed.
    List<Recorded> ruleCalls = requests.subList(1, requests.size());
    assertEquals(rules.size() + 1, ruleCalls.size());
    for (Recorded r : ruleCalls) {
      assertEquals("true", r.header("Kbn-xsrf"));
      assertEquals("application/json", r.header("Content-type"));
      assertTrue(r.uri().startsWith("/s/analysts/api/alerting/rule/qw-"), r.uri());
    }
    Recorded conflicted =
        ruleCalls.stream()
            .filter(r -> r.uri().endsWith(existingRule) && r.method().equals("POST"))
            .findFirst()
            .orElseThrow();
    assertEquals("PUT", ruleCalls.get(ruleCalls.indexOf(conflicted) + 1).method());
    JsonNode created = json(conflicted.text());
    assertEquals(".es-query", created.path("rule_type_id").asText());
    assertEquals("stackAlerts", created.path("consumer").asText());
    JsonNode updated = json(ruleCalls.get(ruleCalls.indexOf(conflicted) + 1).text());
    assertFalse(updated.has("rule_type_id"), "update must not send rule_type_id");
    assertFalse(updated.has("consumer"));
    assertEquals(created.path("params"), updated.path("params"));
  }

  @Test
  void apiKeyAndDefaultSpaceUseThePlainPaths() {
    existingRule = "none";
    KibanaImporter importer = new KibanaImporter(url() + "/", null, KibanaImporter.apiKey("abc=="));
    importer.importAll(new KibanaObjects("qw").ndjson(), List.of());
    Recorded imp = requests.get(0);
    assertEquals("/api/saved_objects/_import?overwrite=true", imp.uri());
    assertEquals("ApiKey abc==", imp.header("Authorization"));
  }

  @Test
  void importErrorsAreReportedNotSwallowed() throws Exception {
    server.removeContext("/");
    server.createContext(
        "/",
        ex -> {
          ex.getRequestBody().readAllBytes();
          byte[] out =
              ("{\"success\":false,\"successCount\":1,\"successResults\":[{\"type\":\"lens\",\"id\":\"x\"}],"
                      + "\"errors\":[{\"type\":\"dashboard\",\"id\":\"qw-dashboard-analysts\","
                      + "\"error\":{\"type\":\"missing_references\"}}]}")
                  .getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, out.length);
          ex.getResponseBody().write(out);
          ex.close();
        });
    KibanaImporter.Result r = new KibanaImporter(url(), null, null).importAll("{}\n", List.of());
    assertFalse(r.ok());
    assertEquals(List.of("dashboard qw-dashboard-analysts: missing_references "), r.errors());
  }

  private static JsonNode json(String s) {
    try {
      return EventCodec.mapper().readTree(s);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
