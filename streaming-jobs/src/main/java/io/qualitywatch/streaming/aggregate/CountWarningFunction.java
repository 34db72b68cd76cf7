package io.qualitywatch.streaming.aggregate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qualitywatch.ingestion.codes.CodeTables;
import io.qualitywatch.ingestion.codes.Region;
import io.qualitywatch.ingestion.contract.EventCodec;
import io.qualitywatch.risk.rules.RiskRules;
import io.qualitywatch.risk.rules.WarningRule;
import io.qualitywatch.risk.warning.WarningLifecycle;
import io.qualitywatch.risk.warning.WarningSignal;
import io.qualitywatch.risk.warning.WarningState;
import io.qualitywatch.risk.warning.WarningType;
import io.qualitywatch.streaming.elastic.IndexDoc;
import io.qualitywatch.streaming.ordering.EventTimeBuffer;
import io.qualitywatch.streaming.rules.ActiveRules;
import io.qualitywatch.streaming.warning.WarningTimers;
import io.qualitywatch.streaming.warning.WarningUpdate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Count-based warnings (complaint surges of an enterprise or of an industry in a region, failure
 * waves of a product category, certificate-abuse clusters in a city): per subject, daily counts in
 * keyed state; every new event re-measures the window ending on its day, so a warning is raised
 * within seconds of the evidence that tips it. At the end of each day with activity, the day's
 * aggregate is written for dashboards.
 */
public class CountWarningFunction
    extends KeyedBroadcastProcessFunction<String, CountSignal, String, WarningUpdate> {
  public static final OutputTag<IndexDoc> AGGREGATES = new OutputTag<>("aggregates") {};
  private static final long DAY_MILLIS = 86_400_000L;
  private static final long CST_MILLIS = CountSignals.CST.getTotalSeconds() * 1000L;

  private final ActiveRules rules;
  private final String aggregatesIndex;
  private final boolean eventTimeOrdering;
  private final long closeUpToAtEnd;
  private transient EventTimeBuffer<CountSignal> buffer;
  private transient MapState<Long, long[]> daily;
  private transient MapState<String, Long> distinct;

  /** Day → events counted per source enterprise that day: pruned by day, not by scanning keys. */
  private transient MapState<Long, Map<String, Integer>> perSourceDay;

  private transient ValueState<WarningState> warning;
  private transient ValueState<Long> quietTimer;
  private transient ValueState<CountSignal> subject;

  public CountWarningFunction(RiskRules initialRules, String aggregatesIndex) {
    this(initialRules, aggregatesIndex, false);
  }

  /**
   * @param eventTimeOrdering count each subject's signals in (event time, event id) order once the
   *     watermark passes them: deterministic warnings and aggregates (see {@link EventTimeBuffer})
   */
  public CountWarningFunction(
      RiskRules initialRules, String aggregatesIndex, boolean eventTimeOrdering) {
    this(initialRules, aggregatesIndex, eventTimeOrdering, WarningTimers.CLOSE_NOTHING_AT_END);
  }

  /**
   * @param closeUpToAtEnd at the end of a bounded input, quiet deadlines up to this event time
   *     still close (see {@link WarningTimers#suppressedAtEnd})
   */
  public CountWarningFunction(
      RiskRules initialRules,
      String aggregatesIndex,
      boolean eventTimeOrdering,
      long closeUpToAtEnd) {
    this.rules = new ActiveRules(initialRules);
    this.aggregatesIndex = aggregatesIndex;
    this.eventTimeOrdering = eventTimeOrdering;
    this.closeUpToAtEnd = closeUpToAtEnd;
  }

  @Override
  public void open(OpenContext ctx) {
    daily =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>("daily", Types.LONG, TypeInformation.of(long[].class)));
    distinct =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("distinct", Types.STRING, Types.LONG));
    perSourceDay =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "per-source-by-day", Types.LONG, Types.MAP(Types.STRING, Types.INT)));
    warning =
        getRuntimeContext().getState(new ValueStateDescriptor<>("warning", WarningState.class));
    quietTimer =
        getRuntimeContext().getState(new ValueStateDescriptor<>("quiet-timer", Types.LONG));
    subject =
        getRuntimeContext().getState(new ValueStateDescriptor<>("subject", CountSignal.class));
    if (eventTimeOrdering) {
      buffer =
          new EventTimeBuffer<>(
              getRuntimeContext(),
              "ordered-signals",
              CountSignal.class,
              Comparator.comparing(CountSignal::eventId));
    }
  }

  @Override
  public void processElement(CountSignal c, ReadOnlyContext ctx, Collector<WarningUpdate> out)
      throws Exception {
    if (eventTimeOrdering
        && c.atMillis() >= ctx.timerService().currentWatermark()
        && buffer.hold(c, c.atMillis(), ctx.timerService())) {
      return;
    }
    count(c, ctx, out);
  }

  private void count(CountSignal c, ReadOnlyContext ctx, Collector<WarningUpdate> out)
      throws Exception {
    RiskRules r = rules.get(ctx.getBroadcastState(ActiveRules.DESCRIPTOR));
    WarningRule rule = r.warning(c.type());
    if (withinSourceCap(c, rule)) {
      long[] counts = daily.get(c.day());
      if (counts == null) {
        counts = new long[2];
        // A new day: days that can no longer affect any measure leave the state.
        prune(WindowCounts.oldestUseful(rule, c.day()));
      }
      counts[WindowCounts.EVENTS]++;
      if (c.failed()) {
        counts[WindowCounts.FAILURES]++;
      }
      daily.put(c.day(), counts);
    }
    if (c.distinct() != null && (c.type() != WarningType.FAILURE_WAVE || c.failed())) {
      Long last = distinct.get(c.distinct());
      distinct.put(c.distinct(), last == null ? c.day() : Math.max(last, c.day()));
    }
    // The first signal is kept: it names the subject and its day is when observation began.
    CountSignal first = subject.value();
    if (first == null || first.day() > c.day()) {
      first = c;
      subject.update(c);
    }
    WindowCounts.Measure m =
        WindowCounts.measure(
            c.type(), rule, daily.entries(), distinct.values(), first.day(), c.day());
    WarningState s = warning.value();
    boolean relevant = rule.thresholds().levelFor(m.metric()) != null;
    if (s != null || relevant) {
      if (s == null) {
        s = new WarningState();
      }
      var changes =
          WarningLifecycle.apply(s, signal(c, m), rule.thresholds(), rule.quiet(), r.version());
      if (!changes.isEmpty()) {
        warning.update(s);
        changes.forEach(ch -> out.collect(WarningUpdate.of(ch)));
        WarningTimers.reschedule(ctx.timerService(), quietTimer, s, rule.quiet());
      }
    }
    if (emitsAggregates(c.type())) {
      // One timer per key and day: Flink keeps a single timer per timestamp.
      ctx.timerService().registerEventTimeTimer(endOfDay(c.day()));
    }
  }

  @Override
  public void onTimer(long ts, OnTimerContext ctx, Collector<WarningUpdate> out) throws Exception {
    if (eventTimeOrdering) {
      for (CountSignal held : buffer.release(ts)) {
        count(held, ctx, out);
      }
    }
    RiskRules r = rules.get(ctx.getBroadcastState(ActiveRules.DESCRIPTOR));
    CountSignal c = subject.value();
    if (c == null) {
      return;
    }
    WarningRule rule = r.warning(c.type());
    Long quiet = quietTimer.value();
    if (quiet != null && quiet == ts) {
      quietTimer.clear();
      WarningState s = warning.value();
      if (s != null && !WarningTimers.suppressedAtEnd(ctx.timerService(), ts, closeUpToAtEnd)) {
        var change = WarningLifecycle.onQuiet(s, ts, rule.quiet(), r.version());
        if (change.isPresent()) {
          warning.update(s);
          out.collect(WarningUpdate.of(change.get()));
        } else {
          WarningTimers.reschedule(ctx.timerService(), quietTimer, s, rule.quiet());
        }
      }
    }
    if (ts == endOfDay(dayOf(ts)) && emitsAggregates(c.type())) {
      long day = dayOf(ts);
      if (daily.contains(day)) {
        WindowCounts.Measure m =
            WindowCounts.measure(c.type(), rule, daily.entries(), distinct.values(), c.day(), day);
        ctx.output(AGGREGATES, aggregate(c, m, day, rule));
      }
      prune(WindowCounts.oldestUseful(rule, day));
    }
  }

  @Override
  public void processBroadcastElement(String json, Context ctx, Collector<WarningUpdate> out)
      throws Exception {
    ActiveRules.update(ctx.getBroadcastState(ActiveRules.DESCRIPTOR), json);
  }

  /** Counts the event unless its enterprise already reached the rule's daily cap that day. */
  private boolean withinSourceCap(CountSignal c, WarningRule rule) throws Exception {
    if (rule.sourceDailyCap() == 0 || c.source() == null) {
      return true;
    }
    Map<String, Integer> sources = perSourceDay.get(c.day());
    if (sources == null) {
      sources = new HashMap<>();
    }
    int seen = sources.getOrDefault(c.source(), 0);
    if (seen >= rule.sourceDailyCap()) {
      return false;
    }
    sources.put(c.source(), seen + 1);
    perSourceDay.put(c.day(), sources);
    return true;
  }

  private static boolean emitsAggregates(WarningType t) {
    return t == WarningType.REGIONAL_COMPLAINT_SURGE || t == WarningType.FAILURE_WAVE;
  }

  private static long endOfDay(long day) {
    return (day + 1) * DAY_MILLIS - CST_MILLIS - 1;
  }

  private static long dayOf(long ts) {
    return Math.floorDiv(ts + CST_MILLIS, DAY_MILLIS);
  }

  private void prune(long oldest) throws Exception {
    removeDaysBefore(daily, oldest);
    removeDaysBefore(perSourceDay, oldest);
    List<String> gone = new ArrayList<>();
    for (Map.Entry<String, Long> e : distinct.entries()) {
      if (e.getValue() < oldest) {
        gone.add(e.getKey());
      }
    }
    for (String k : gone) {
      distinct.remove(k);
    }
  }

  private static void removeDaysBefore(MapState<Long, ?> byDay, long oldest) throws Exception {
    List<Long> old = new ArrayList<>();
    for (Long d : byDay.keys()) {
      if (d < oldest) {
        old.add(d);
      }
    }
    for (Long d : old) {
      byDay.remove(d);
    }
  }

  private static WarningSignal signal(CountSignal c, WindowCounts.Measure m) {
    String reason =
        switch (c.type()) {
          case FAILURE_WAVE ->
              String.format(
                  "%d 批次不合格 / %d 抽检 (预期 %.1f), %d 个省份",
                  m.observed(), m.samples(), m.expected(), m.distinctInWindow());
          case CERT_ABUSE_CLUSTER -> String.format("%d 家企业冒用证书", m.distinctInWindow());
          default -> String.format("投诉举报 %d 件 (基线预期 %.1f)", m.observed(), m.expected());
        };
    return new WarningSignal(
        c.type(),
        c.subjectKey(),
        c.creditCode(),
        c.enterpriseName(),
        c.regionCode(),
        c.industryCode(),
        c.productCategory(),
        m.metric(),
        c.atMillis(),
        c.eventId(),
        List.of(reason));
  }

  private IndexDoc aggregate(CountSignal c, WindowCounts.Measure m, long day, WarningRule rule) {
    ObjectNode doc = EventCodec.mapper().createObjectNode();
    String kind = c.type() == WarningType.FAILURE_WAVE ? "PRODUCT_CATEGORY" : "REGION_INDUSTRY";
    String id = kind + ":" + c.subjectKey() + ":" + LocalDate.ofEpochDay(day);
    doc.put("aggregate_id", id);
    doc.put("kind", kind);
    doc.put("window_start", Instant.ofEpochMilli(endOfDay(day - rule.windowDays()) + 1).toString());
    doc.put("window_end", Instant.ofEpochMilli(endOfDay(day) + 1).toString());
    if (c.type() == WarningType.FAILURE_WAVE) {
      doc.put("product_category", c.productCategory());
      doc.put("samplings", m.samples());
      doc.put("failures", m.observed());
      doc.put("failure_rate", m.samples() == 0 ? 0 : m.observed() / (double) m.samples());
      doc.put("expected_failure_rate", m.samples() == 0 ? 0 : m.expected() / m.samples());
      doc.put("regions_failing", m.distinctInWindow());
    } else {
      Region region = CodeTables.get().region(c.regionCode()).orElse(null);
      doc.put("region_code", c.regionCode());
      doc.put("region_level", c.regionLevel());
      if (region != null) {
        doc.put("province_code", region.provinceCode());
        if (region.cityCode() != null) {
          doc.put("city_code", region.cityCode());
        }
        doc.put("region_name", region.name());
      }
      doc.put("industry_code", c.industryCode());
      doc.put("complaints", m.observed());
      doc.put("complaint_baseline", m.expected());
    }
    doc.put("surprise", m.metric());
    doc.put("surge_p_value", Math.pow(10, -m.metric()));
    return new IndexDoc(aggregatesIndex, id, doc.toString());
  }
}
