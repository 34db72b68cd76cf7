package io.qualitywatch.dashboards.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qualitywatch.ingestion.codes.CodeTables;
import io.qualitywatch.ingestion.codes.IndustryDivision;
import io.qualitywatch.ingestion.codes.Region;
import io.qualitywatch.ingestion.contract.EventCodec;
import io.qualitywatch.ingestion.elastic.IndexNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * Reads the report's figures from Elasticsearch: annual ratings (or, before the batch job has rated
 * the year, the streaming risk bands), coverage against targets, sampling and complaint events,
 * warnings. Every query is a plain aggregation the local node supports (no scripts).
 */
public final class ReportQueries {
  private static final ObjectMapper MAPPER = EventCodec.mapper();

  /** Used only when no coverage document carries the target (domain brief: ≥ 90 %). */
  static final double DEFAULT_PASS_RATE_TARGET = 90.0;

  private final RestClient client;
  private final IndexNames idx;

  public ReportQueries(RestClient client, IndexNames idx) {
    this.client = client;
    this.idx = idx;
  }

  public ReportData load(int year, Integer month, Instant generatedAt) {
    LocalDate from = month == null ? LocalDate.of(year, 1, 1) : LocalDate.of(year, month, 1);
    LocalDate to =
        month == null ? LocalDate.of(year, 12, 31) : YearMonth.of(year, month).atEndOfMonth();
    String window = range("%s", from, to);

    // Ratings of the year; the streaming bands stand in until the batch job has run.
    String ratingsIndex = idx.ratings();
    String classField = "rating";
    String ratingsFilter = "{\"term\":{\"year\":" + year + "}}";
    if (count(ratingsIndex, ratingsFilter) == 0) {
      ratingsIndex = idx.scores();
      classField = "band";
      ratingsFilter = "{\"match_all\":{}}";
    }
    JsonNode r =
        search(
            ratingsIndex,
            "{\"size\":0,\"query\":"
                + ratingsFilter
                + ",\"aggs\":{"
                + "\"cls\":{\"terms\":{\"field\":\""
                + classField
                + "\",\"size\":4}},"
                + "\"prov\":{\"terms\":{\"field\":\"province_code\",\"size\":40},\"aggs\":{\"cls\":{\"terms\":{\"field\":\""
                + classField
                + "\",\"size\":4}}}},"
                + ranked("city", "city_code", classField)
                + ","
                + ranked("ind", "industry_code", classField)
                + "}}");
    Map<String, Long> byClass = new TreeMap<>();
    for (String c : List.of("A", "B", "C", "D")) {
      byClass.put(c, 0L);
    }
    r.path("aggregations")
        .path("cls")
        .path("buckets")
        .forEach(b -> byClass.put(b.path("key").asText(), b.path("doc_count").asLong()));
    Map<String, Map<String, Long>> byProvince = new TreeMap<>();
    for (JsonNode p : r.path("aggregations").path("prov").path("buckets")) {
      Map<String, Long> m = new TreeMap<>();
      p.path("cls")
          .path("buckets")
          .forEach(b -> m.put(b.path("key").asText(), b.path("doc_count").asLong()));
      byProvince.put(p.path("key").asText(), m);
    }
    List<ReportData.Ranked> regions = rankedList(r.path("aggregations").path("city"), true);
    List<ReportData.Ranked> industries = rankedList(r.path("aggregations").path("ind"), false);
    long rated = byClass.values().stream().mapToLong(Long::longValue).sum();
    long high = byClass.get("C") + byClass.get("D");

    // Events of the window.
    JsonNode ev =
        search(
            idx.events(),
            "{\"size\":0,\"query\":"
                + String.format(window, "event_time")
                + ",\"aggs\":{"
                + "\"sampling\":{\"filter\":{\"term\":{\"type\":\"sampling-result\"}},\"aggs\":{\"pass\":{\"filter\":{\"term\":{\"payload.verdict\":\"PASS\"}}}}},"
                + "\"complaints\":{\"filter\":{\"bool\":{\"filter\":[{\"term\":{\"type\":\"complaint\"}},{\"terms\":{\"payload.kind\":[\"COMPLAINT\",\"REPORT\"]}}]}}}"
                + "}}");
    JsonNode sampling = ev.path("aggregations").path("sampling");
    // Trend: every month of the year up to the end of the window.
    JsonNode trend =
        search(
            idx.events(),
            "{\"size\":0,\"query\":{\"bool\":{\"filter\":["
                + String.format(range("%s", LocalDate.of(year, 1, 1), to), "event_time")
                + ",{\"term\":{\"type\":\"sampling-result\"}}]}},\"aggs\":{\"m\":{\"date_histogram\":{\"field\":\"event_time\",\"calendar_interval\":\"month\",\"format\":\"yyyy-MM\"},\"aggs\":{\"pass\":{\"filter\":{\"term\":{\"payload.verdict\":\"PASS\"}}}}}}}");
    Map<String, long[]> passByMonth = new LinkedHashMap<>();
    for (JsonNode b : trend.path("aggregations").path("m").path("buckets")) {
      passByMonth.put(
          b.path("key_as_string").asText(),
          new long[] {b.path("doc_count").asLong(), b.path("pass").path("doc_count").asLong()});
    }

    // Warnings raised in the window.
    JsonNode w =
        search(
            idx.warnings(),
            "{\"size\":10,\"query\":"
                + String.format(window, "opened_at")
                + ",\"sort\":[{\"level_rank\":\"asc\"},{\"metric\":\"desc\"},{\"warning_id\":\"asc\"}],"
                + "\"aggs\":{\"lvl\":{\"terms\":{\"field\":\"level\",\"size\":4}},\"open\":{\"filter\":{\"term\":{\"status\":\"OPEN\"}}}},"
                + "\"track_total_hits\":true}");
    Map<String, Long> byLevel = new LinkedHashMap<>();
    for (String l : List.of("RED", "ORANGE", "YELLOW", "BLUE")) {
      byLevel.put(l, 0L);
    }
    w.path("aggregations")
        .path("lvl")
        .path("buckets")
        .forEach(b -> byLevel.put(b.path("key").asText(), b.path("doc_count").asLong()));
    List<ReportData.WarningLine> top = new ArrayList<>();
    for (JsonNode h : w.path("hits").path("hits")) {
      JsonNode s = h.path("_source");
      String subject =
          s.hasNonNull("enterprise_name")
              ? s.path("enterprise_name").asText()
              : s.path("subject_key").asText();
      String region =
          s.hasNonNull("region_name")
              ? s.path("region_name").asText()
              : s.hasNonNull("product_category") ? s.path("product_category").asText() : "";
      top.add(
          new ReportData.WarningLine(
              s.path("level_label").asText(),
              s.path("level").asText(),
              s.path("scope").asText(),
              subject,
              region,
              s.path("metric").asDouble(),
              Instant.parse(s.path("opened_at").asText()),
              s.path("status").asText()));
    }

    // Coverage of the year: province-level figures that have a target (all industries together).
    JsonNode cov =
        search(
            idx.coverage(),
            "{\"size\":1000,\"query\":{\"bool\":{\"filter\":[{\"term\":{\"year\":"
                + year
                + "}},{\"term\":{\"region_level\":\"PROVINCE\"}},{\"exists\":{\"field\":\"target\"}},"
                // All industries together: the batch job writes industry "*" for those rows.
                + "{\"bool\":{\"should\":[{\"term\":{\"industry_code\":\"*\"}},"
                + "{\"bool\":{\"must_not\":{\"exists\":{\"field\":\"industry_code\"}}}}]}}]}},"
                + "\"sort\":[{\"metric_code\":\"asc\"},{\"region_code\":\"asc\"}]}");
    List<ReportData.CoverageFigure> coverage = new ArrayList<>();
    double target = DEFAULT_PASS_RATE_TARGET;
    for (JsonNode h : cov.path("hits").path("hits")) {
      JsonNode s = h.path("_source");
      coverage.add(
          new ReportData.CoverageFigure(
              s.path("metric_code").asText(),
              s.path("metric_label").asText(),
              s.path("region_code").asText(),
              s.path("region_name").asText(s.path("region_code").asText()),
              s.path("value").asDouble(),
              s.path("target").asDouble(),
              s.path("target_comparator").asText("GE"),
              s.path("meets_target").asBoolean(),
              s.hasNonNull("yoy_change") ? s.path("yoy_change").asDouble() : null,
              s.path("unit").asText("")));
      if (s.path("metric_code").asText().equalsIgnoreCase("sampling_pass_rate")) {
        // The batch job stores rates as ratios; the report shows percentages.
        double t = s.path("target").asDouble();
        target = "ratio".equals(s.path("unit").asText()) ? t * 100 : t;
      }
    }
    long below = coverage.stream().filter(c -> !c.meetsTarget()).count();

    ReportData.Headline headline =
        new ReportData.Headline(
            rated,
            high,
            sampling.path("doc_count").asLong(),
            sampling.path("pass").path("doc_count").asLong(),
            ev.path("aggregations").path("complaints").path("doc_count").asLong(),
            w.path("hits").path("total").path("value").asLong(),
            byLevel,
            w.path("aggregations").path("open").path("doc_count").asLong(),
            coverage.size(),
            below);
    return new ReportData(
        year,
        month,
        from,
        to,
        generatedAt,
        ratingsIndex.equals(idx.ratings()) ? "ratings" : "scores",
        headline,
        byClass,
        byProvince,
        passByMonth,
        target,
        coverage,
        regions,
        industries,
        top);
  }

  /** Top 10 by high-risk (C/D) count, with the total per key for the share. */
  private static String ranked(String name, String field, String classField) {
    return "\""
        + name
        + "\":{\"terms\":{\"field\":\""
        + field
        + "\",\"size\":10,\"order\":[{\"hr\":\"desc\"},{\"_key\":\"asc\"}]},\"aggs\":{\"hr\":{\"filter\":{\"terms\":{\""
        + classField
        + "\":[\"C\",\"D\"]}}}}}";
  }

  private static List<ReportData.Ranked> rankedList(JsonNode agg, boolean region) {
    List<ReportData.Ranked> out = new ArrayList<>();
    for (JsonNode b : agg.path("buckets")) {
      long hr = b.path("hr").path("doc_count").asLong();
      if (hr == 0) {
        continue;
      }
      String code = b.path("key").asText();
      String name =
          region
              ? CodeTables.get().region(code).map(Region::name).orElse(code)
              : CodeTables.get().industry(code).map(IndustryDivision::name).orElse(code);
      out.add(new ReportData.Ranked(code, name, hr, b.path("doc_count").asLong()));
    }
    return out;
  }

  private static String range(String fieldPlaceholder, LocalDate from, LocalDate to) {
    return "{\"range\":{\""
        + fieldPlaceholder
        + "\":{\"gte\":\""
        + from
        + "T00:00:00Z\",\"lt\":\""
        + to.plusDays(1)
        + "T00:00:00Z\"}}}";
  }

  private long count(String index, String query) {
    return search(index, "{\"size\":0,\"track_total_hits\":true,\"query\":" + query + "}")
        .path("hits")
        .path("total")
        .path("value")
        .asLong();
  }

  private JsonNode search(String index, String body) {
    Request req = new Request("POST", "/" + index + "/_search");
    req.setJsonEntity(body);
    try {
      return MAPPER.readTree(EntityUtils.toString(client.performRequest(req).getEntity()));
    } catch (ResponseException e) {
      if (e.getResponse().getStatusLine().getStatusCode() == 404) {
        // The producing job has not written this index yet: the report says "no data".
        return MAPPER.createObjectNode();
      }
      throw new IllegalStateException("search " + index + " failed: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
