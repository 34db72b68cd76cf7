package io.qualitywatch.streaming.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.qualitywatch.risk.warning.WarningAction;
import io.qualitywatch.risk.warning.WarningLevel;
import io.qualitywatch.streaming.warning.WarningUpdate;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook writer against a real HTTP server on 127.0.0.1 that fails on purpose. */
class WebhookSinkTest {
  private HttpServer server;
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final List<String> auth = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private volatile int failStatus = 503;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/hook",
        ex -> {
          String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          int status = failuresLeft.getAndDecrement() > 0 ? failStatus : 204;
          if (status == 204) {
            bodies.add(body);
            auth.add(ex.getRequestHeaders().getFirst("Authorization"));
          }
          ex.sendResponseHeaders(status, -1);
          ex.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private WebhookSink.Writer writer(int retries) {
    return new WebhookSink.Writer(
        new WebhookSettings(
            "http://127.0.0.1:" + server.getAddress().getPort() + "/hook",
            "Bearer s3cret",
            WarningLevel.YELLOW,
            retries,
            Duration.ofMillis(10),
            Duration.ofSeconds(5)));
  }

  private static WarningUpdate update(WarningAction action, String level) {
    return new WarningUpdate(
        "W1", action, level, 0, "{\"warning_id\":\"W1\",\"action\":\"" + action + "\"}");
  }

  @Test
  void retriesServerErrorsThenDelivers() throws Exception {
    failuresLeft.set(3);
    writer(5).write(update(WarningAction.RAISED, "RED"), null);
    assertEquals(1, bodies.size());
    assertTrue(bodies.get(0).contains("\"action\":\"RAISED\""));
    assertEquals("Bearer s3cret", auth.get(0));
  }

  @Test
  void givesUpAfterTheRetriesSoFlinkRestartsAndResends() {
    failuresLeft.set(100);
    IOException e =
        assertThrows(
            IOException.class, () -> writer(2).write(update(WarningAction.RAISED, "RED"), null));
    assertTrue(e.getMessage().contains("W1"), e.getMessage());
  }

  @Test
  void aRefusedPayloadIsNotRetried() throws Exception {
    failuresLeft.set(1);
    failStatus = 400;
    writer(5).write(update(WarningAction.RAISED, "RED"), null);
    assertTrue(bodies.isEmpty());
    assertEquals(0, failuresLeft.get(), "exactly one attempt (a second would leave -1)");
  }

  @Test
  void onlyNotifyingChangesAtOrAboveTheMinimumLevelAreSent() throws Exception {
    var w = writer(1);
    w.write(update(WarningAction.UPDATED, "RED"), null);
    w.write(update(WarningAction.RAISED, "BLUE"), null);
    w.write(update(WarningAction.ESCALATED, "YELLOW"), null);
    assertEquals(1, bodies.size());
    assertTrue(bodies.get(0).contains("ESCALATED"));
  }
}
