package io.qualitywatch.ingestion.kafka;

import io.qualitywatch.ingestion.config.ConfigSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * How to reach Kafka and how topics are named. Security settings for a real cluster (TLS, SASL)
 * pass through unchanged as {@code kafka.client.<kafka property>}, e.g. {@code
 * kafka.client.security.protocol=SASL_SSL}.
 *
 * @param topicPrefix first segment of every topic name, so several environments can share a cluster
 * @param partitions partitions for topics the platform creates
 * @param replicationFactor replication for topics the platform creates (1 on the local broker)
 */
public record KafkaSettings(
    String bootstrapServers,
    String topicPrefix,
    int partitions,
    short replicationFactor,
    Map<String, String> clientProperties) {

  private static final Set<String> KEYS =
      Set.of("bootstrap.servers", "topic.prefix", "partitions", "replication.factor");

  public static KafkaSettings from(ConfigSource config) {
    ConfigSource.Section s = config.section("kafka");
    s.rejectUnknown(KEYS, "client");
    return new KafkaSettings(
        s.string("bootstrap.servers", "127.0.0.1:9092"),
        s.string("topic.prefix", "qw"),
        s.integer("partitions", 4),
        (short) s.integer("replication.factor", 1),
        s.passthrough("client"));
  }

  public static KafkaSettings local(String bootstrapServers) {
    return new KafkaSettings(bootstrapServers, "qw", 4, (short) 1, Map.of());
  }

  public KafkaSettings withBootstrap(String servers) {
    return new KafkaSettings(servers, topicPrefix, partitions, replicationFactor, clientProperties);
  }

  public KafkaSettings withPrefix(String prefix) {
    return new KafkaSettings(
        bootstrapServers, prefix, partitions, replicationFactor, clientProperties);
  }

  public Topics topics() {
    return new Topics(topicPrefix);
  }

  /** Common client properties: bootstrap plus pass-through security settings. */
  public Properties clientProps() {
    Properties p = new Properties();
    p.putAll(new HashMap<>(clientProperties));
    p.put("bootstrap.servers", bootstrapServers);
    return p;
  }
}
