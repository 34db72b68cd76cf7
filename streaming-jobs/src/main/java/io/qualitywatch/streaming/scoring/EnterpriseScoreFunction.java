package io.qualitywatch.streaming.scoring;

import io.qualitywatch.risk.index.ScoreDocument;
import io.qualitywatch.risk.scoring.Evidence;
import io.qualitywatch.risk.scoring.RiskScore;
import io.qualitywatch.risk.scoring.RiskScorer;
import io.qualitywatch.risk.scoring.ScoreState;
import io.qualitywatch.risk.scoring.ScoringRules;
import java.time.Duration;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keeps each enterprise's running evidence in keyed state and emits its new score on every piece of
 * evidence. Late evidence (behind the watermark) still counts — scoring is order-independent — and
 * is also reported on a side output so lateness is visible. State expires after a long quiet period
 * so enterprises that stop appearing do not grow state forever.
 */
public class EnterpriseScoreFunction extends KeyedProcessFunction<String, Evidence, ScoreUpdate> {
  public static final OutputTag<Evidence> LATE = new OutputTag<>("late-evidence") {};
  public static final String LATE_EVENTS = "late-events";

  private final ScoringRules rules;
  private final Duration stateTtl;
  private transient ValueState<ScoreState> state;
  private transient RiskScorer scorer;
  private transient LongCounter late;

  public EnterpriseScoreFunction(ScoringRules rules, Duration stateTtl) {
    this.rules = rules;
    this.stateTtl = stateTtl;
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
    scorer = new RiskScorer(rules);
    late = getRuntimeContext().getLongCounter(LATE_EVENTS);
  }

  @Override
  public void processElement(Evidence e, Context ctx, Collector<ScoreUpdate> out)
      throws Exception {
    Long watermark = ctx.timerService().currentWatermark();
    if (e.eventTimeMillis() < watermark) {
      late.add(1);
      ctx.output(LATE, e);
    }
    ScoreState s = state.value();
    if (s == null) {
      s = new ScoreState();
    }
    s.apply(e, rules);
    state.update(s);
    RiskScore score = scorer.score(e.creditCode(), s, s.asOfMillis);
    out.collect(
        ScoreUpdate.of(
            ScoreDocument.of(
                score, e.enterpriseName(), e.regionCode(), e.industryCode(), e.eventId())));
  }
}
