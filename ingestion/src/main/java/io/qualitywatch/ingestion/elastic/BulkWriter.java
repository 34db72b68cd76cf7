package io.qualitywatch.ingestion.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qualitywatch.ingestion.contract.EventCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * Writes documents with deterministic ids through {@code _bulk}, synchronously: {@link #flush()}
 * returns only when every buffered document is stored, so a Flink checkpoint or a Spark task that
 * completes after a flush has really written its data. Rejected items (429, 5xx) and an unreachable
 * cluster are retried with exponential backoff; a document the cluster refuses for good (a mapping
 * error) fails the flush with the reason, never silently.
 *
 * <p>Not thread-safe: one writer per task.
 */
public final class BulkWriter implements AutoCloseable {
  private static final ObjectMapper MAPPER = EventCodec.mapper();
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

  private final RestClient client;
  private final boolean ownsClient;
  private final int batchSize;
  private final int maxRetries;
  private final Duration initialBackoff;
  private final long flushIntervalNanos;

  /**
   * Pending writes by index and id: a second write of the same document before the flush replaces
   * the first (last write wins, as it would in the index), so a busy enterprise's latest score is
   * sent once per batch, not once per event.
   */
  private final Map<String, Op> pending = new LinkedHashMap<>();

  private long oldestPendingNanos;
  private long written;
  private long retriedItems;

  private record Op(String index, String id, byte[] source, boolean delete) {}

  public BulkWriter(ElasticSettings settings) {
    this(ElasticClients.restClient(settings), true, settings);
  }

  public BulkWriter(RestClient client, boolean ownsClient, ElasticSettings settings) {
    this.client = client;
    this.ownsClient = ownsClient;
    this.batchSize = settings.bulkActions();
    this.maxRetries = settings.maxRetries();
    this.initialBackoff = settings.initialBackoff();
    this.flushIntervalNanos = settings.flushInterval().toNanos();
  }

  /** Indexes (creates or replaces) a document: the same id twice leaves one document. */
  public void index(String index, String id, Object document) {
    try {
      indexJson(index, id, MAPPER.writeValueAsBytes(document));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void indexJson(String index, String id, byte[] json) {
    add(new Op(index, id, json, false));
  }

  public void delete(String index, String id) {
    add(new Op(index, id, null, true));
  }

  private void add(Op op) {
    long now = System.nanoTime();
    if (pending.isEmpty()) {
      oldestPendingNanos = now;
    }
    pending.put(op.index + '\u0000' + op.id, op);
    if (pending.size() >= batchSize || now - oldestPendingNanos >= flushIntervalNanos) {
      flush();
    }
  }

  public long written() {
    return written;
  }

  /** Items that needed at least one retry: a measure of back-pressure from the cluster. */
  public long retriedItems() {
    return retriedItems;
  }

  public void flush() {
    List<Op> todo = new ArrayList<>(pending.values());
    pending.clear();
    Duration backoff = initialBackoff;
    for (int attempt = 0; !todo.isEmpty(); attempt++) {
      List<Op> failed;
      try {
        failed = send(todo);
      } catch (IOException e) {
        failed = todo; // cluster unreachable or timed out: retry everything
        if (attempt >= maxRetries) {
          throw new UncheckedIOException(
              "Elasticsearch unreachable after " + attempt + " retries: " + e.getMessage(), e);
        }
      }
      if (failed.isEmpty()) {
        return;
      }
      if (attempt >= maxRetries) {
        throw new IllegalStateException(
            failed.size() + " documents still rejected after " + maxRetries + " retries");
      }
      retriedItems += failed.size();
      sleep(backoff);
      backoff =
          backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
              ? MAX_BACKOFF
              : backoff.multipliedBy(2);
      todo = failed;
    }
  }

  /** Sends one bulk request; returns the items worth retrying, throws on permanent rejections. */
  private List<Op> send(List<Op> ops) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream(ops.size() * 256);
    for (Op op : ops) {
      body.write(
          ("{\""
                  + (op.delete ? "delete" : "index")
                  + "\":{\"_index\":"
                  + MAPPER.writeValueAsString(op.index)
                  + ",\"_id\":"
                  + MAPPER.writeValueAsString(op.id)
                  + "}}\n")
              .getBytes(StandardCharsets.UTF_8));
      if (!op.delete) {
        body.write(op.source);
        body.write('\n');
      }
    }
    Request req = new Request("POST", "/_bulk");
    req.setEntity(new ByteArrayEntity(body.toByteArray(), ContentType.APPLICATION_JSON));
    Response resp;
    try {
      resp = client.performRequest(req);
    } catch (ResponseException e) {
      int status = e.getResponse().getStatusLine().getStatusCode();
      if (status == 429 || status >= 500) {
        return ops;
      }
      throw new IllegalStateException("bulk request refused: " + e.getMessage(), e);
    }
    JsonNode tree = MAPPER.readTree(resp.getEntity().getContent());
    if (!tree.path("errors").asBoolean(false)) {
      written += ops.size();
      return List.of();
    }
    List<Op> retry = new ArrayList<>();
    JsonNode items = tree.path("items");
    for (int i = 0; i < ops.size(); i++) {
      JsonNode item = items.get(i).elements().next();
      int status = item.path("status").asInt();
      if (status < 300 || (ops.get(i).delete && status == 404)) {
        written++;
      } else if (status == 429 || status >= 500) {
        retry.add(ops.get(i));
      } else {
        throw new IllegalStateException(
            "document "
                + ops.get(i).index
                + "/"
                + ops.get(i).id
                + " rejected ("
                + status
                + "): "
                + item.path("error"));
      }
    }
    return retry;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while backing off", e);
    }
  }

  @Override
  public void close() {
    try {
      flush();
    } finally {
      if (ownsClient) {
        try {
          client.close();
        } catch (IOException e) {
          // closing a client after a completed flush loses nothing
        }
      }
    }
  }
}
