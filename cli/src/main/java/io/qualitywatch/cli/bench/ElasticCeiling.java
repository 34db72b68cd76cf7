package io.qualitywatch.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.qualitywatch.ingestion.contract.EventCodec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;

/**
 * How many documents per second the Elasticsearch node absorbs when nothing else runs: a sample of
 * the documents a job wrote, read back and re-sent as raw {@code _bulk} requests (same ids, same
 * templates, same batch size) into fresh indices. The job writes several documents per event, so
 * this ceiling divided by that number bounds the job's events/s on the same node.
 */
final class ElasticCeiling {
  private ElasticCeiling() {}

  /** A document as stored: target index, id and source. */
  record Doc(String index, String id, byte[] source) {}

  /** Up to {@code max} documents of {@code index}, re-targeted at {@code target}. */
  static List<Doc> sample(RestClient client, String index, String target, int max)
      throws Exception {
    List<Doc> docs = new ArrayList<>();
    Request first = new Request("POST", "/" + index + "/_search");
    first.addParameter("scroll", "1m");
    first.setJsonEntity("{\"size\":5000,\"sort\":[\"_doc\"]}");
    JsonNode page = read(client.performRequest(first));
    while (docs.size() < max) {
      JsonNode hits = page.path("hits").path("hits");
      if (hits.isEmpty()) {
        break;
      }
      for (JsonNode h : hits) {
        if (docs.size() == max) {
          break;
        }
        docs.add(
            new Doc(
                target,
                h.path("_id").asText(),
                EventCodec.mapper().writeValueAsBytes(h.path("_source"))));
      }
      Request next = new Request("POST", "/_search/scroll");
      next.setJsonEntity(
          "{\"scroll\":\"1m\",\"scroll_id\":\"" + page.path("_scroll_id").asText() + "\"}");
      page = read(client.performRequest(next));
    }
    return docs;
  }

  /** Sends {@code docs} as {@code _bulk} requests of {@code batch} from {@code threads}: docs/s. */
  static double bulk(RestClient client, List<Doc> docs, int batch, int threads) throws Exception {
    List<byte[]> bodies = new ArrayList<>();
    for (int from = 0; from < docs.size(); from += batch) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      for (Doc d : docs.subList(from, Math.min(docs.size(), from + batch))) {
        body.write(
            ("{\"index\":{\"_index\":\"" + d.index() + "\",\"_id\":\"" + d.id() + "\"}}\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(d.source());
        body.write('\n');
      }
      bodies.add(body.toByteArray());
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long start = System.nanoTime();
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int offset = t;
        running.add(
            pool.submit(
                () -> {
                  for (int i = offset; i < bodies.size(); i += threads) {
                    Request r = new Request("POST", "/_bulk");
                    r.setEntity(new ByteArrayEntity(bodies.get(i), ContentType.APPLICATION_JSON));
                    JsonNode res = read(client.performRequest(r));
                    if (res.path("errors").asBoolean()) {
                      throw new IllegalStateException("raw _bulk rejected documents: " + res);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : running) {
        f.get();
      }
      return docs.size() / ((System.nanoTime() - start) / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  private static JsonNode read(Response r) throws java.io.IOException {
    return EventCodec.mapper().readTree(r.getEntity().getContent());
  }
}
