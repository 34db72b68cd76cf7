package io.qualitywatch.cli;

import io.qualitywatch.ingestion.config.ConfigSource;
import io.qualitywatch.streaming.StreamJobMain;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code qw stream}: runs the Flink risk job in this JVM (a local MiniCluster). */
@Command(
    name = "stream",
    mixinStandardHelpOptions = true,
    description = "Run the streaming risk engine locally against the configured Kafka and Elasticsearch.")
public class StreamCommand implements Callable<Integer> {
  @Option(names = "--config", description = "Configuration file (properties).")
  Path config;

  @Option(names = "--bounded", description = "Read the topics up to their current end, then stop.")
  boolean bounded;

  @Mixin Verbosity verbosity;

  @Override
  public Integer call() throws Exception {
    ConfigSource source = ConfigSource.load(config);
    if (bounded) {
      source = source.with("streaming.bounded", "true");
    }
    JobExecutionResult r =
        StreamJobMain.run(source, StreamExecutionEnvironment.getExecutionEnvironment());
    System.out.println(JobSummary.of(r));
    return 0;
  }
}
