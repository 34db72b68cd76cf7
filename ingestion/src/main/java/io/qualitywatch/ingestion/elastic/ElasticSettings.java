package io.qualitywatch.ingestion.elastic;

import io.qualitywatch.ingestion.config.ConfigSource;
import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * How to reach Elasticsearch. The local node needs only a URL; a real cluster adds TLS (a CA
 * certificate file or its SHA-256 fingerprint) and an API key or user/password — configuration
 * only, the same jars.
 *
 * @param urls one or more {@code http(s)://host:port}
 * @param indexPrefix first part of every alias, e.g. {@code qw} gives {@code qw-scores}
 * @param bulkActions documents per bulk request
 * @param maxRetries retries of a rejected or failed bulk item before the write fails
 * @param flushInterval a partly filled batch is sent once its oldest document is this old, so a
 *     trickle of warnings reaches analysts within about this time, not at the next checkpoint
 * @param localNode true on the embedded single node: replicas 0, no ILM
 */
public record ElasticSettings(
    List<String> urls,
    String apiKey,
    String username,
    String password,
    String caCertPath,
    String caFingerprint,
    String indexPrefix,
    int bulkActions,
    int maxRetries,
    Duration initialBackoff,
    Duration flushInterval,
    boolean localNode)
    implements Serializable {

  private static final Set<String> KEYS =
      Set.of(
          "url",
          "api.key",
          "username",
          "password",
          "ca.cert",
          "ca.fingerprint",
          "index.prefix",
          "bulk.actions",
          "bulk.max.retries",
          "bulk.initial.backoff",
          "bulk.flush.interval",
          "local.node");

  public ElasticSettings {
    urls = List.copyOf(urls);
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("elasticsearch.url is required");
    }
  }

  public static ElasticSettings from(ConfigSource config) {
    ConfigSource.Section s = config.section("elasticsearch");
    s.rejectUnknown(KEYS);
    return new ElasticSettings(
        Arrays.stream(s.string("url", "http://127.0.0.1:9200").split(","))
            .map(String::trim)
            .filter(u -> !u.isEmpty())
            .toList(),
        s.string("api.key", null),
        s.string("username", null),
        s.string("password", null),
        s.string("ca.cert", null),
        s.string("ca.fingerprint", null),
        s.string("index.prefix", "qw"),
        s.integer("bulk.actions", 2000),
        s.integer("bulk.max.retries", 12),
        s.duration("bulk.initial.backoff", Duration.ofMillis(200)),
        s.duration("bulk.flush.interval", Duration.ofMillis(250)),
        s.bool("local.node", false));
  }

  public static ElasticSettings local(String url) {
    return new ElasticSettings(
        List.of(url),
        null,
        null,
        null,
        null,
        null,
        "qw",
        2000,
        12,
        Duration.ofMillis(200),
        Duration.ofMillis(250),
        true);
  }

  public ElasticSettings withUrl(String url) {
    return new ElasticSettings(
        List.of(url),
        apiKey,
        username,
        password,
        caCertPath,
        caFingerprint,
        indexPrefix,
        bulkActions,
        maxRetries,
        initialBackoff,
        flushInterval,
        localNode);
  }

  public ElasticSettings withLocalNode(boolean local) {
    return new ElasticSettings(
        urls,
        apiKey,
        username,
        password,
        caCertPath,
        caFingerprint,
        indexPrefix,
        bulkActions,
        maxRetries,
        initialBackoff,
        flushInterval,
        local);
  }

  public ElasticSettings withPrefix(String prefix) {
    return new ElasticSettings(
        urls,
        apiKey,
        username,
        password,
        caCertPath,
        caFingerprint,
        prefix,
        bulkActions,
        maxRetries,
        initialBackoff,
        flushInterval,
        localNode);
  }

  public IndexNames indices() {
    return new IndexNames(indexPrefix);
  }

  @Override
  public String toString() {
    // Never print secrets.
    return "ElasticSettings[urls="
        + urls
        + ", auth="
        + (apiKey != null ? "api-key" : username != null ? "basic" : "none")
        + ", tls="
        + (caCertPath != null || caFingerprint != null)
        + ", prefix="
        + indexPrefix
        + "]";
  }
}
