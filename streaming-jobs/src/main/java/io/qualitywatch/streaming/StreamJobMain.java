package io.qualitywatch.streaming;

import io.qualitywatch.ingestion.config.ConfigSource;
import io.qualitywatch.ingestion.elastic.ElasticSettings;
import io.qualitywatch.ingestion.kafka.KafkaSettings;
import io.qualitywatch.risk.rules.RiskRules;
import io.qualitywatch.streaming.deadletter.KafkaDeadLetters;
import io.qualitywatch.streaming.elastic.ElasticsearchSink;
import io.qualitywatch.streaming.notify.WebhookSettings;
import io.qualitywatch.streaming.notify.WebhookSink;
import io.qualitywatch.streaming.rules.KafkaRules;
import io.qualitywatch.streaming.source.KafkaEvents;
import io.qualitywatch.streaming.warning.KafkaWarnings;
import java.nio.file.Path;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Entry point for {@code flink run} and for the CLI: wires the job to Kafka and Elasticsearch from
 * configuration. Usage: {@code StreamJobMain [config.properties]}; environment variables {@code
 * QW_*} override the file.
 */
public final class StreamJobMain {
  private StreamJobMain() {}

  public static void main(String[] args) throws Exception {
    Path config = args.length > 0 ? Path.of(args[0]) : null;
    run(ConfigSource.load(config), StreamExecutionEnvironment.getExecutionEnvironment());
  }

  public static JobExecutionResult run(ConfigSource config, StreamExecutionEnvironment env)
      throws Exception {
    StreamingSettings settings = StreamingSettings.from(config);
    configure(env, settings);
    return job(config).execute(env);
  }

  /** Checkpointing, exactly-once mode, restart strategy and parallelism from the settings. */
  public static void configure(StreamExecutionEnvironment env, StreamingSettings settings) {
    Configuration conf = new Configuration();
    conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, settings.checkpointInterval());
    conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
    // A directory given to the environment itself (qw stream --checkpoint-dir, flink-conf) wins.
    if (env.getConfiguration().getOptional(CheckpointingOptions.CHECKPOINTS_DIRECTORY).isEmpty()) {
      conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
      conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, settings.checkpointDir());
    }
    // One slow checkpoint (a loaded machine, a long Elasticsearch flush) must not fail the job.
    conf.set(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER, 3);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(
        RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, settings.restartAttempts());
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, settings.restartDelay());
    env.configure(conf);
    env.setParallelism(settings.parallelism());
  }

  /** The job wired to Kafka, Elasticsearch and (when configured) the webhook. */
  public static RiskScoringJob job(ConfigSource config) {
    KafkaSettings kafka = KafkaSettings.from(config);
    ElasticSettings elastic = ElasticSettings.from(config);
    StreamingSettings settings = StreamingSettings.from(config);
    WebhookSettings webhook = WebhookSettings.from(config);
    JobSinks sinks =
        new JobSinks(
            new ElasticsearchSink(elastic),
            KafkaDeadLetters.sink(kafka),
            KafkaWarnings.sink(kafka, settings.jobName() + "-warnings"),
            webhook.enabled() ? new WebhookSink(webhook) : null);
    return new RiskScoringJob(
        new KafkaEvents(kafka, settings),
        new KafkaRules(kafka, settings),
        sinks,
        settings,
        elastic.indices(),
        RiskRules.defaults());
  }
}
