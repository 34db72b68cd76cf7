package io.qualitywatch.dashboards.kibana;

import static io.qualitywatch.dashboards.EsTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qualitywatch.dashboards.fixture.DemoFixture;
import io.qualitywatch.dashboards.fixture.SharedFixture;
import io.qualitywatch.ingestion.contract.EventCodec;
import io.qualitywatch.ingestion.contract.SamplingResult;
import io.qualitywatch.ingestion.elastic.ElasticSettings;
import io.qualitywatch.risk.index.ScoreDocument;
import io.qualitywatch.risk.warning.WarningDocument;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kibana cannot run here, so its saved objects are checked the way Kibana would use them, on the
 * real Elasticsearch node loaded with demo-like data: every reference resolves, every field a
 * panel, search, control or label names exists in the live mapping with a type Kibana can aggregate
 * (never inside a nested object, which Lens cannot read), and every panel's query and aggregation —
 * derived from the saved object itself — returns data; key panels return exactly what the source
 * data says.
 */
class SavedObjectsVerificationTest {
  static DemoFixture fixture;
  static ElasticSettings es;
  static RestClient client;
  static KibanaObjects kibana;
  static List<JsonNode> objects;
  static Map<String, JsonNode> byTypeAndId;

  @BeforeAll
  static void load() throws Exception {
    SharedFixture.Loaded l = SharedFixture.get();
    fixture = l.data();
    es = l.es();
    client = l.client();
    kibana = new KibanaObjects(es.indexPrefix());
    objects = new ArrayList<>();
    byTypeAndId = new HashMap<>();
    for (String line : kibana.ndjson().split("\n")) {
      JsonNode o = EventCodec.mapper().readTree(line);
      objects.add(o);
      byTypeAndId.put(o.path("type").asText() + "/" + o.path("id").asText(), o);
    }
  }

  // ---- structure ------------------------------------------------------------------------------

  @Test
  void everyReferenceResolvesWithinTheExport() {
    assertEquals(objects.size(), byTypeAndId.size(), "ids are unique per type");
    for (JsonNode o : objects) {
      for (JsonNode ref : o.path("references")) {
        String key = ref.path("type").asText() + "/" + ref.path("id").asText();
        assertTrue(
            byTypeAndId.containsKey(key), o.path("id").asText() + " refers to missing " + key);
      }
    }
    for (JsonNode d : ofType("dashboard")) {
      Set<String> refNames = new HashSet<>();
      d.path("references").forEach(r -> refNames.add(r.path("name").asText()));
      JsonNode panels = parse(d.path("attributes").path("panelsJSON").asText());
      assertTrue(panels.size() >= 6, d.path("id").asText());
      for (JsonNode p : panels) {
        String name = p.path("panelIndex").asText() + ":" + p.path("panelRefName").asText();
        assertTrue(
            refNames.contains(name), d.path("id").asText() + " panel without reference " + name);
      }
    }
    assertEquals(3, ofType("dashboard").size());
  }

  @Test
  void everyFieldExistsInTheRealMappingWithAUsableType() {
    for (JsonNode dv : ofType("index-pattern")) {
      Map<String, Field> fields = mapping(dv.path("attributes").path("title").asText());
      String time = dv.path("attributes").path("timeFieldName").asText(null);
      if (time != null) {
        assertEquals("date", fields.get(time).type(), dv.path("id") + " time field " + time);
      }
      parse(dv.path("attributes").path("fieldAttrs").asText())
          .fieldNames()
          .forEachRemaining(
              f -> assertTrue(fields.containsKey(f), dv.path("id") + " labels unknown " + f));
    }
    int columnsChecked = 0;
    for (JsonNode lens : ofType("lens")) {
      String id = lens.path("id").asText();
      Map<String, Field> fields =
          mapping(dataViewTitle(lens, "indexpattern-datasource-layer-layer1"));
      for (JsonNode col : PanelQueries.columns(lens)) {
        String op = col.path("operationType").asText();
        String f = col.path("sourceField").asText(null);
        if (op.equals("filters")) {
          for (JsonNode filter : col.path("params").path("filters")) {
            assertKqlFields(id, filter.path("input").path("query").asText(), fields);
          }
          continue;
        }
        if (f.equals("___records___")) {
          continue;
        }
        Field field = fields.get(f);
        assertNotNull(field, id + ": field " + f + " is not in the mapping");
        assertFalse(
            field.nested(), id + ": " + f + " is inside a nested object; Lens cannot aggregate it");
        switch (op) {
          case "terms", "unique_count" ->
              assertTrue(
                  Set.of("keyword", "integer", "long", "boolean", "double").contains(field.type()),
                  id + ": " + f + " is " + field.type());
          case "date_histogram" -> assertEquals("date", field.type(), id + ": " + f);
          default ->
              assertTrue(
                  Set.of("double", "long", "integer", "float").contains(field.type()),
                  id + ": " + f + " is " + field.type());
        }
        columnsChecked++;
      }
      assertKqlFields(
          id, lens.path("attributes").path("state").path("query").path("query").asText(), fields);
    }
    assertTrue(columnsChecked > 40, "columns checked: " + columnsChecked);
    for (JsonNode s : ofType("search")) {
      Map<String, Field> fields =
          mapping(dataViewTitle(s, "kibanaSavedObjectMeta.searchSourceJSON.index"));
      for (JsonNode c : s.path("attributes").path("columns")) {
        assertTrue(fields.containsKey(c.asText()), s.path("id") + ": column " + c.asText());
      }
      assertTrue(fields.containsKey(s.path("attributes").path("sort").get(0).get(0).asText()));
    }
    for (JsonNode d : ofType("dashboard")) {
      JsonNode controls =
          parse(d.path("attributes").path("controlGroupInput").path("panelsJSON").asText());
      controls
          .fields()
          .forEachRemaining(
              e -> {
                String field = e.getValue().path("explicitInput").path("fieldName").asText();
                String title =
                    dataViewTitle(d, "controlGroup_" + e.getKey() + ":optionsListDataView");
                Field f = mapping(title).get(field);
                assertNotNull(f, d.path("id") + ": control field " + field + " not in " + title);
                assertTrue(Set.of("keyword", "integer").contains(f.type()), field);
              });
    }
  }

  private static void assertKqlFields(String id, String kql, Map<String, Field> fields) {
    for (String f : Kql.fields(kql)) {
      assertTrue(fields.containsKey(f), id + ": query field " + f + " not in the mapping");
    }
  }

  // ---- execution ------------------------------------------------------------------------------

  @Test
  void everyPanelReturnsDataOnTheRealNode() {
    StringBuilder report = new StringBuilder();
    for (JsonNode lens : ofType("lens")) {
      List<PanelQueries.Row> rows = run(lens);
      long positive = rows.stream().filter(r -> r.value() > 0 || r.value() < 0).count();
      report
          .append(lens.path("id").asText())
          .append(": ")
          .append(rows.size())
          .append(" rows, ")
          .append(positive)
          .append(" non-zero\n");
      assertFalse(rows.isEmpty(), lens.path("id") + " returned no buckets");
      assertTrue(positive > 0, lens.path("id") + " returned only empty values: " + rows);
    }
    System.out.print(report);
    for (JsonNode s : ofType("search")) {
      JsonNode src =
          parse(
              s.path("attributes").path("kibanaSavedObjectMeta").path("searchSourceJSON").asText());
      ObjectNode body = EventCodec.mapper().createObjectNode();
      body.set("query", Kql.toQuery(src.path("query").path("query").asText()));
      body.put("size", 5);
      JsonNode sort = s.path("attributes").path("sort").get(0);
      body.putArray("sort").addObject().put(sort.get(0).asText(), sort.get(1).asText());
      JsonNode res =
          json(
              client,
              "POST",
              "/" + dataViewTitle(s, "kibanaSavedObjectMeta.searchSourceJSON.index") + "/_search",
              body.toString());
      assertTrue(res.path("hits").path("hits").size() > 0, s.path("id") + " finds nothing");
    }
  }

  @Test
  void keyPanelsShowExactlyTheSourceFigures() {
    // Warnings by province and colour.
    Map<List<String>, Long> expected =
        new TreeMap<>(java.util.Comparator.comparing(Object::toString));
    for (WarningDocument w : fixture.warnings.values()) {
      if (w.provinceCode() != null) {
        expected.merge(List.of(w.provinceCode(), w.level()), 1L, Long::sum);
      }
    }
    assertEquals(expected, counts(lens("warnings-by-province-level")));

    // Open red warnings: the metric the duty officer sees first.
    long openRed =
        fixture.warnings.values().stream()
            .filter(w -> w.status().equals("OPEN") && w.level().equals("RED"))
            .count();
    assertTrue(openRed > 0, "fixture has open red warnings");
    assertEquals(openRed, (long) run(lens("open-red-warnings")).get(0).value());

    // The top-risk table starts with the highest-scoring C/D enterprise.
    ScoreDocument top =
        fixture.scores.values().stream()
            .filter(s -> s.band().equals("C") || s.band().equals("D"))
            .max(java.util.Comparator.comparingDouble(ScoreDocument::score))
            .orElseThrow();
    PanelQueries.Row first = run(lens("top-risk-enterprises")).get(0);
    assertEquals(top.creditCode(), first.keys().get(0));
    assertEquals(top.topReason(), first.keys().get(4));
    assertEquals(top.score(), first.value(), 1e-9);

    // Ratings by province and class.
    Map<List<String>, Long> ratings =
        new TreeMap<>(java.util.Comparator.comparing(Object::toString));
    fixture.ratings.forEach(
        r ->
            ratings.merge(
                List.of(r.path("province_code").asText(), r.path("rating").asText()),
                1L,
                Long::sum));
    assertEquals(ratings, counts(lens("ratings-by-province")));

    // Sampling pass-rate trend: PASS/FAIL per month.
    Map<List<String>, Long> verdicts =
        new TreeMap<>(java.util.Comparator.comparing(Object::toString));
    fixture.events.stream()
        .filter(e -> e.payload() instanceof SamplingResult)
        .forEach(
            e ->
                verdicts.merge(
                    List.of(
                        e.eventTime().atZone(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1)
                            + "T00:00:00.000Z",
                        ((SamplingResult) e.payload()).verdict().name()),
                    1L,
                    Long::sum));
    assertEquals(verdicts, counts(lens("sampling-pass-rate")));

    // Coverage vs targets: the gap of every province and year.
    Map<List<String>, Double> gaps =
        new TreeMap<>(java.util.Comparator.comparing(Object::toString));
    fixture.coverage.stream()
        .filter(c -> c.has("gap") && c.path("industry_code").asText().equals("*"))
        .forEach(
            c ->
                gaps.put(
                    List.of(
                        c.path("metric_label").asText(),
                        c.path("region_name").asText(),
                        c.path("year").asText()),
                    c.path("gap").asDouble()));
    Map<List<String>, Double> got =
        run(lens("coverage-vs-targets")).stream()
            .filter(r -> !Double.isNaN(r.value()))
            .collect(
                Collectors.toMap(
                    PanelQueries.Row::keys,
                    PanelQueries.Row::value,
                    (a, b) -> a,
                    () -> new TreeMap<>(java.util.Comparator.comparing(Object::toString))));
    assertEquals(gaps.keySet(), got.keySet());
    gaps.forEach((k, v) -> assertEquals(v, got.get(k), 1e-9, k.toString()));
  }

  @Test
  void alertRuleQueriesMatchTheWarningsTheyAreAbout() throws Exception {
    for (AlertRules.Rule rule : new AlertRules(es.indexPrefix()).rules()) {
      JsonNode p = rule.body().path("params");
      assertEquals(es.indexPrefix() + "-warnings", p.path("index").get(0).asText());
      Map<String, Field> fields = mapping(p.path("index").get(0).asText());
      assertEquals("date", fields.get(p.path("timeField").asText()).type(), rule.id());
      ObjectNode body = EventCodec.mapper().createObjectNode();
      body.put("size", 0).put("track_total_hits", true);
      if (rule.ruleTypeId().equals(".es-query")) {
        body.setAll((ObjectNode) parse(p.path("esQuery").asText()));
      } else {
        assertTrue(fields.containsKey(p.path("termField").asText()));
        body.set("query", Kql.toQuery(p.path("filterKuery").asText()));
      }
      body.put("size", 0);
      long hits =
          json(client, "POST", "/" + es.indexPrefix() + "-warnings/_search", body.toString())
              .path("hits")
              .path("total")
              .path("value")
              .asLong();
      long expected = fixture.warnings.values().stream().filter(w -> matches(rule.id(), w)).count();
      assertEquals(expected, hits, rule.id());
      assertTrue(hits > 0, rule.id() + " matches nothing in demo data");
    }
  }

  private boolean matches(String ruleId, WarningDocument w) {
    boolean open = w.status().equals("OPEN");
    if (ruleId.endsWith("red-warning-raised")) {
      return open && w.level().equals("RED");
    }
    if (ruleId.endsWith("warning-escalated")) {
      return open && "ESCALATED".equals(w.action());
    }
    if (ruleId.endsWith("systemic-or-regional-warning")) {
      return open && !w.scope().equals("ENTERPRISE");
    }
    return open && w.levelRank() <= 2;
  }

  // ---- helpers --------------------------------------------------------------------------------

  private static Map<List<String>, Long> counts(JsonNode lens) {
    Map<List<String>, Long> out = new TreeMap<>(java.util.Comparator.comparing(Object::toString));
    for (PanelQueries.Row r : run(lens)) {
      if (r.value() > 0) {
        out.put(r.keys(), (long) r.value());
      }
    }
    return out;
  }

  private static JsonNode lens(String id) {
    return byTypeAndId.get("lens/" + kibana.objectId(id));
  }

  private static List<PanelQueries.Row> run(JsonNode lens) {
    String index = dataViewTitle(lens, "indexpattern-datasource-layer-layer1");
    JsonNode res =
        json(client, "POST", "/" + index + "/_search", PanelQueries.searchBody(lens).toString());
    return PanelQueries.rows(res.path("aggregations"));
  }

  private static List<JsonNode> ofType(String type) {
    return objects.stream().filter(o -> o.path("type").asText().equals(type)).toList();
  }

  private static String dataViewTitle(JsonNode o, String refName) {
    for (JsonNode r : o.path("references")) {
      if (r.path("name").asText().equals(refName)) {
        return byTypeAndId
            .get("index-pattern/" + r.path("id").asText())
            .path("attributes")
            .path("title")
            .asText();
      }
    }
    fail(o.path("id").asText() + " has no reference " + refName);
    return null;
  }

  record Field(String type, boolean nested) {}

  private static final Map<String, Map<String, Field>> MAPPINGS = new HashMap<>();

  private static Map<String, Field> mapping(String alias) {
    return MAPPINGS.computeIfAbsent(
        alias,
        a -> {
          JsonNode m =
              json(client, "GET", "/" + a + "/_mapping", null).elements().next().path("mappings");
          Map<String, Field> out = new HashMap<>();
          flatten(m.path("properties"), "", false, out);
          return out;
        });
  }

  private static void flatten(JsonNode props, String path, boolean nested, Map<String, Field> out) {
    props
        .fields()
        .forEachRemaining(
            e -> {
              String full = path + e.getKey();
              JsonNode f = e.getValue();
              boolean isNested = nested || f.path("type").asText().equals("nested");
              if (f.has("properties")) {
                flatten(f.path("properties"), full + ".", isNested, out);
              } else {
                out.put(full, new Field(f.path("type").asText(), isNested));
                f.path("fields")
                    .fields()
                    .forEachRemaining(
                        sub ->
                            out.put(
                                full + "." + sub.getKey(),
                                new Field(sub.getValue().path("type").asText(), isNested)));
              }
            });
  }

  private static JsonNode parse(String s) {
    try {
      return EventCodec.mapper().readTree(s);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
