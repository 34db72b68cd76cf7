package io.qualitywatch.dashboards.kibana;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qualitywatch.ingestion.contract.EventCodec;
import java.util.List;

/**
 * Kibana alerting rules on the warnings index, as bodies for {@code POST /api/alerting/rule/<id>}.
 * Elasticsearch-query rules fire per new matching warning; the index-threshold rule watches open
 * orange-or-red warnings per province. Actions (e-mail, webhook connectors) are site-specific and
 * left for the user to attach in Kibana.
 */
public final class AlertRules {
  private static final ObjectMapper MAPPER = EventCodec.mapper();

  private final String prefix;

  public AlertRules(String prefix) {
    this.prefix = prefix;
  }

  /** A rule with its stable id. */
  public record Rule(String id, ObjectNode body) {
    public String ruleTypeId() {
      return body.path("rule_type_id").asText();
    }

    public String name() {
      return body.path("name").asText();
    }
  }

  public List<Rule> rules() {
    return List.of(
        esQuery(
            "red-warning-raised",
            "红色预警发布 Red warning raised",
            "{\"bool\":{\"filter\":[{\"term\":{\"status\":\"OPEN\"}},{\"term\":{\"level\":\"RED\"}}]}}",
            "updated_at",
            5),
        esQuery(
            "warning-escalated",
            "预警升级 Warning escalated",
            "{\"bool\":{\"filter\":[{\"term\":{\"action\":\"ESCALATED\"}},"
                + "{\"term\":{\"status\":\"OPEN\"}}]}}",
            "updated_at",
            5),
        esQuery(
            "systemic-or-regional-warning",
            "系统性或区域性预警 Systemic or regional warning",
            "{\"bool\":{\"filter\":[{\"terms\":{\"scope\":[\"SYSTEMIC\",\"REGIONAL\",\"INDUSTRY\"]}},"
                + "{\"term\":{\"status\":\"OPEN\"}}]}}",
            "updated_at",
            15),
        indexThreshold());
  }

  /** The index the rules watch. */
  public String index() {
    return prefix + "-warnings";
  }

  private Rule esQuery(String id, String name, String query, String timeField, int windowMinutes) {
    ObjectNode body = base(name, ".es-query");
    ObjectNode p = body.putObject("params");
    p.put("searchType", "esQuery");
    p.putArray("index").add(index());
    p.put("timeField", timeField);
    p.put("esQuery", "{\"query\":" + query + "}");
    p.put("size", 100);
    p.put("timeWindowSize", windowMinutes).put("timeWindowUnit", "m");
    p.putArray("threshold").add(0);
    p.put("thresholdComparator", ">");
    p.put("aggType", "count").put("groupBy", "all");
    // Each warning document is reported once, not again on every run of the window.
    p.put("excludeHitsFromPreviousRun", true);
    return new Rule(prefix + "-" + id, body);
  }

  private Rule indexThreshold() {
    ObjectNode body = base("在办橙色以上预警过多 Too many open orange/red warnings", ".index-threshold");
    ObjectNode p = body.putObject("params");
    p.putArray("index").add(index());
    p.put("timeField", "opened_at");
    p.put("aggType", "count");
    p.put("groupBy", "top").put("termField", "province_code").put("termSize", 10);
    p.put("filterKuery", "status : \"OPEN\" and level_rank <= 2");
    p.put("timeWindowSize", 1).put("timeWindowUnit", "d");
    p.putArray("threshold").add(10);
    p.put("thresholdComparator", ">");
    return new Rule(prefix + "-open-orange-red-per-province", body);
  }

  private ObjectNode base(String name, String type) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("name", name);
    body.put("rule_type_id", type);
    body.put("consumer", "stackAlerts");
    body.putObject("schedule").put("interval", "1m");
    body.putArray("tags").add("qualitywatch").add(prefix);
    body.putArray("actions");
    body.put("enabled", true);
    return body;
  }
}
