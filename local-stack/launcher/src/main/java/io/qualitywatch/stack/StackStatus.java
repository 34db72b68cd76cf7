package io.qualitywatch.stack;

import java.time.Instant;

/**
 * What the state file of a stack says, plus whether its services answer now.
 *
 * @param elasticsearchUrl e.g. {@code http://127.0.0.1:41234}
 * @param esPid pid of the Elasticsearch JVM
 * @param esStartupMillis how long Elasticsearch took to start
 * @param esUp whether the process is alive and HTTP answers
 * @param kafkaBootstrap e.g. {@code 127.0.0.1:39092}
 * @param kafkaPid pid of the Kafka JVM
 * @param kafkaStartupMillis how long Kafka took to start
 * @param kafkaUp whether the process is alive and the port accepts connections
 * @param startedAt when the stack was started
 * @param detached whether it was started to outlive the process that started it
 */
public record StackStatus(
    String elasticsearchUrl,
    long esPid,
    long esStartupMillis,
    boolean esUp,
    String kafkaBootstrap,
    long kafkaPid,
    long kafkaStartupMillis,
    boolean kafkaUp,
    Instant startedAt,
    boolean detached) {

  public boolean running() {
    return esUp && kafkaUp;
  }
}
