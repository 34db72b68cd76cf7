package io.qualitywatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.qualitywatch.ingestion.config.ConfigSource;
import io.qualitywatch.ingestion.contract.EventCodec;
import io.qualitywatch.ingestion.elastic.IndexNames;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;

/**
 * The demo's batch step: the Spark jobs over what the demo ingested (archived from Kafka), then the
 * ratings distribution as Elasticsearch holds it. The child prints the top gaps to targets.
 */
final class BatchStep {
  private final PrintStream out;

  BatchStep(PrintStream out) {
    this.out = out;
  }

  void run(
      ConfigSource config,
      Path referenceDir,
      Path lakeDir,
      int year,
      RestClient client,
      IndexNames idx)
      throws IOException, InterruptedException {
    long t = System.nanoTime();
    ConfigSource.Section kafka = config.section("kafka");
    ConfigSource.Section es = config.section("elasticsearch");
    Map<String, String> endpoints =
        Map.of(
            "kafka.bootstrap.servers", kafka.required("bootstrap.servers"),
            "elasticsearch.url", es.required("url"),
            "elasticsearch.local.node", es.string("local.node", "false"),
            "batch.lake.dir", lakeDir.toAbsolutePath().toString());
    int rc =
        BatchCommand.launch(
            endpoints,
            List.of(
                "--year",
                String.valueOf(year),
                "--archive",
                "--reference-dir",
                referenceDir.toAbsolutePath().toString(),
                "--index"));
    if (rc != 0) {
      throw new IllegalStateException("batch jobs failed (exit " + rc + ")");
    }
    client.performRequest(new Request("POST", "/" + idx.ratings() + "/_refresh"));
    Request r = new Request("POST", "/" + idx.ratings() + "/_search");
    r.setJsonEntity(
        "{\"size\":0,\"track_total_hits\":true,\"query\":{\"term\":{\"year\":"
            + year
            + "}},\"aggs\":{\"r\":{\"terms\":{\"field\":\"rating\",\"order\":{\"_key\":\"asc\"}}}}}");
    JsonNode res =
        EventCodec.mapper().readTree(EntityUtils.toString(client.performRequest(r).getEntity()));
    long total = res.path("hits").path("total").path("value").asLong();
    StringBuilder sb = new StringBuilder();
    for (JsonNode b : res.path("aggregations").path("r").path("buckets")) {
      sb.append(
          String.format(
              "%s %,d (%.1f%%)  ",
              b.path("key").asText(),
              b.path("doc_count").asLong(),
              100.0 * b.path("doc_count").asLong() / Math.max(1, total)));
    }
    out.printf(
        "ratings        %d in %s: %s(batch wall %.1f s)%n", year, idx.ratings(), sb, secs(t));
  }

  private static double secs(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
