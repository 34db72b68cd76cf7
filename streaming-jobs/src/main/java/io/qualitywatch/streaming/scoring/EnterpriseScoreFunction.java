package io.qualitywatch.streaming.scoring;

import io.qualitywatch.risk.index.ScoreDocument;
import io.qualitywatch.risk.rules.RiskRules;
import io.qualitywatch.risk.scoring.Evidence;
import io.qualitywatch.risk.scoring.RiskScore;
import io.qualitywatch.risk.scoring.RiskScorer;
import io.qualitywatch.risk.scoring.ScoreState;
import io.qualitywatch.streaming.ordering.EventTimeBuffer;
import io.qualitywatch.streaming.rules.ActiveRules;
import java.time.Duration;
import java.util.Comparator;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keeps each enterprise's running evidence in keyed state and emits its new score on every piece of
 * evidence, under the rules in force (broadcast). Late evidence (behind the watermark) still counts
 * — scoring is order-independent — and is also reported on a side output so lateness is visible.
 * State expires after a long quiet period so enterprises that stop appearing do not grow state
 * forever.
 */
public class EnterpriseScoreFunction
    extends KeyedBroadcastProcessFunction<String, Evidence, String, ScoreUpdate> {
  public static final OutputTag<Evidence> LATE = new OutputTag<>("late-evidence") {};
  public static final String LATE_EVENTS = "late-events";

  private final ActiveRules rules;
  private final Duration stateTtl;
  private final boolean eventTimeOrdering;
  private transient ValueState<ScoreState> state;
  private transient LongCounter late;
  private transient EventTimeBuffer<Evidence> buffer;

  public EnterpriseScoreFunction(RiskRules initialRules, Duration stateTtl) {
    this(initialRules, stateTtl, false);
  }

  /**
   * @param eventTimeOrdering hold evidence until the watermark passes it and score it in (event
   *     time, event id) order: deterministic outputs (see {@link EventTimeBuffer})
   */
  public EnterpriseScoreFunction(
      RiskRules initialRules, Duration stateTtl, boolean eventTimeOrdering) {
    this.rules = new ActiveRules(initialRules);
    this.stateTtl = stateTtl;
    this.eventTimeOrdering = eventTimeOrdering;
  }

  @Override
  public void open(OpenContext ctx) {
    ValueStateDescriptor<ScoreState> desc = new ValueStateDescriptor<>("score", ScoreState.class);
    desc.enableTimeToLive(
        StateTtlConfig.newBuilder(stateTtl)
            .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
            .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
            .build());
    state = getRuntimeContext().getState(desc);
    late = getRuntimeContext().getLongCounter(LATE_EVENTS);
    if (eventTimeOrdering) {
      buffer =
          new EventTimeBuffer<>(
              getRuntimeContext(),
              "ordered-evidence",
              Evidence.class,
              Comparator.comparing(Evidence::eventId));
    }
  }

  @Override
  public void processElement(Evidence e, ReadOnlyContext ctx, Collector<ScoreUpdate> out)
      throws Exception {
    if (e.eventTimeMillis() < ctx.timerService().currentWatermark()) {
      late.add(1);
      ctx.output(LATE, e);
    } else if (eventTimeOrdering && buffer.hold(e, e.eventTimeMillis(), ctx.timerService())) {
      return;
    }
    score(e, ctx, out);
  }

  @Override
  public void onTimer(long ts, OnTimerContext ctx, Collector<ScoreUpdate> out) throws Exception {
    if (eventTimeOrdering) {
      for (Evidence e : buffer.release(ts)) {
        score(e, ctx, out);
      }
    }
  }

  private void score(Evidence e, ReadOnlyContext ctx, Collector<ScoreUpdate> out) throws Exception {
    RiskRules r = rules.get(ctx.getBroadcastState(ActiveRules.DESCRIPTOR));
    ScoreState s = state.value();
    if (s == null) {
      s = new ScoreState();
    }
    s.apply(e, r.scoring());
    state.update(s);
    RiskScore score = new RiskScorer(r.scoring()).score(e.creditCode(), s, s.asOfMillis);
    out.collect(
        ScoreUpdate.of(
            ScoreDocument.of(
                score, e.enterpriseName(), e.regionCode(), e.industryCode(), e.eventId())));
  }

  @Override
  public void processBroadcastElement(String rulesJson, Context ctx, Collector<ScoreUpdate> out)
      throws Exception {
    ActiveRules.update(ctx.getBroadcastState(ActiveRules.DESCRIPTOR), rulesJson);
  }
}
