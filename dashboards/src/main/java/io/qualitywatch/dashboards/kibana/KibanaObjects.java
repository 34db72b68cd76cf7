package io.qualitywatch.dashboards.kibana;

import static io.qualitywatch.dashboards.kibana.Panel.Bucket.filters;
import static io.qualitywatch.dashboards.kibana.Panel.Bucket.months;
import static io.qualitywatch.dashboards.kibana.Panel.Bucket.terms;
import static io.qualitywatch.dashboards.kibana.Panel.Metric.count;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qualitywatch.dashboards.indices.IndexInstaller;
import io.qualitywatch.dashboards.kibana.Panel.Bucket;
import io.qualitywatch.dashboards.kibana.Panel.Chart;
import io.qualitywatch.dashboards.kibana.Panel.Filter;
import io.qualitywatch.dashboards.kibana.Panel.Metric;
import io.qualitywatch.dashboards.kibana.Panel.Metric.Op;
import io.qualitywatch.ingestion.contract.EventCodec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kibana 8.x saved objects (data views, Lens panels, saved searches, three dashboards) and the
 * alerting rules, generated from one catalogue so that the ids, the index names (the configured
 * prefix) and the field names cannot drift apart. Targets Kibana 8.8 or newer: the objects carry
 * 8.x migration versions and Kibana migrates them forward on import.
 */
public final class KibanaObjects {
  private static final ObjectMapper MAPPER = EventCodec.mapper();

  /** Data views: concept → time field (null where the figures are per year, not per instant). */
  static final Map<String, String> TIME_FIELDS = new LinkedHashMap<>();

  static {
    TIME_FIELDS.put("scores", "as_of");
    TIME_FIELDS.put("score-history", "as_of");
    TIME_FIELDS.put("warnings", "opened_at");
    TIME_FIELDS.put("risk-aggregates", "window_start");
    TIME_FIELDS.put("events", "event_time");
    TIME_FIELDS.put("ratings", null);
    TIME_FIELDS.put("institution-ratings", null);
    TIME_FIELDS.put("inspection-plans", "plan_date");
    TIME_FIELDS.put("coverage", null);
  }

  /** A Discover list (saved search): the drill-down to evidence and the triage queue. */
  public record SavedSearch(
      String id,
      String title,
      String concept,
      String kql,
      List<String> columns,
      String sortField,
      String sortOrder) {}

  /** A filter control on a dashboard (options list over one field). */
  public record Control(String field, String title, String concept) {}

  /** A dashboard: who it is for, its panels in order, its controls and default time range. */
  public record Dashboard(
      String id,
      String title,
      String description,
      List<Object> panels,
      List<Control> controls,
      String timeFrom) {}

  private final String prefix;

  public KibanaObjects(String prefix) {
    this.prefix = prefix;
  }

  // ---------------------------------------------------------------------------------------------
  // The catalogue

  public List<Panel> panels() {
    return List.of(
        // Risk analysts (风险研判)
        new Panel(
            "warnings-by-province-level",
            "预警地区分布（按颜色） Warnings by province and colour",
            "warnings",
            Chart.BAR_STACKED,
            "",
            List.of(terms("province_code", "省份 Province", 31), terms("level", "级别 Level", 4)),
            count("预警数 Warnings")),
        new Panel(
            "warnings-by-city",
            "预警地市分布 Warnings by city",
            "warnings",
            Chart.BAR_STACKED,
            "",
            List.of(terms("city_code", "地市 City", 20), terms("scope", "范围 Scope", 4)),
            count("预警数 Warnings")),
        new Panel(
            "top-risk-enterprises",
            "高风险企业及原因 Top-risk enterprises with reasons",
            "scores",
            Chart.TABLE,
            "band : (\"C\" or \"D\")",
            List.of(
                terms("credit_code", "统一社会信用代码 Credit code", 50),
                terms("enterprise_name.raw", "企业名称 Enterprise", 1),
                terms("region_name", "地区 Region", 1),
                terms("band", "等级 Band", 1),
                terms("top_reason", "首要原因 Top reason", 1)),
            Metric.of(Op.MAX, "score", "风险分值 Score")),
        new Panel(
            "risk-bands-by-industry",
            "行业风险等级分布 Risk bands by industry",
            "scores",
            Chart.BAR_STACKED,
            "",
            List.of(terms("industry_code", "行业 Industry", 20), terms("band", "等级 Band", 4)),
            count("企业数 Enterprises")),
        new Panel(
            "top-reasons",
            "主要风险原因 Main risk reasons",
            "scores",
            Chart.DONUT,
            "band : (\"C\" or \"D\")",
            List.of(terms("top_reason", "首要原因 Top reason", 10)),
            count("企业数 Enterprises")),
        new Panel(
            "score-trend",
            "风险分值趋势 Score trend",
            "score-history",
            Chart.LINE,
            "",
            List.of(months("as_of", "月份 Month"), terms("band", "等级 Band", 4)),
            Metric.of(Op.AVERAGE, "score", "平均分值 Mean score")),
        new Panel(
            "complaints-vs-baseline",
            "投诉举报与基线 Complaints vs seasonal baseline",
            "risk-aggregates",
            Chart.LINE,
            "kind : \"REGION_INDUSTRY\" and region_level : \"CITY\"",
            List.of(months("window_start", "月份 Month")),
            Metric.of(Op.SUM, "complaints", "投诉举报 Complaints")),
        new Panel(
            "events-by-type",
            "事件证据构成 Evidence by event type",
            "events",
            Chart.BAR_STACKED,
            "",
            List.of(months("event_time", "月份 Month"), terms("type", "事件类型 Event type", 8)),
            count("事件数 Events")),
        // Warning triage (预警处置)
        new Panel(
            "open-warnings-by-level",
            "在办预警（按颜色） Open warnings by colour",
            "warnings",
            Chart.DONUT,
            "status : \"OPEN\"",
            List.of(terms("level_label", "预警颜色 Colour", 4)),
            count("预警数 Warnings")),
        new Panel(
            "open-red-warnings",
            "在办红色预警 Open red warnings",
            "warnings",
            Chart.METRIC,
            "status : \"OPEN\" and level : \"RED\"",
            List.of(),
            count("红色预警 Red warnings")),
        new Panel(
            "open-warnings-by-age",
            "在办预警时长 Open warnings by age",
            "warnings",
            Chart.BAR_STACKED,
            "status : \"OPEN\"",
            List.of(
                filters(
                    "时长 Age",
                    new Filter("≤7天 ≤7 days", "opened_at >= \"now-7d\""),
                    new Filter(
                        "7–30天 7–30 days", "opened_at < \"now-7d\" and opened_at >= \"now-30d\""),
                    new Filter(
                        "30–90天 30–90 days",
                        "opened_at < \"now-30d\" and opened_at >= \"now-90d\""),
                    new Filter(">90天 >90 days", "opened_at < \"now-90d\"")),
                terms("level", "级别 Level", 4)),
            count("预警数 Warnings")),
        new Panel(
            "warning-actions-over-time",
            "预警升级、降级与关闭 Escalations, de-escalations and closures",
            "warnings",
            Chart.BAR_STACKED,
            "",
            List.of(months("updated_at", "月份 Month"), terms("action", "动作 Action", 6)),
            count("预警数 Warnings")),
        new Panel(
            "dispositions",
            "处置结果 Dispositions",
            "warnings",
            Chart.DONUT,
            "status : \"CLOSED\"",
            List.of(terms("disposition", "处置结果 Disposition", 10)),
            count("预警数 Warnings")),
        new Panel(
            "warnings-by-type",
            "预警类型 Warnings by type and scope",
            "warnings",
            Chart.BAR_STACKED,
            "",
            List.of(terms("warning_type", "类型 Type", 10), terms("scope", "范围 Scope", 4)),
            count("预警数 Warnings")),
        // Leadership (领导驾驶舱)
        new Panel(
            "enterprises-rated",
            "参评企业数 Enterprises rated",
            "ratings",
            Chart.METRIC,
            "",
            List.of(),
            Metric.of(Op.UNIQUE_COUNT, "credit_code", "企业数 Enterprises")),
        new Panel(
            "ratings-by-province",
            "信用风险分类地区分布 Ratings A–D by province",
            "ratings",
            Chart.BAR_PERCENT,
            "",
            List.of(terms("province_code", "省份 Province", 31), terms("rating", "分类 Class", 4)),
            count("企业数 Enterprises")),
        new Panel(
            "ratings-by-industry",
            "信用风险分类行业分布 Ratings A–D by industry",
            "ratings",
            Chart.BAR_PERCENT,
            "",
            List.of(terms("industry_code", "行业 Industry", 20), terms("rating", "分类 Class", 4)),
            count("企业数 Enterprises")),
        new Panel(
            "ratings-year-on-year",
            "信用风险分类同比 Ratings year on year",
            "ratings",
            Chart.BAR_STACKED,
            "",
            List.of(terms("year", "年度 Year", 5), terms("rating", "分类 Class", 4)),
            count("企业数 Enterprises")),
        new Panel(
            "coverage-vs-targets",
            "指标与目标 Coverage vs targets",
            "coverage",
            Chart.TABLE,
            "region_level : \"PROVINCE\" and industry_code : \"*\" and target : *",
            List.of(
                terms("metric_label", "指标 Metric", 20),
                terms("region_name", "地区 Region", 40),
                terms("year", "年度 Year", 3)),
            Metric.of(Op.AVERAGE, "gap", "差距 Gap to target")),
        new Panel(
            "coverage-gaps",
            "未达标指标 Figures below target",
            "coverage",
            Chart.BAR_STACKED,
            "meets_target : false and industry_code : \"*\"",
            List.of(terms("metric_label", "指标 Metric", 20), terms("region_name", "地区 Region", 10)),
            Metric.of(Op.MIN, "gap", "差距 Gap")),
        new Panel(
            "coverage-yoy",
            "指标同比变化 Year-on-year change of figures",
            "coverage",
            Chart.BAR_STACKED,
            "industry_code : \"*\" and region_level : \"PROVINCE\" and yoy_change : *",
            List.of(terms("metric_label", "指标 Metric", 20)),
            Metric.of(Op.AVERAGE, "yoy_change", "同比变化 YoY change")),
        new Panel(
            "sampling-pass-rate",
            "抽检合格率趋势 Sampling pass-rate trend",
            "events",
            Chart.BAR_PERCENT,
            "type : \"sampling-result\"",
            List.of(months("event_time", "月份 Month"), terms("payload.verdict", "结论 Verdict", 2)),
            count("批次 Batches")),
        new Panel(
            "institution-ratings",
            "检验检测认证机构信用评价 Institution ratings",
            "institution-ratings",
            Chart.BAR_STACKED,
            "",
            List.of(terms("institution_kind", "机构类型 Kind", 2), terms("rating", "分类 Class", 4)),
            count("机构数 Institutions")),
        new Panel(
            "inspection-plan-by-class",
            "双随机抽查计划（按风险分类） Inspection plan by risk class",
            "inspection-plans",
            Chart.BAR_STACKED,
            "",
            List.of(terms("province_code", "省份 Province", 31), terms("risk_class", "分类 Class", 4)),
            count("抽查企业数 Entities drawn")));
  }

  public List<SavedSearch> searches() {
    return List.of(
        new SavedSearch(
            "enterprise-evidence",
            "企业证据明细 Enterprise evidence (events)",
            "events",
            "",
            List.of(
                "credit_code",
                "enterprise_name",
                "type",
                "region_name",
                "payload.product_category",
                "payload.verdict",
                "source.system"),
            "event_time",
            "desc"),
        new SavedSearch(
            "open-warnings-queue",
            "待处置预警 Open warnings queue",
            "warnings",
            "status : \"OPEN\"",
            List.of(
                "level_label",
                "scope",
                "warning_type",
                "subject_key",
                "enterprise_name",
                "region_name",
                "metric",
                "reasons"),
            "level_rank",
            "asc"));
  }

  public List<Dashboard> dashboards() {
    List<Panel> p = panels();
    Map<String, Object> byId = new LinkedHashMap<>();
    p.forEach(x -> byId.put(x.id(), x));
    searches().forEach(s -> byId.put(s.id(), s));
    List<Control> regionIndustry =
        List.of(
            new Control("province_code", "省份 Province", "scores"),
            new Control("city_code", "地市 City", "scores"),
            new Control("industry_code", "行业 Industry", "scores"));
    return List.of(
        new Dashboard(
            "dashboard-analysts",
            "风险研判 Risk analysis",
            "预警地区与颜色分布、高风险企业及原因、分值趋势；点击企业可下钻到证据明细。Warnings by region"
                + " and colour, top-risk enterprises with reasons, score trends; click an"
                + " enterprise to filter the evidence list.",
            pick(
                byId,
                "warnings-by-province-level",
                "warnings-by-city",
                "top-risk-enterprises",
                "top-reasons",
                "risk-bands-by-industry",
                "score-trend",
                "complaints-vs-baseline",
                "events-by-type",
                "enterprise-evidence"),
            regionIndustry,
            "now-1y"),
        new Dashboard(
            "dashboard-triage",
            "预警处置 Warning triage",
            "在办预警按颜色和时长、升级与关闭、处置结果、待处置队列。Open warnings by colour and age,"
                + " escalations and closures, dispositions, the queue.",
            pick(
                byId,
                "open-red-warnings",
                "open-warnings-by-level",
                "open-warnings-by-age",
                "warning-actions-over-time",
                "dispositions",
                "warnings-by-type",
                "open-warnings-queue"),
            List.of(
                new Control("province_code", "省份 Province", "warnings"),
                new Control("level_label", "预警颜色 Colour", "warnings"),
                new Control("scope", "范围 Scope", "warnings")),
            "now-90d"),
        new Dashboard(
            "dashboard-leadership",
            "领导驾驶舱 Leadership overview",
            "信用风险分类分布、覆盖率与目标差距、同比、抽检合格率趋势。Ratings A–D by region and industry,"
                + " coverage against targets with gaps, year on year, sampling pass rates.",
            pick(
                byId,
                "enterprises-rated",
                "ratings-by-province",
                "ratings-by-industry",
                "ratings-year-on-year",
                "coverage-vs-targets",
                "coverage-gaps",
                "coverage-yoy",
                "sampling-pass-rate",
                "institution-ratings",
                "inspection-plan-by-class"),
            List.of(
                new Control("year", "年度 Year", "ratings"),
                new Control("province_code", "省份 Province", "ratings"),
                new Control("industry_code", "行业 Industry", "ratings")),
            "now-2y"));
  }

  private static List<Object> pick(Map<String, Object> byId, String... ids) {
    List<Object> out = new ArrayList<>();
    for (String id : ids) {
      Object o = byId.get(id);
      if (o == null) {
        throw new IllegalStateException("no panel " + id);
      }
      out.add(o);
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Rendering

  public String alias(String concept) {
    return prefix + "-" + concept;
  }

  public String dataViewId(String concept) {
    return prefix + "-" + concept;
  }

  public String objectId(String id) {
    return prefix + "-" + id;
  }

  /** All saved objects, data views first (Kibana resolves references within one import). */
  public List<ObjectNode> savedObjects() {
    List<ObjectNode> out = new ArrayList<>();
    for (String concept : IndexInstaller.CONCEPTS) {
      out.add(dataView(concept));
    }
    for (Panel p : panels()) {
      out.add(lens(p));
    }
    for (SavedSearch s : searches()) {
      out.add(search(s));
    }
    for (Dashboard d : dashboards()) {
      out.add(dashboard(d));
    }
    return out;
  }

  /** Newline-delimited JSON as Kibana's saved-objects import expects it. */
  public String ndjson() {
    StringBuilder sb = new StringBuilder();
    for (ObjectNode o : savedObjects()) {
      sb.append(o.toString()).append('\n');
    }
    return sb.toString();
  }

  private ObjectNode dataView(String concept) {
    JsonNode template = IndexInstaller.template(concept);
    ObjectNode o = object("index-pattern", dataViewId(concept), "8.0.0");
    ObjectNode a = o.putObject("attributes");
    a.put("title", alias(concept));
    a.put(
        "name",
        template.path("_meta").path("label_zh").asText()
            + " "
            + template.path("_meta").path("label_en").asText());
    String time = TIME_FIELDS.get(concept);
    if (time != null) {
      a.put("timeFieldName", time);
    }
    // Field labels from the mapping's meta: analysts see 预警级别 Level, not "level".
    ObjectNode attrs = MAPPER.createObjectNode();
    labels(template.path("mappings").path("properties"), "", attrs);
    a.put("fieldAttrs", attrs.toString());
    a.put("allowNoIndex", true);
    o.putArray("references");
    return o;
  }

  private static void labels(JsonNode properties, String path, ObjectNode out) {
    Iterator<Map.Entry<String, JsonNode>> it = properties.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String full = path + e.getKey();
      JsonNode meta = e.getValue().path("meta");
      if (meta.has("label_zh")) {
        out.putObject(full)
            .put(
                "customLabel",
                meta.path("label_zh").asText() + " " + meta.path("label_en").asText());
      }
      if (e.getValue().has("properties")) {
        labels(e.getValue().path("properties"), full + ".", out);
      }
    }
  }

  private ObjectNode lens(Panel p) {
    ObjectNode o = object("lens", objectId(p.id()), "8.6.0");
    ObjectNode a = o.putObject("attributes");
    a.put("title", p.title());
    a.put("description", "");
    a.put("visualizationType", visualizationType(p.chart()));
    ObjectNode state = a.putObject("state");
    ObjectNode layer =
        state
            .putObject("datasourceStates")
            .putObject("formBased")
            .putObject("layers")
            .putObject("layer1");
    ObjectNode columns = layer.putObject("columns");
    ArrayNode order = layer.putArray("columnOrder");
    List<String> bucketIds = new ArrayList<>();
    for (int i = 0; i < p.buckets().size(); i++) {
      String id = "b" + i;
      bucketIds.add(id);
      columns.set(id, bucketColumn(p.buckets().get(i)));
      order.add(id);
    }
    columns.set("m", metricColumn(p.metric()));
    order.add("m");
    layer.putObject("incompleteColumns");
    state.set("visualization", visualization(p, bucketIds));
    state.putObject("query").put("query", p.kql()).put("language", "kuery");
    state.putArray("filters");
    state.putArray("internalReferences");
    state.putObject("adHocDataViews");
    ArrayNode refs = o.putArray("references");
    refs.addObject()
        .put("type", "index-pattern")
        .put("id", dataViewId(p.concept()))
        .put("name", "indexpattern-datasource-layer-layer1");
    return o;
  }

  private static String visualizationType(Chart c) {
    return switch (c) {
      case BAR_STACKED, BAR_PERCENT, LINE -> "lnsXY";
      case DONUT -> "lnsPie";
      case METRIC -> "lnsMetric";
      case TABLE -> "lnsDatatable";
    };
  }

  private static ObjectNode bucketColumn(Bucket b) {
    ObjectNode c = MAPPER.createObjectNode();
    c.put("label", b.label()).put("customLabel", true).put("isBucketed", true);
    switch (b.kind()) {
      case TERMS -> {
        c.put("operationType", "terms").put("sourceField", b.field()).put("scale", "ordinal");
        c.put("dataType", "string");
        ObjectNode params = c.putObject("params");
        params.put("size", b.size());
        params.putObject("orderBy").put("type", "column").put("columnId", "m");
        params.put("orderDirection", "desc");
        params.put("otherBucket", false).put("missingBucket", false);
      }
      case DATE_HISTOGRAM -> {
        c.put("operationType", "date_histogram").put("sourceField", b.field());
        c.put("dataType", "date").put("scale", "interval");
        c.putObject("params").put("interval", b.interval()).put("includeEmptyRows", true);
      }
      case FILTERS -> {
        c.put("operationType", "filters").put("dataType", "string").put("scale", "ordinal");
        ArrayNode fs = c.putObject("params").putArray("filters");
        for (Filter f : b.filters()) {
          ObjectNode fo = fs.addObject();
          fo.putObject("input").put("query", f.kql()).put("language", "kuery");
          fo.put("label", f.label());
        }
      }
    }
    return c;
  }

  private static ObjectNode metricColumn(Metric m) {
    ObjectNode c = MAPPER.createObjectNode();
    c.put("label", m.label()).put("customLabel", true).put("isBucketed", false);
    c.put("dataType", "number").put("scale", "ratio").put("operationType", m.op().lens);
    c.put("sourceField", m.op() == Op.COUNT ? "___records___" : m.field());
    c.putObject("params").put("emptyAsNull", true);
    return c;
  }

  private static ObjectNode visualization(Panel p, List<String> bucketIds) {
    ObjectNode v = MAPPER.createObjectNode();
    switch (p.chart()) {
      case BAR_STACKED, BAR_PERCENT, LINE -> {
        String series =
            switch (p.chart()) {
              case BAR_PERCENT -> "bar_percentage_stacked";
              case LINE -> "line";
              default -> "bar_stacked";
            };
        v.putObject("legend").put("isVisible", true).put("position", "right");
        v.put("valueLabels", "hide").put("preferredSeriesType", series);
        ObjectNode layer = v.putArray("layers").addObject();
        layer.put("layerId", "layer1").put("layerType", "data").put("seriesType", series);
        layer.putArray("accessors").add("m");
        if (!bucketIds.isEmpty()) {
          layer.put("xAccessor", bucketIds.get(0));
        }
        if (bucketIds.size() > 1) {
          layer.put("splitAccessor", bucketIds.get(1));
        }
      }
      case DONUT -> {
        v.put("shape", "donut");
        ObjectNode layer = v.putArray("layers").addObject();
        layer.put("layerId", "layer1").put("layerType", "data");
        ArrayNode groups = layer.putArray("primaryGroups");
        bucketIds.forEach(groups::add);
        layer.putArray("metrics").add("m");
        layer.put("numberDisplay", "percent").put("categoryDisplay", "default");
        layer.put("legendDisplay", "default");
      }
      case METRIC -> v.put("layerId", "layer1").put("layerType", "data").put("metricAccessor", "m");
      case TABLE -> {
        v.put("layerId", "layer1").put("layerType", "data");
        ArrayNode cols = v.putArray("columns");
        bucketIds.forEach(id -> cols.addObject().put("columnId", id));
        cols.addObject().put("columnId", "m");
        v.putObject("sorting").put("columnId", "m").put("direction", "desc");
      }
    }
    return v;
  }

  private ObjectNode search(SavedSearch s) {
    ObjectNode o = object("search", objectId(s.id()), "8.0.0");
    ObjectNode a = o.putObject("attributes");
    a.put("title", s.title());
    a.put("description", "");
    ArrayNode cols = a.putArray("columns");
    s.columns().forEach(cols::add);
    a.putArray("sort").addArray().add(s.sortField()).add(s.sortOrder());
    a.putObject("grid");
    a.put("hideChart", false);
    ObjectNode source = MAPPER.createObjectNode();
    source.putObject("query").put("query", s.kql()).put("language", "kuery");
    source.putArray("filter");
    source.put("indexRefName", "kibanaSavedObjectMeta.searchSourceJSON.index");
    a.putObject("kibanaSavedObjectMeta").put("searchSourceJSON", source.toString());
    o.putArray("references")
        .addObject()
        .put("name", "kibanaSavedObjectMeta.searchSourceJSON.index")
        .put("type", "index-pattern")
        .put("id", dataViewId(s.concept()));
    return o;
  }

  private ObjectNode dashboard(Dashboard d) {
    ObjectNode o = object("dashboard", objectId(d.id()), "8.7.0");
    ObjectNode a = o.putObject("attributes");
    a.put("title", d.title());
    a.put("description", d.description());
    ArrayNode refs = o.putArray("references");
    ArrayNode panels = MAPPER.createArrayNode();
    int x = 0;
    int y = 0;
    for (int i = 0; i < d.panels().size(); i++) {
      Object item = d.panels().get(i);
      String panelIndex = "p" + i;
      boolean wide =
          item instanceof SavedSearch || (item instanceof Panel p && p.chart() == Chart.TABLE);
      int w = wide ? 48 : (item instanceof Panel p && p.chart() == Chart.METRIC ? 12 : 24);
      if (x + w > 48) {
        x = 0;
        y += 15;
      }
      ObjectNode panel = panels.addObject();
      panel.put("type", item instanceof SavedSearch ? "search" : "lens");
      panel.put("panelIndex", panelIndex);
      panel
          .putObject("gridData")
          .put("x", x)
          .put("y", y)
          .put("w", w)
          .put("h", 15)
          .put("i", panelIndex);
      panel.putObject("embeddableConfig").putObject("enhancements");
      panel.put("panelRefName", "panel_" + panelIndex);
      x += w;
      String id = item instanceof Panel p ? objectId(p.id()) : objectId(((SavedSearch) item).id());
      refs.addObject()
          .put("name", panelIndex + ":panel_" + panelIndex)
          .put("type", item instanceof SavedSearch ? "search" : "lens")
          .put("id", id);
    }
    a.put("panelsJSON", panels.toString());
    a.put("optionsJSON", "{\"useMargins\":true,\"syncColors\":false,\"hidePanelTitles\":false}");
    a.put("timeRestore", true).put("timeFrom", d.timeFrom()).put("timeTo", "now");
    a.putObject("refreshInterval").put("pause", true).put("value", 0);
    a.putObject("kibanaSavedObjectMeta")
        .put(
            "searchSourceJSON",
            "{\"query\":{\"query\":\"\",\"language\":\"kuery\"},\"filter\":[]}");
    // Options-list controls: filter every panel by region / industry (filters match by field
    // name across data views, which is why all indices share the same region/industry fields).
    ObjectNode controls = MAPPER.createObjectNode();
    for (int i = 0; i < d.controls().size(); i++) {
      Control c = d.controls().get(i);
      String cid = "c" + i;
      ObjectNode ctl = controls.putObject(cid);
      ctl.put("order", i)
          .put("width", "medium")
          .put("grow", true)
          .put("type", "optionsListControl");
      ctl.putObject("explicitInput")
          .put("id", cid)
          .put("fieldName", c.field())
          .put("title", c.title())
          .put("singleSelect", false);
      refs.addObject()
          .put("name", "controlGroup_" + cid + ":optionsListDataView")
          .put("type", "index-pattern")
          .put("id", dataViewId(c.concept()));
    }
    ObjectNode cg = a.putObject("controlGroupInput");
    cg.put("controlStyle", "oneLine").put("chainingSystem", "HIERARCHICAL");
    cg.put("panelsJSON", controls.toString());
    cg.put(
        "ignoreParentSettingsJSON",
        "{\"ignoreFilters\":false,\"ignoreQuery\":false,\"ignoreTimerange\":false,"
            + "\"ignoreValidations\":false}");
    return o;
  }

  private static ObjectNode object(String type, String id, String typeVersion) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("type", type).put("id", id);
    o.put("coreMigrationVersion", "8.8.0").put("typeMigrationVersion", typeVersion);
    o.put("managed", false);
    return o;
  }
}
