package io.qualitywatch.dashboards.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qualitywatch.ingestion.contract.EventCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Imports the saved objects into Kibana ({@code POST /api/saved_objects/_import?overwrite=true},
 * multipart) and creates or updates the alerting rules ({@code POST /api/alerting/rule/<id>}, on
 * 409 {@code PUT}), so that running it again converges instead of duplicating. Every request
 * carries {@code kbn-xsrf}, which Kibana requires on writes.
 */
public final class KibanaImporter {
  private static final ObjectMapper MAPPER = EventCodec.mapper();

  private final URI base;
  private final String authorization;
  private final HttpClient http;

  /**
   * @param url Kibana's base URL, e.g. {@code https://kibana.example:5601}
   * @param space a Kibana space id, or null for the default space
   * @param authorization the Authorization header value, or null
   */
  public KibanaImporter(String url, String space, String authorization) {
    String b = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    if (space != null && !space.isBlank() && !space.equals("default")) {
      b += "/s/" + space;
    }
    this.base = URI.create(b + "/");
    this.authorization = authorization;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  public static String basic(String username, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  public static String apiKey(String key) {
    return "ApiKey " + key;
  }

  /** What the import did. */
  public record Result(
      int imported,
      Map<String, Integer> importedByType,
      List<String> errors,
      List<String> rulesCreated,
      List<String> rulesUpdated) {
    public boolean ok() {
      return errors.isEmpty();
    }
  }

  public Result importAll(String ndjson, List<AlertRules.Rule> rules) {
    List<String> errors = new ArrayList<>();
    Map<String, Integer> byType = new LinkedHashMap<>();
    JsonNode res = importSavedObjects(ndjson);
    for (JsonNode r : res.path("successResults")) {
      byType.merge(r.path("type").asText(), 1, Integer::sum);
    }
    for (JsonNode e : res.path("errors")) {
      errors.add(
          e.path("type").asText()
              + " "
              + e.path("id").asText()
              + ": "
              + e.path("error").path("type").asText()
              + " "
              + e.path("error").path("message").asText(""));
    }
    List<String> created = new ArrayList<>();
    List<String> updated = new ArrayList<>();
    for (AlertRules.Rule rule : rules) {
      try {
        if (putRule(rule)) {
          created.add(rule.id());
        } else {
          updated.add(rule.id());
        }
      } catch (IllegalStateException e) {
        errors.add("rule " + rule.id() + ": " + e.getMessage());
      }
    }
    return new Result(res.path("successCount").asInt(), byType, errors, created, updated);
  }

  /** The saved-objects import; overwrite so that a re-import replaces our own objects. */
  public JsonNode importSavedObjects(String ndjson) {
    String boundary = "qw-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    write(body, "--" + boundary + "\r\n");
    write(
        body,
        "Content-Disposition: form-data; name=\"file\"; filename=\"qualitywatch.ndjson\"\r\n");
    write(body, "Content-Type: application/ndjson\r\n\r\n");
    write(body, ndjson);
    write(body, "\r\n--" + boundary + "--\r\n");
    HttpRequest.Builder req =
        request("api/saved_objects/_import?overwrite=true")
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    HttpResponse<String> r = send(req);
    if (r.statusCode() != 200) {
      throw new IllegalStateException(
          "saved-objects import failed: HTTP " + r.statusCode() + " " + r.body());
    }
    return parse(r.body());
  }

  /** Creates the rule under its id; if it exists, updates it. True when created. */
  public boolean putRule(AlertRules.Rule rule) {
    String path = "api/alerting/rule/" + rule.id();
    HttpResponse<String> r =
        send(
            request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(rule.body().toString())));
    if (r.statusCode() == 200) {
      return true;
    }
    if (r.statusCode() != 409) {
      throw new IllegalStateException("HTTP " + r.statusCode() + " " + r.body());
    }
    // The update API refuses the fields fixed at creation.
    ObjectNode update = rule.body().deepCopy();
    update.remove(List.of("rule_type_id", "consumer", "enabled"));
    HttpResponse<String> u =
        send(
            request(path)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(update.toString())));
    if (u.statusCode() != 200) {
      throw new IllegalStateException("update: HTTP " + u.statusCode() + " " + u.body());
    }
    return false;
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(120))
            .header("kbn-xsrf", "true");
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return b;
  }

  private HttpResponse<String> send(HttpRequest.Builder req) {
    try {
      return http.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach Kibana at " + base + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static JsonNode parse(String body) {
    try {
      return MAPPER.readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException("Kibana answered with non-JSON: " + body, e);
    }
  }

  private static void write(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }
}
