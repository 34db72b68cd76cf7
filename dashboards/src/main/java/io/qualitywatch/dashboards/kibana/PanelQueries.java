package io.qualitywatch.dashboards.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qualitywatch.ingestion.contract.EventCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * The search a Lens panel makes, derived from the saved object itself (not from the catalogue), so
 * that executing it checks what Kibana will run: the layer's columns in order become nested
 * aggregations (terms, date_histogram, filters) with the value column as the leaf metric.
 */
public final class PanelQueries {
  private static final ObjectMapper MAPPER = EventCodec.mapper();

  private PanelQueries() {}

  /** The layer of a Lens saved object (this catalogue uses one layer per panel). */
  public static JsonNode layer(JsonNode lens) {
    JsonNode layers =
        lens.path("attributes")
            .path("state")
            .path("datasourceStates")
            .path("formBased")
            .path("layers");
    if (layers.size() != 1) {
      throw new IllegalArgumentException(lens.path("id").asText() + ": expected one layer");
    }
    return layers.elements().next();
  }

  /** The ordered columns of the layer. */
  public static List<JsonNode> columns(JsonNode lens) {
    JsonNode layer = layer(lens);
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode id : layer.path("columnOrder")) {
      JsonNode col = layer.path("columns").path(id.asText());
      if (col.isMissingNode()) {
        throw new IllegalArgumentException(lens.path("id").asText() + ": no column " + id.asText());
      }
      out.add(col);
    }
    return out;
  }

  /** The search body: the panel's KQL as query, nested aggregations under {@code b0}. */
  public static ObjectNode searchBody(JsonNode lens) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("size", 0);
    body.put("track_total_hits", true);
    body.set(
        "query",
        Kql.toQuery(lens.path("attributes").path("state").path("query").path("query").asText("")));
    List<JsonNode> cols = columns(lens);
    List<JsonNode> buckets = cols.stream().filter(c -> c.path("isBucketed").asBoolean()).toList();
    List<JsonNode> metrics = cols.stream().filter(c -> !c.path("isBucketed").asBoolean()).toList();
    ObjectNode aggs = body.putObject("aggs");
    for (int i = 0; i < buckets.size(); i++) {
      ObjectNode agg = aggs.putObject("b" + i);
      bucketAgg(buckets.get(i), agg, metrics);
      aggs = agg.putObject("aggs");
      if (i < buckets.size() - 1) {
        // Like Kibana's order-by-metric: each level carries the metric it is sorted by.
        for (int m = 0; m < metrics.size(); m++) {
          metricAgg(metrics.get(m), aggs, "m" + m);
        }
      }
    }
    for (int i = 0; i < metrics.size(); i++) {
      metricAgg(metrics.get(i), aggs, "m" + i);
    }
    return body;
  }

  private static void bucketAgg(JsonNode col, ObjectNode agg, List<JsonNode> metrics) {
    JsonNode params = col.path("params");
    switch (col.path("operationType").asText()) {
      case "terms" -> {
        ObjectNode t = agg.putObject("terms");
        t.put("field", col.path("sourceField").asText());
        t.put("size", params.path("size").asInt(10));
        boolean byMetric =
            params.path("orderBy").path("type").asText().equals("column")
                && !metrics.isEmpty()
                && !metrics.get(0).path("operationType").asText().equals("count");
        if (byMetric) {
          t.putObject("order").put("m0", params.path("orderDirection").asText("desc"));
        } else {
          t.putObject("order").put("_count", params.path("orderDirection").asText("desc"));
        }
      }
      case "date_histogram" -> {
        ObjectNode h = agg.putObject("date_histogram");
        h.put("field", col.path("sourceField").asText());
        h.put("calendar_interval", calendar(params.path("interval").asText("M")));
      }
      case "filters" -> {
        ObjectNode f = agg.putObject("filters").putObject("filters");
        for (JsonNode filter : params.path("filters")) {
          f.set(
              filter.path("label").asText(),
              Kql.toQuery(filter.path("input").path("query").asText()));
        }
      }
      default ->
          throw new IllegalArgumentException(
              "unsupported bucket operation " + col.path("operationType"));
    }
  }

  private static String calendar(String lensInterval) {
    return switch (lensInterval) {
      case "M" -> "month";
      case "w" -> "week";
      case "d" -> "day";
      case "y" -> "year";
      default -> throw new IllegalArgumentException("unsupported interval " + lensInterval);
    };
  }

  private static void metricAgg(JsonNode col, ObjectNode aggs, String name) {
    String field = col.path("sourceField").asText();
    String op = col.path("operationType").asText();
    String es =
        switch (op) {
          case "count" -> "value_count";
          case "average" -> "avg";
          case "sum" -> "sum";
          case "max" -> "max";
          case "min" -> "min";
          case "unique_count" -> "cardinality";
          default -> throw new IllegalArgumentException("unsupported metric " + op);
        };
    if (op.equals("count")) {
      // Lens counts records: the bucket's doc_count. A filter agg matching all keeps the shape.
      aggs.putObject(name).putObject("filter").putObject("match_all");
      return;
    }
    aggs.putObject(name).putObject(es).put("field", field);
  }

  /** The value of metric {@code m0} in a bucket (doc count for count metrics). */
  public static double metricValue(JsonNode bucket) {
    JsonNode m = bucket.path("m0");
    if (m.has("doc_count")) {
      return m.path("doc_count").asDouble();
    }
    return m.path("value").isNull() || m.path("value").isMissingNode()
        ? Double.NaN
        : m.path("value").asDouble();
  }

  /** Flattens nested bucket results into rows of keys plus the metric value. */
  public static List<Row> rows(JsonNode aggregations) {
    List<Row> out = new ArrayList<>();
    collect(aggregations, 0, new ArrayList<>(), out);
    return out;
  }

  /** One leaf of the nested buckets. */
  public record Row(List<String> keys, double value, long docCount) {}

  private static void collect(JsonNode aggs, int depth, List<String> keys, List<Row> out) {
    JsonNode b = aggs.path("b" + depth);
    if (b.isMissingNode()) {
      out.add(new Row(List.copyOf(keys), metricValue(aggs), aggs.path("doc_count").asLong(-1)));
      return;
    }
    JsonNode buckets = b.path("buckets");
    if (buckets.isObject()) {
      // filters agg: keyed buckets
      buckets
          .fields()
          .forEachRemaining(
              e -> {
                keys.add(e.getKey());
                collect(e.getValue(), depth + 1, keys, out);
                keys.remove(keys.size() - 1);
              });
      return;
    }
    for (JsonNode bucket : (ArrayNode) buckets) {
      keys.add(
          bucket.has("key_as_string")
              ? bucket.path("key_as_string").asText()
              : bucket.path("key").asText());
      collect(bucket, depth + 1, keys, out);
      keys.remove(keys.size() - 1);
    }
  }
}
