package io.qualitywatch.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import io.qualitywatch.ingestion.contract.EventCodec;
import io.qualitywatch.ingestion.elastic.ElasticClients;
import io.qualitywatch.ingestion.elastic.ElasticSettings;
import io.qualitywatch.stack.TestStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;

/** The real local Elasticsearch node, with a fresh index prefix per test class. */
public final class EsTestSupport {
  private EsTestSupport() {}

  public static ElasticSettings settings(String prefixStem) {
    String prefix = prefixStem + Long.toHexString(System.nanoTime() & 0xffffff);
    return ElasticSettings.local(TestStack.get().elasticsearchUrl()).withPrefix(prefix);
  }

  public static RestClient client(ElasticSettings es) {
    return ElasticClients.restClient(es);
  }

  public static JsonNode json(RestClient client, String method, String path, String body) {
    Request r = new Request(method, path);
    if (body != null) {
      r.setJsonEntity(body);
    }
    try {
      return EventCodec.mapper()
          .readTree(EntityUtils.toString(client.performRequest(r).getEntity()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes the prefix's indices and templates (wildcard deletes of indices are refused). */
  public static void deleteAll(RestClient client, String prefix) {
    JsonNode indices =
        json(client, "GET", "/" + prefix + "-*?filter_path=*.settings.index.uuid", null);
    java.util.List<String> names = new java.util.ArrayList<>();
    indices.fieldNames().forEachRemaining(names::add);
    if (!names.isEmpty()) {
      json(client, "DELETE", "/" + String.join(",", names), null);
    }
    try {
      json(client, "DELETE", "/_index_template/" + prefix + "-*", null);
    } catch (UncheckedIOException e) {
      // none installed
    }
  }

  public static long count(RestClient client, String index) {
    json(client, "POST", "/" + index + "/_refresh", null);
    return json(client, "GET", "/" + index + "/_count", null).path("count").asLong();
  }
}
