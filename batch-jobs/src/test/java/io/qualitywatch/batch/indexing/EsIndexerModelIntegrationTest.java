package io.qualitywatch.batch.indexing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.qualitywatch.batch.BatchSettings;
import io.qualitywatch.batch.Fixtures;
import io.qualitywatch.batch.rating.EnterpriseRating;
import io.qualitywatch.dashboards.indices.IndexInstaller;
import io.qualitywatch.ingestion.contract.EventCodec;
import io.qualitywatch.ingestion.elastic.ElasticClients;
import io.qualitywatch.ingestion.elastic.ElasticSettings;
import io.qualitywatch.risk.registry.ModelRegistry;
import io.qualitywatch.risk.serving.ModelChoice;
import io.qualitywatch.risk.serving.TrainCommand;
import io.qualitywatch.stack.TestStack;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.apache.http.util.EntityUtils;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ratings with a registry model's probability fit the strict ratings template. */
class EsIndexerModelIntegrationTest {
  @TempDir Path registry;

  @Test
  void ratingsCarryTheModelsProbabilityIntoTheIndex() throws Exception {
    TrainCommand.Trained t =
        TrainCommand.train(TrainCommand.generated(200, LocalDate.of(2024, 1, 1), 400, 5), 10, 1);
    new ModelRegistry(registry).save("failure", "r1", t.model(), t.trainingRows(), Map.of());
    ElasticSettings es =
        ElasticSettings.local(TestStack.get().elasticsearchUrl()).withPrefix("qwbatchmodel");
    Fixtures f =
        new Fixtures()
            .enterprise("E1", "330102", "C14", "2010-01-01")
            .enterprise("E3", "440105", "C38", "2010-01-01")
            .sampling("E1", "330102", "2025-03-01", false, null)
            .sampling("E1", "330102", "2025-09-01", true, null);
    BatchSettings s =
        BatchSettings.defaults("x").withModel(new ModelChoice(registry.toString(), null, "r1"));
    Dataset<Row> ratings = EnterpriseRating.rate(f.facts(), f.enterprises(), 2025, s);
    try (RestClient client = ElasticClients.restClient(es)) {
      new IndexInstaller(client, es).installAll();
      Dataset<Row> docs = EsIndexer.ratingDocs(ratings, "test", Timestamp.from(Instant.now()));
      assertEquals(2, EsIndexer.index(docs, es.indices().ratings(), "rating_id", es));
      JsonNode e1 = get(client, es.indices().ratings(), "E1:2025");
      double p = e1.path("failure_probability").asDouble(-1);
      assertTrue(p > 0 && p < 1, e1.toString());
      assertEquals("r1", e1.path("model_version").asText());
      assertTrue(e1.path("failure_reasons").isArray(), e1.toString());
      JsonNode e3 = get(client, es.indices().ratings(), "E3:2025");
      assertFalse(e3.has("failure_probability"), "no evidence, no probability: " + e3);
    }
  }

  private static JsonNode get(RestClient client, String index, String id) throws Exception {
    return EventCodec.mapper()
        .readTree(
            EntityUtils.toString(
                client.performRequest(new Request("GET", "/" + index + "/_doc/" + id)).getEntity()))
        .path("_source");
  }
}
