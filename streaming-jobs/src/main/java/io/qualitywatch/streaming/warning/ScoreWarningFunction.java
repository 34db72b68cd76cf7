package io.qualitywatch.streaming.warning;

import io.qualitywatch.risk.rules.RiskRules;
import io.qualitywatch.risk.rules.WarningRule;
import io.qualitywatch.risk.warning.WarningLifecycle;
import io.qualitywatch.risk.warning.WarningSignal;
import io.qualitywatch.risk.warning.WarningState;
import io.qualitywatch.risk.warning.WarningType;
import io.qualitywatch.streaming.rules.ActiveRules;
import io.qualitywatch.streaming.scoring.ScoreUpdate;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Enterprise risk-score warnings: one per enterprise at a time, raised, escalated and de-escalated
 * as its score crosses the levels of the rules in force, closed after a quiet period.
 */
public class ScoreWarningFunction
    extends KeyedBroadcastProcessFunction<String, ScoreUpdate, String, WarningUpdate> {
  private final ActiveRules rules;
  private final long closeUpToAtEnd;
  private transient ValueState<WarningState> state;
  private transient ValueState<Long> timer;

  public ScoreWarningFunction(RiskRules initialRules) {
    this(initialRules, WarningTimers.CLOSE_NOTHING_AT_END);
  }

  /**
   * @param closeUpToAtEnd at the end of a bounded input, quiet deadlines up to this event time
   *     still close (see {@link WarningTimers#suppressedAtEnd})
   */
  public ScoreWarningFunction(RiskRules initialRules, long closeUpToAtEnd) {
    this.rules = new ActiveRules(initialRules);
    this.closeUpToAtEnd = closeUpToAtEnd;
  }

  @Override
  public void open(OpenContext ctx) {
    state = getRuntimeContext().getState(new ValueStateDescriptor<>("warning", WarningState.class));
    timer = getRuntimeContext().getState(new ValueStateDescriptor<>("quiet-timer", Types.LONG));
  }

  @Override
  public void processElement(ScoreUpdate u, ReadOnlyContext ctx, Collector<WarningUpdate> out)
      throws Exception {
    RiskRules r = rules.get(ctx.getBroadcastState(ActiveRules.DESCRIPTOR));
    WarningRule rule = r.warning(WarningType.RISK_SCORE);
    WarningState s = state.value();
    if (s == null) {
      if (rule.thresholds().levelFor(u.score()) == null) {
        return; // the common case: no warning, no state
      }
      s = new WarningState();
    }
    WarningSignal signal =
        new WarningSignal(
            WarningType.RISK_SCORE,
            u.creditCode(),
            u.creditCode(),
            u.enterpriseName(),
            u.regionCode(),
            u.industryCode(),
            null,
            u.score(),
            u.asOfMillis(),
            u.eventId(),
            u.reasonLabels().isEmpty() ? List.of() : List.of(u.reasonLabels().split("\\|")));
    var changes = WarningLifecycle.apply(s, signal, rule.thresholds(), rule.quiet(), r.version());
    if (!changes.isEmpty()) {
      state.update(s);
      changes.forEach(ch -> out.collect(WarningUpdate.of(ch)));
      WarningTimers.reschedule(ctx.timerService(), timer, s, rule.quiet());
    }
  }

  @Override
  public void onTimer(long ts, OnTimerContext ctx, Collector<WarningUpdate> out) throws Exception {
    timer.clear();
    WarningState s = state.value();
    if (s == null || WarningTimers.suppressedAtEnd(ctx.timerService(), ts, closeUpToAtEnd)) {
      return;
    }
    RiskRules r = rules.get(ctx.getBroadcastState(ActiveRules.DESCRIPTOR));
    WarningRule rule = r.warning(WarningType.RISK_SCORE);
    var change = WarningLifecycle.onQuiet(s, ts, rule.quiet(), r.version());
    if (change.isPresent()) {
      state.update(s);
      out.collect(WarningUpdate.of(change.get()));
    } else {
      WarningTimers.reschedule(ctx.timerService(), timer, s, rule.quiet());
    }
  }

  @Override
  public void processBroadcastElement(String json, Context ctx, Collector<WarningUpdate> out)
      throws Exception {
    ActiveRules.update(ctx.getBroadcastState(ActiveRules.DESCRIPTOR), json);
  }
}
