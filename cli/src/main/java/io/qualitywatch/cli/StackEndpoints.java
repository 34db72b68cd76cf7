package io.qualitywatch.cli;

import io.qualitywatch.ingestion.config.ConfigSource;
import io.qualitywatch.stack.LocalStack;

/** Points a configuration at the local stack, so jobs talk to it exactly as to a cluster. */
final class StackEndpoints {
  private StackEndpoints() {}

  static ConfigSource apply(ConfigSource config, LocalStack stack) {
    return config
        .with("kafka.bootstrap.servers", stack.kafkaBootstrap())
        .with("kafka.partitions", "2")
        .with("elasticsearch.url", stack.elasticsearchUrl())
        .with("elasticsearch.local.node", "true");
  }
}
