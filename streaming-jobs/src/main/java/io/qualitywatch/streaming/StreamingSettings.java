package io.qualitywatch.streaming;

import io.qualitywatch.ingestion.config.ConfigSource;
import io.qualitywatch.risk.serving.ModelChoice;
import java.io.Serializable;
import java.time.Duration;
import java.util.Set;

/**
 * The stream job's own settings ({@code streaming.*}).
 *
 * @param outOfOrderness how far behind the newest event an event may arrive and still be on time
 * @param idleness a partition silent this long stops holding the watermark back
 * @param stateTtl an enterprise with no evidence for this long loses its running state
 * @param bounded read the topics up to their current end and finish (demo, backfill) instead of
 *     running forever
 * @param restartAttempts restarts (from the last checkpoint) before the job fails for good
 * @param restartDelay pause between restarts
 * @param checkpointDir where checkpoints go (a file system URI or path). Flink's default keeps them
 *     in the JobManager's memory, limited to 5 MB of state: a few hundred thousand enterprises
 *     already exceed it and every checkpoint then fails.
 * @param eventTimeOrdering process each key's events in event-time order once the watermark passes
 *     them: identical outputs on every run and after restores, at the cost of waiting for the
 *     watermark (the out-of-orderness bound). Off: events are processed on arrival, warnings within
 *     seconds, final scores identical but intermediate history may differ between runs
 *     (docs/streaming-operations.md).
 * @param model registry model whose failure probability the score documents carry ({@code
 *     model.registry}, {@code model.name}, {@code model.version}); null = none
 */
public record StreamingSettings(
    String jobName,
    String consumerGroup,
    int parallelism,
    Duration checkpointInterval,
    Duration outOfOrderness,
    Duration idleness,
    Duration stateTtl,
    boolean bounded,
    int restartAttempts,
    Duration restartDelay,
    String checkpointDir,
    boolean eventTimeOrdering,
    ModelChoice model)
    implements Serializable {

  private static final Set<String> KEYS =
      Set.of(
          "job.name",
          "consumer.group",
          "parallelism",
          "checkpoint.interval",
          "out.of.orderness",
          "idleness",
          "state.ttl",
          "bounded",
          "restart.attempts",
          "restart.delay",
          "checkpoint.dir",
          "event.time.ordering",
          "model.registry",
          "model.name",
          "model.version");

  public static StreamingSettings from(ConfigSource config) {
    ConfigSource.Section s = config.section("streaming");
    s.rejectUnknown(KEYS);
    return new StreamingSettings(
        s.string("job.name", "qualitywatch-risk"),
        s.string("consumer.group", "qw-risk-engine"),
        s.integer("parallelism", 2),
        s.duration("checkpoint.interval", Duration.ofSeconds(10)),
        s.duration("out.of.orderness", Duration.ofMinutes(10)),
        s.duration("idleness", Duration.ofSeconds(30)),
        s.duration("state.ttl", Duration.ofDays(3 * 365)),
        s.bool("bounded", false),
        s.integer("restart.attempts", 10),
        s.duration("restart.delay", Duration.ofSeconds(10)),
        s.string(
            "checkpoint.dir",
            java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "qualitywatch-checkpoints")
                .toUri()
                .toString()),
        s.bool("event.time.ordering", false),
        ModelChoice.from(s));
  }

  public StreamingSettings withBounded(boolean b) {
    return new StreamingSettings(
        jobName,
        consumerGroup,
        parallelism,
        checkpointInterval,
        outOfOrderness,
        idleness,
        stateTtl,
        b,
        restartAttempts,
        restartDelay,
        checkpointDir,
        eventTimeOrdering,
        model);
  }
}
