package io.qualitywatch.streaming.notify;

import io.qualitywatch.risk.warning.WarningLevel;
import io.qualitywatch.streaming.warning.WarningUpdate;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notifies duty officers: each warning change that notifies (raised, escalated, de-escalated,
 * closed) at or above the configured level is POSTed as JSON. Server errors, 429 and connection
 * failures are retried with exponential backoff; a notification still failing after the retries
 * fails the task, so Flink restarts from the last checkpoint and sends it again — at least once:
 * receivers de-duplicate by {@code warning_id} + {@code action} + {@code updated_at}, which the
 * payload carries. A 4xx other than 429 is the receiver refusing the payload: logged and skipped,
 * since resending it cannot help.
 */
public class WebhookSink implements Sink<WarningUpdate> {
  private final WebhookSettings settings;

  public WebhookSink(WebhookSettings settings) {
    this.settings = settings;
  }

  @Override
  public SinkWriter<WarningUpdate> createWriter(WriterInitContext context) {
    return new Writer(settings);
  }

  static final class Writer implements SinkWriter<WarningUpdate> {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookSink.class);
    private final WebhookSettings settings;
    private final HttpClient http;

    Writer(WebhookSettings settings) {
      this.settings = settings;
      this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    @Override
    public void write(WarningUpdate w, Context context) throws IOException, InterruptedException {
      if (!w.action().notifies()
          || WarningLevel.valueOf(w.level()).rank() > settings.minLevel().rank()) {
        return;
      }
      HttpRequest.Builder req =
          HttpRequest.newBuilder(URI.create(settings.url()))
              .timeout(settings.timeout())
              .header("Content-Type", "application/json; charset=utf-8")
              .header("X-QualityWatch-Warning", w.warningId())
              .POST(HttpRequest.BodyPublishers.ofString(w.json(), StandardCharsets.UTF_8));
      if (settings.authorization() != null) {
        req.header("Authorization", settings.authorization());
      }
      send(req.build(), w.warningId());
    }

    private void send(HttpRequest request, String id) throws IOException, InterruptedException {
      Duration backoff = settings.initialBackoff();
      for (int attempt = 0; ; attempt++) {
        int status;
        IOException failure = null;
        try {
          status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
          status = -1;
          failure = e;
        }
        if (status >= 200 && status < 300) {
          return;
        }
        if (status >= 400 && status < 500 && status != 429) {
          LOG.warn("webhook refused warning {} with HTTP {}; not retried", id, status);
          return;
        }
        if (attempt >= settings.maxRetries()) {
          throw new IOException(
              "webhook failed for warning "
                  + id
                  + " after "
                  + attempt
                  + " retries: "
                  + (failure != null ? failure.getMessage() : "HTTP " + status),
              failure);
        }
        Thread.sleep(backoff.toMillis());
        backoff = backoff.multipliedBy(2);
      }
    }

    @Override
    public void flush(boolean endOfInput) {}

    @Override
    public void close() {}
  }
}
