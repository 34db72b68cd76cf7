package io.qualitywatch.streaming;

import io.qualitywatch.ingestion.elastic.IndexNames;
import io.qualitywatch.risk.rules.RiskRules;
import io.qualitywatch.risk.scoring.Evidence;
import io.qualitywatch.risk.serving.FailureModel;
import io.qualitywatch.streaming.aggregate.CountSignal;
import io.qualitywatch.streaming.aggregate.CountSignals;
import io.qualitywatch.streaming.aggregate.CountWarningFunction;
import io.qualitywatch.streaming.elastic.IndexDoc;
import io.qualitywatch.streaming.elastic.ScoreDocs;
import io.qualitywatch.streaming.rules.ActiveRules;
import io.qualitywatch.streaming.rules.ParseRules;
import io.qualitywatch.streaming.scoring.EnterpriseScoreFunction;
import io.qualitywatch.streaming.scoring.ScoreUpdate;
import io.qualitywatch.streaming.source.EventSource;
import io.qualitywatch.streaming.source.ParseEvents;
import io.qualitywatch.streaming.warning.ScoreWarningFunction;
import io.qualitywatch.streaming.warning.WarningDocs;
import io.qualitywatch.streaming.warning.WarningTimers;
import io.qualitywatch.streaming.warning.WarningUpdate;
import java.util.OptionalLong;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The risk engine. Events → evidence → per-enterprise scores → score warnings; evidence → count
 * signals → complaint-surge, failure-wave and certificate-abuse warnings and aggregates; all under
 * rules broadcast from the control topic. Results go to Elasticsearch (scores, score history,
 * events, warnings, aggregates), warning changes to the warnings topic and to duty officers,
 * malformed records and rejected rules to the dead-letter topic. Sources and sinks are constructor
 * parameters, so the same pipeline runs on Kafka/Elasticsearch and on bounded test data.
 */
public final class RiskScoringJob {
  private final EventSource events;
  private final EventSource rulesSource;
  private final JobSinks sinks;
  private final StreamingSettings settings;
  private final IndexNames indices;
  private final RiskRules initialRules;

  public RiskScoringJob(
      EventSource events,
      EventSource rules,
      JobSinks sinks,
      StreamingSettings settings,
      IndexNames indices,
      RiskRules initialRules) {
    this.events = events;
    this.rulesSource = rules;
    this.sinks = sinks;
    this.settings = settings;
    this.indices = indices;
    this.initialRules = initialRules;
  }

  /** Adds the pipeline to {@code env}. */
  public void build(StreamExecutionEnvironment env) {
    if (settings.model() != null) {
      // Load once here too: a wrong version or feature schema fails before the job is submitted.
      FailureModel.shared(settings.model());
    }
    SingleOutputStreamOperator<String> validRules =
        rulesSource
            .create(env)
            .process(new ParseRules())
            .name("validate-rules")
            .uid("validate-rules")
            .setParallelism(1);
    BroadcastStream<String> rules = validRules.broadcast(ActiveRules.DESCRIPTOR);

    SingleOutputStreamOperator<Evidence> evidence =
        events
            .create(env)
            .process(new ParseEvents(indices.events()))
            .name("parse-and-validate")
            .uid("parse-and-validate");

    evidence
        .getSideOutput(ParseEvents.DEAD_LETTERS)
        .union(validRules.getSideOutput(ParseEvents.DEAD_LETTERS))
        .sinkTo(sinks.deadLetters())
        .name("dead-letters")
        .uid("dead-letters");

    SingleOutputStreamOperator<ScoreUpdate> scores =
        evidence
            .keyBy(Evidence::creditCode)
            .connect(rules)
            .process(
                new EnterpriseScoreFunction(
                    initialRules,
                    settings.stateTtl(),
                    settings.eventTimeOrdering(),
                    settings.model()))
            .name("enterprise-score")
            .uid("enterprise-score");

    // The end of a bounded input closes exactly what the input's own watermark could reach:
    // bounded out-of-orderness emits latest event time − out-of-orderness − 1.
    OptionalLong latest = events.latestEventTime();
    long closeUpToAtEnd =
        latest.isPresent()
            ? latest.getAsLong() - settings.outOfOrderness().toMillis() - 1
            : WarningTimers.CLOSE_NOTHING_AT_END;
    // Only the deciding fields cross the exchange; the rendered document stays in this task.
    DataStream<WarningUpdate> scoreWarnings =
        scores
            .map(ScoreUpdate::withoutDocument)
            .name("score-signals")
            .uid("score-signals")
            .keyBy(ScoreUpdate::creditCode)
            .connect(rules)
            .process(new ScoreWarningFunction(initialRules, closeUpToAtEnd))
            .name("score-warnings")
            .uid("score-warnings");

    SingleOutputStreamOperator<WarningUpdate> countWarnings =
        evidence
            .flatMap(new CountSignals())
            .name("count-signals")
            .uid("count-signals")
            .keyBy(CountSignal::key)
            .connect(rules)
            .process(
                new CountWarningFunction(
                    initialRules,
                    indices.aggregates(),
                    settings.eventTimeOrdering(),
                    closeUpToAtEnd))
            .name("count-warnings")
            .uid("count-warnings");

    DataStream<WarningUpdate> warnings = scoreWarnings.union(countWarnings);

    // Each producer of documents writes them through its own chained sink: a document never
    // crosses a network exchange (serialising the JSON twice cost more than indexing it).
    indexed(evidence.getSideOutput(ParseEvents.EVENT_DOCS), "events");
    indexed(scores.flatMap(new ScoreDocs(indices)).name("score-docs").uid("score-docs"), "scores");
    indexed(countWarnings.getSideOutput(CountWarningFunction.AGGREGATES), "aggregates");
    indexed(
        warnings.map(new WarningDocs(indices.warnings())).name("warning-docs").uid("warning-docs"),
        "warnings");

    DataStream<WarningUpdate> changes =
        warnings.filter(w -> w.action().notifies()).name("warning-changes").uid("warning-changes");
    changes.sinkTo(sinks.warnings()).name("warnings-topic").uid("warnings-topic");
    if (sinks.notifications() != null) {
      changes.sinkTo(sinks.notifications()).name("webhook").uid("webhook");
    }
  }

  private void indexed(DataStream<IndexDoc> docs, String what) {
    docs.sinkTo(sinks.elastic()).name("elasticsearch-" + what).uid("elasticsearch-" + what);
  }

  public JobExecutionResult execute(StreamExecutionEnvironment env) throws Exception {
    build(env);
    return env.execute(settings.jobName());
  }
}
