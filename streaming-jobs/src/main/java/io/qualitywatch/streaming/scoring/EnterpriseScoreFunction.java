package io.qualitywatch.streaming.scoring;

import io.qualitywatch.risk.features.EntityHistory;
import io.qualitywatch.risk.index.ScoreDocument;
import io.qualitywatch.risk.model.Prediction;
import io.qualitywatch.risk.rules.RiskRules;
import io.qualitywatch.risk.scoring.Evidence;
import io.qualitywatch.risk.scoring.RiskScore;
import io.qualitywatch.risk.scoring.RiskScorer;
import io.qualitywatch.risk.scoring.ScoreState;
import io.qualitywatch.risk.serving.EnterpriseFeatures;
import io.qualitywatch.risk.serving.FailureModel;
import io.qualitywatch.risk.serving.ModelChoice;
import io.qualitywatch.streaming.ordering.EventTimeBuffer;
import io.qualitywatch.streaming.rules.ActiveRules;
import java.time.Duration;
import java.util.Comparator;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keeps each enterprise's running evidence in keyed state and emits its new score on every piece of
 * evidence, under the rules in force (broadcast). Late evidence (behind the watermark) still counts
 * — scoring is order-independent — and is also reported on a side output so lateness is visible.
 * State expires after a long quiet period so enterprises that stop appearing do not grow state
 * forever.
 *
 * <p>With a {@link ModelChoice}, the same operator also keeps the enterprise's event times for the
 * learned model ({@link EntityHistory} as one {@code long[]}, folded to a year plus per-kind
 * counts, same TTL) and adds the model's failure probability, its top reasons and the model version
 * to each score document. Same key, same event: no extra exchange, no second copy of the evidence.
 */
public class EnterpriseScoreFunction
    extends KeyedBroadcastProcessFunction<String, Evidence, String, ScoreUpdate> {
  public static final OutputTag<Evidence> LATE = new OutputTag<>("late-evidence") {};
  public static final String LATE_EVENTS = "late-events";

  private final ActiveRules rules;
  private final Duration stateTtl;
  private final boolean eventTimeOrdering;
  private final ModelChoice model;
  private transient ValueState<ScoreState> state;
  private transient ValueState<long[]> history;
  private transient FailureModel failureModel;
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
    this(initialRules, stateTtl, eventTimeOrdering, null);
  }

  /**
   * @param model the registry version whose failure probability the documents carry, or null for
   *     none; loaded (and its feature schema checked) in {@link #open}
   */
  public EnterpriseScoreFunction(
      RiskRules initialRules, Duration stateTtl, boolean eventTimeOrdering, ModelChoice model) {
    this.rules = new ActiveRules(initialRules);
    this.stateTtl = stateTtl;
    this.eventTimeOrdering = eventTimeOrdering;
    this.model = model;
  }

  @Override
  public void open(OpenContext ctx) {
    StateTtlConfig ttl =
        StateTtlConfig.newBuilder(stateTtl)
            .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
            .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
            .build();
    ValueStateDescriptor<ScoreState> desc = new ValueStateDescriptor<>("score", ScoreState.class);
    desc.enableTimeToLive(ttl);
    state = getRuntimeContext().getState(desc);
    if (model != null) {
      // Fails the job at start, naming the missing and unexpected features, on a schema mismatch.
      failureModel = FailureModel.shared(model);
      ValueStateDescriptor<long[]> h =
          new ValueStateDescriptor<>(
              "model-history", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);
      h.enableTimeToLive(ttl);
      history = getRuntimeContext().getState(h);
    }
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
    ScoreDocument doc =
        ScoreDocument.of(score, e.enterpriseName(), e.regionCode(), e.industryCode(), e.eventId());
    if (failureModel != null) {
      EntityHistory h = EntityHistory.fromArray(history.value());
      EnterpriseFeatures.observe(h, e, s.asOfMillis);
      history.update(h.toArray());
      Prediction p =
          failureModel.predict(e.creditCode(), h, e.industryCode(), e.regionCode(), s.asOfMillis);
      doc = doc.withFailure(p.probability(), FailureModel.reasons(p), failureModel.version());
    }
    out.collect(ScoreUpdate.of(doc));
  }

  @Override
  public void processBroadcastElement(String rulesJson, Context ctx, Collector<ScoreUpdate> out)
      throws Exception {
    ActiveRules.update(ctx.getBroadcastState(ActiveRules.DESCRIPTOR), rulesJson);
  }
}
