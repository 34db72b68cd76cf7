package io.qualitywatch.cli;

import io.qualitywatch.ingestion.config.ConfigSource;
import io.qualitywatch.streaming.StreamJobMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code qw stream}: runs the Flink risk job in this JVM (a local MiniCluster). */
@Command(
    name = "stream",
    mixinStandardHelpOptions = true,
    description =
        "Run the streaming risk engine locally against the configured Kafka and Elasticsearch.")
public class StreamCommand implements Callable<Integer> {
  @Option(names = "--config", description = "Configuration file (properties).")
  Path config;

  @Option(names = "--bounded", description = "Read the topics up to their current end, then stop.")
  boolean bounded;

  @Option(
      names = "--checkpoint-dir",
      paramLabel = "DIR",
      description =
          "Keep checkpoints under DIR/<job id>/chk-N and retain the last one when the job is"
              + " cancelled or stopped, so a later run can restore from it.")
  Path checkpointDir;

  @Option(
      names = "--from-savepoint",
      paramLabel = "PATH",
      description =
          "Restore the job's state from a savepoint or retained checkpoint (a directory with"
              + " _metadata), or from the newest checkpoint found under PATH (e.g. the"
              + " --checkpoint-dir of an earlier run). Same as execution.state-recovery.path.")
  Path fromSavepoint;

  @Option(
      names = "--model-registry",
      paramLabel = "DIR",
      description =
          "Add the learned model's failure probability to the scores: registry directory (same as"
              + " streaming.model.registry); needs --model-version.")
  Path modelRegistry;

  @Option(
      names = "--model-version",
      paramLabel = "VERSION",
      description = "Registry version to load (streaming.model.version), e.g. from qw model train.")
  String modelVersion;

  @Mixin Verbosity verbosity;

  @Override
  public Integer call() throws Exception {
    ConfigSource source = ConfigSource.load(config);
    if (bounded) {
      source = source.with("streaming.bounded", "true");
    }
    if (modelRegistry != null) {
      source = source.with("streaming.model.registry", modelRegistry.toAbsolutePath().toString());
    }
    if (modelVersion != null) {
      source = source.with("streaming.model.version", modelVersion);
    }
    Configuration flink = new Configuration();
    if (checkpointDir != null) {
      flink.set(
          CheckpointingOptions.CHECKPOINTS_DIRECTORY,
          checkpointDir.toAbsolutePath().toUri().toString());
      flink.set(
          CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
          ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    }
    if (fromSavepoint != null) {
      Path restore = restorePoint(fromSavepoint);
      System.err.println("stream: restoring from " + restore);
      flink.set(StateRecoveryOptions.SAVEPOINT_PATH, restore.toUri().toString());
    }
    JobExecutionResult r =
        StreamJobMain.run(source, StreamExecutionEnvironment.getExecutionEnvironment(flink));
    System.out.println(JobSummary.of(r));
    return 0;
  }

  /** A savepoint or checkpoint directory itself, else the newest complete checkpoint under it. */
  static Path restorePoint(Path path) throws IOException {
    if (Files.exists(path.resolve("_metadata"))) {
      return path.toAbsolutePath();
    }
    try (Stream<Path> s = Files.find(path, 2, (p, a) -> Files.exists(p.resolve("_metadata")))) {
      return s.max(Comparator.comparingLong(StreamCommand::modified))
          .map(Path::toAbsolutePath)
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "no savepoint or checkpoint (_metadata) in " + path));
    }
  }

  private static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p.resolve("_metadata")).toMillis();
    } catch (IOException e) {
      return Long.MIN_VALUE;
    }
  }
}
