package io.qualitywatch.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the local stack runs.
 *
 * @param dataDir state file, logs and both services' data live here
 * @param esHttpPort Elasticsearch HTTP port, 0 = ephemeral
 * @param kafkaPort Kafka broker (PLAINTEXT) port, 0 = ephemeral
 * @param esHeap -Xmx of the Elasticsearch JVM, e.g. "1g"
 * @param kafkaHeap -Xmx of the Kafka JVM, e.g. "512m"
 * @param startTimeout how long to wait for both services to become ready
 */
public record StackConfig(
    Path dataDir,
    int esHttpPort,
    int kafkaPort,
    String esHeap,
    String kafkaHeap,
    Duration startTimeout) {

  public StackConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    dataDir = dataDir.toAbsolutePath().normalize();
    Objects.requireNonNull(esHeap, "esHeap");
    Objects.requireNonNull(kafkaHeap, "kafkaHeap");
    Objects.requireNonNull(startTimeout, "startTimeout");
    if (esHttpPort < 0 || esHttpPort > 65535 || kafkaPort < 0 || kafkaPort > 65535) {
      throw new IllegalArgumentException("ports must be 0..65535");
    }
  }

  /**
   * Data dir from system property {@code qw.stack.dir}, else env {@code QW_STACK_DIR}, else {@code
   * <cwd>/.qw/stack}; ephemeral ports (unless system properties {@code qw.stack.es.port} / {@code
   * qw.stack.kafka.port} say otherwise); 1g / 512m heaps; 120 s start timeout.
   */
  public static StackConfig defaults() {
    String dir = System.getProperty("qw.stack.dir");
    if (dir == null || dir.isBlank()) {
      dir = System.getenv("QW_STACK_DIR");
    }
    Path dataDir =
        dir == null || dir.isBlank()
            ? Path.of("").toAbsolutePath().resolve(".qw/stack")
            : Path.of(dir);
    return new StackConfig(
        dataDir,
        Integer.getInteger("qw.stack.es.port", 0),
        Integer.getInteger("qw.stack.kafka.port", 0),
        "1g",
        "512m",
        Duration.ofSeconds(120));
  }

  public StackConfig withDataDir(Path dir) {
    return new StackConfig(dir, esHttpPort, kafkaPort, esHeap, kafkaHeap, startTimeout);
  }
}
