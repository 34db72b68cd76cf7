package io.qualitywatch.streaming.notify;

import io.qualitywatch.ingestion.config.ConfigSource;
import io.qualitywatch.risk.warning.WarningLevel;
import java.io.Serializable;
import java.time.Duration;
import java.util.Set;

/**
 * Where duty officers are notified ({@code notify.*}): an HTTP endpoint receiving a JSON POST per
 * warning change at or above {@code minLevel}.
 *
 * @param url empty disables notifications
 * @param authorization sent as the Authorization header when set (e.g. {@code Bearer ...})
 */
public record WebhookSettings(
    String url,
    String authorization,
    WarningLevel minLevel,
    int maxRetries,
    Duration initialBackoff,
    Duration timeout)
    implements Serializable {

  private static final Set<String> KEYS =
      Set.of(
          "webhook.url",
          "webhook.authorization",
          "webhook.min.level",
          "webhook.max.retries",
          "webhook.initial.backoff",
          "webhook.timeout");

  public static WebhookSettings from(ConfigSource config) {
    ConfigSource.Section s = config.section("notify");
    s.rejectUnknown(KEYS);
    String level = s.string("webhook.min.level", "YELLOW");
    WarningLevel min;
    try {
      min = WarningLevel.valueOf(level.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new io.qualitywatch.ingestion.config.ConfigException(
          "notify.webhook.min.level must be RED, ORANGE, YELLOW or BLUE, got '" + level + "'");
    }
    return new WebhookSettings(
        s.string("webhook.url", ""),
        s.string("webhook.authorization", null),
        min,
        s.integer("webhook.max.retries", 6),
        s.duration("webhook.initial.backoff", Duration.ofMillis(500)),
        s.duration("webhook.timeout", Duration.ofSeconds(10)));
  }

  public boolean enabled() {
    return url != null && !url.isBlank();
  }
}
