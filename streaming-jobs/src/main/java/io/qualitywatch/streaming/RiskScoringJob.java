package io.qualitywatch.streaming;

import io.qualitywatch.ingestion.elastic.IndexNames;
import io.qualitywatch.risk.scoring.Evidence;
import io.qualitywatch.risk.scoring.ScoringRules;
import io.qualitywatch.streaming.elastic.IndexDoc;
import io.qualitywatch.streaming.elastic.ScoreDocs;
import io.qualitywatch.streaming.scoring.EnterpriseScoreFunction;
import io.qualitywatch.streaming.scoring.ScoreUpdate;
import io.qualitywatch.streaming.source.EventSource;
import io.qualitywatch.streaming.source.ParseEvents;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The risk engine: events → evidence → per-enterprise score → Elasticsearch, with malformed
 * records to the dead-letter sink. Sources and sinks are constructor parameters so the same
 * pipeline runs against Kafka and Elasticsearch in production and against bounded collections in
 * tests.
 */
public final class RiskScoringJob {
  private final EventSource events;
  private final Sink<IndexDoc> elastic;
  private final Sink<String> deadLetters;
  private final StreamingSettings settings;
  private final IndexNames indices;
  private final ScoringRules rules;

  public RiskScoringJob(
      EventSource events,
      Sink<IndexDoc> elastic,
      Sink<String> deadLetters,
      StreamingSettings settings,
      IndexNames indices,
      ScoringRules rules) {
    this.events = events;
    this.elastic = elastic;
    this.deadLetters = deadLetters;
    this.settings = settings;
    this.indices = indices;
    this.rules = rules;
  }

  /** Adds the pipeline to {@code env}. */
  public void build(StreamExecutionEnvironment env) {
    SingleOutputStreamOperator<Evidence> evidence =
        events
            .create(env)
            .process(new ParseEvents(indices.events()))
            .name("parse-and-validate")
            .uid("parse-and-validate");

    evidence.getSideOutput(ParseEvents.DEAD_LETTERS).sinkTo(deadLetters).name("dead-letters");

    SingleOutputStreamOperator<ScoreUpdate> scores =
        evidence
            .keyBy(Evidence::creditCode)
            .process(new EnterpriseScoreFunction(rules, settings.stateTtl()))
            .name("enterprise-score")
            .uid("enterprise-score");

    DataStream<IndexDoc> scoreDocs =
        scores.flatMap(new ScoreDocs(indices)).name("score-docs").uid("score-docs");

    scoreDocs
        .union(evidence.getSideOutput(ParseEvents.EVENT_DOCS))
        .sinkTo(elastic)
        .name("elasticsearch")
        .uid("elasticsearch");
  }

  public JobExecutionResult execute(StreamExecutionEnvironment env) throws Exception {
    build(env);
    return env.execute(settings.jobName());
  }
}
