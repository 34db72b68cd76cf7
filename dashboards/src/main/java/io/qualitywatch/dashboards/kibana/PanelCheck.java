package io.qualitywatch.dashboards.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qualitywatch.ingestion.contract.EventCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * Runs every Lens panel's aggregation against a cluster, without Kibana: before importing the
 * dashboards, a user sees which panels will show data and which indices are still empty.
 */
public final class PanelCheck {
  private PanelCheck() {}

  /** One panel's outcome: buckets with a value, or the error Elasticsearch gave. */
  public record Outcome(
      String id, String title, String index, int rows, int nonEmpty, String error) {
    public boolean hasData() {
      return error == null && nonEmpty > 0;
    }
  }

  public static List<Outcome> run(RestClient client, KibanaObjects objects) {
    List<Outcome> out = new ArrayList<>();
    List<ObjectNode> all = objects.savedObjects();
    for (ObjectNode o : all) {
      if (!o.path("type").asText().equals("lens")) {
        continue;
      }
      String dv = o.path("references").get(0).path("id").asText();
      String index =
          all.stream()
              .filter(x -> x.path("id").asText().equals(dv))
              .findFirst()
              .orElseThrow()
              .path("attributes")
              .path("title")
              .asText();
      String title = o.path("attributes").path("title").asText();
      Request r = new Request("POST", "/" + index + "/_search");
      r.setJsonEntity(PanelQueries.searchBody(o).toString());
      try {
        JsonNode res =
            EventCodec.mapper()
                .readTree(EntityUtils.toString(client.performRequest(r).getEntity()));
        List<PanelQueries.Row> rows = PanelQueries.rows(res.path("aggregations"));
        int nonEmpty =
            (int) rows.stream().filter(x -> !Double.isNaN(x.value()) && x.value() != 0).count();
        out.add(new Outcome(o.path("id").asText(), title, index, rows.size(), nonEmpty, null));
      } catch (ResponseException e) {
        int status = e.getResponse().getStatusLine().getStatusCode();
        out.add(
            new Outcome(
                o.path("id").asText(),
                title,
                index,
                0,
                0,
                status == 404 ? "index missing" : "HTTP " + status));
      } catch (IOException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    }
    return out;
  }
}
