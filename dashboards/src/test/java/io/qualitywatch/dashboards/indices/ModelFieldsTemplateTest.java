package io.qualitywatch.dashboards.indices;

import static io.qualitywatch.dashboards.EsTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.qualitywatch.dashboards.EsTestSupport;
import io.qualitywatch.ingestion.contract.EventCodec;
import io.qualitywatch.ingestion.elastic.ElasticSettings;
import io.qualitywatch.risk.index.ScoreDocument;
import io.qualitywatch.risk.scoring.RiskBand;
import io.qualitywatch.risk.scoring.RiskScore;
import java.io.UncheckedIOException;
import java.util.List;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The strict score templates accept the learned model's fields as the stream renders them (and
 * still reject an unknown field, so acceptance means the fields are mapped).
 */
class ModelFieldsTemplateTest {
  ElasticSettings es;
  RestClient client;

  @BeforeEach
  void start() {
    es = EsTestSupport.settings("mf");
    client = EsTestSupport.client(es);
    new IndexInstaller(client, es).installAll();
  }

  @AfterEach
  void stop() throws Exception {
    EsTestSupport.deleteAll(client, es.indexPrefix());
    client.close();
  }

  @Test
  void scoreDocumentsWithAModelProbabilityFitTheStrictTemplates() throws Exception {
    RiskScore s =
        new RiskScore(
            "91330102MA0000000X", 55.0, RiskBand.C, List.of(), 3, 1_735_689_600_000L, "default-1");
    ScoreDocument doc =
        ScoreDocument.of(s, "某某食品有限公司", "330102", "C14", "ev-1")
            .withFailure(0.137, List.of("fails_365d=2 (+0.41)", "industry=C14 (+0.12)"), "v7");
    String body = EventCodec.encodeToString(doc);
    for (String index : List.of(es.indices().scores(), es.indices().scoreHistory())) {
      json(client, "PUT", "/" + index + "/_doc/1?refresh=true", body);
      JsonNode hit =
          json(
              client,
              "POST",
              "/" + index + "/_search",
              "{\"query\":{\"bool\":{\"filter\":[{\"range\":{\"failure_probability\":{\"gt\":0.1}}},"
                  + "{\"term\":{\"model_version\":\"v7\"}},"
                  + "{\"term\":{\"failure_reasons\":\"industry=C14 (+0.12)\"}}]}}}");
      assertEquals(1, hit.path("hits").path("total").path("value").asInt(), index);
    }
    String unknown = body.replace("\"model_version\"", "\"model_versoin\"");
    assertThrows(
        UncheckedIOException.class,
        () -> json(client, "PUT", "/" + es.indices().scores() + "/_doc/2", unknown),
        "strict: an unmapped field is rejected");
  }
}
