package io.qualitywatch.dashboards.indices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qualitywatch.ingestion.contract.EventCodec;
import io.qualitywatch.ingestion.elastic.ElasticSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * Installs the platform's indices: one index template per concept (mappings under {@code
 * elasticsearch/templates/<concept>.json}), a shared settings component template, and a versioned
 * index ({@code qw-scores-v1}) behind the concept's alias ({@code qw-scores}). Jobs only ever
 * write to aliases. Idempotent: running it again changes nothing that is in place.
 */
public final class IndexInstaller {
  /** Concepts with a template resource; the alias is {@code <prefix>-<concept>}. */
  public static final List<String> CONCEPTS = List.of("scores", "score-history", "events");

  private static final ObjectMapper MAPPER = EventCodec.mapper();

  private final RestClient client;
  private final ElasticSettings settings;

  public IndexInstaller(RestClient client, ElasticSettings settings) {
    this.client = client;
    this.settings = settings;
  }

  /** What was done for one concept. */
  public record Installed(String alias, String index, boolean created) {}

  public List<Installed> installAll() {
    putSettingsComponent();
    List<Installed> out = new ArrayList<>();
    for (String concept : CONCEPTS) {
      out.add(install(concept));
    }
    return out;
  }

  public Installed install(String concept) {
    JsonNode template = template(concept);
    int version = template.path("version").asInt(1);
    String alias = settings.indexPrefix() + "-" + concept;
    String index = alias + "-v" + version;
    ObjectNode body = MAPPER.createObjectNode();
    body.putArray("index_patterns").add(alias + "-v*");
    body.putArray("composed_of").add(componentName());
    body.put("priority", 200);
    body.put("version", version);
    body.putObject("template").set("mappings", template.get("mappings"));
    body.putObject("_meta").put("managed_by", "qualitywatch").put("concept", concept);
    put("/_index_template/" + alias, body);
    boolean created = false;
    if (!exists("/" + index)) {
      ObjectNode create = MAPPER.createObjectNode();
      create.putObject("aliases").putObject(alias).put("is_write_index", true);
      try {
        put("/" + index, create);
        created = true;
      } catch (IllegalStateException e) {
        if (!e.getMessage().contains("resource_already_exists_exception")) {
          throw e;
        }
      }
    }
    return new Installed(alias, index, created);
  }

  private String componentName() {
    return settings.indexPrefix() + "-settings";
  }

  private void putSettingsComponent() {
    ObjectNode body = MAPPER.createObjectNode();
    ObjectNode index = body.putObject("template").putObject("settings").putObject("index");
    index.put("number_of_shards", 1);
    // One node has nowhere to put a replica: with replicas the indices would stay yellow.
    index.put("number_of_replicas", settings.localNode() ? 0 : 1);
    index.put("refresh_interval", "1s");
    put("/_component_template/" + componentName(), body);
  }

  static JsonNode template(String concept) {
    String path = "/elasticsearch/templates/" + concept + ".json";
    try (InputStream in = IndexInstaller.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no index template resource " + path);
      }
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean exists(String path) {
    try {
      Response r = client.performRequest(new Request("HEAD", path));
      return r.getStatusLine().getStatusCode() == 200;
    } catch (ResponseException e) {
      if (e.getResponse().getStatusLine().getStatusCode() == 404) {
        return false;
      }
      throw new IllegalStateException(e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void put(String path, JsonNode body) {
    Request req = new Request("PUT", path);
    req.setJsonEntity(body.toString());
    try {
      Response r = client.performRequest(req);
      EntityUtils.consume(r.getEntity());
    } catch (ResponseException e) {
      String detail;
      try {
        detail = EntityUtils.toString(e.getResponse().getEntity());
      } catch (IOException ex) {
        detail = e.getMessage();
      }
      throw new IllegalStateException("PUT " + path + " failed: " + detail, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
