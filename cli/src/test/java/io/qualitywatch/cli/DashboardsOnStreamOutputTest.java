package io.qualitywatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qualitywatch.dashboards.indices.IndexInstaller;
import io.qualitywatch.dashboards.kibana.KibanaObjects;
import io.qualitywatch.dashboards.kibana.PanelCheck;
import io.qualitywatch.dashboards.report.ReportQueries;
import io.qualitywatch.dashboards.report.ReportRenderer;
import io.qualitywatch.ingestion.config.ConfigSource;
import io.qualitywatch.ingestion.elastic.ElasticClients;
import io.qualitywatch.ingestion.elastic.ElasticSettings;
import io.qualitywatch.streaming.StreamJobMain;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboards on what the real stream job writes (not on fixtures): generated events through
 * Kafka and the Flink job into the installed (strict) templates; every panel over a stream-written
 * index then has data, and the report drawn from it has every chart but coverage (a batch output).
 */
class DashboardsOnStreamOutputTest {
  @TempDir Path dir;

  private static final Set<String> STREAM_INDICES =
      Set.of("scores", "score-history", "warnings", "risk-aggregates", "events");

  @Test
  void everyPanelOverStreamOutputsHasData() throws Exception {
    BoundedRun run = BoundedRun.on("ds");
    String prefix = run.prefix;
    ConfigSource config = run.config;
    ElasticSettings es = ElasticSettings.from(config);
    run.generateAndIngest(dir.resolve("gen"), 5, 1500, 365);
    try (RestClient client = ElasticClients.restClient(es)) {
      new IndexInstaller(client, es).installAll();
      StreamJobMain.run(config, StreamExecutionEnvironment.getExecutionEnvironment());
      client.performRequest(new Request("POST", "/" + prefix + "-*/_refresh"));

      List<PanelCheck.Outcome> outcomes = PanelCheck.run(client, new KibanaObjects(prefix));
      int checked = 0;
      for (PanelCheck.Outcome o : outcomes) {
        String concept = o.index().substring(prefix.length() + 1);
        if (STREAM_INDICES.contains(concept)) {
          checked++;
          assertTrue(o.hasData(), o.toString());
        }
      }
      assertTrue(checked >= 14, "stream panels checked: " + checked);

      var data = new ReportQueries(client, es.indices()).load(2025, null, Instant.now());
      assertEquals("scores", data.ratingsSource(), "no batch ratings here: bands stand in");
      assertTrue(data.headline().warningsRaised() > 0, "the stream job raised warnings");
      String html = ReportRenderer.html(data);
      for (String chart : List.of("ratings", "pass-rate", "top-regions", "top-industries")) {
        assertTrue(
            !html.contains("data-chart=\"" + chart + "\" data-marks=\"0\""), chart + " is empty");
      }
    }
  }
}
