package io.qualitywatch.batch.indexing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.qualitywatch.batch.BatchSettings;
import io.qualitywatch.batch.Fixtures;
import io.qualitywatch.batch.coverage.CoverageStats;
import io.qualitywatch.batch.institution.InstitutionEvaluation;
import io.qualitywatch.batch.plan.InspectionPlan;
import io.qualitywatch.batch.rating.EnterpriseRating;
import io.qualitywatch.dashboards.indices.IndexInstaller;
import io.qualitywatch.ingestion.contract.EventCodec;
import io.qualitywatch.ingestion.contract.InstitutionReport.ReportKind;
import io.qualitywatch.ingestion.elastic.ElasticClients;
import io.qualitywatch.ingestion.elastic.ElasticSettings;
import io.qualitywatch.ingestion.elastic.IndexNames;
import io.qualitywatch.stack.TestStack;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import org.apache.http.util.EntityUtils;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;

/**
 * On the real Elasticsearch node: every batch output fits its strict index template, and indexing a
 * year twice leaves the same documents (deterministic ids replace, never duplicate).
 */
class EsIndexerIntegrationTest {

  @Test
  void outputsFitTheTemplatesAndReindexingReplaces() throws IOException {
    ElasticSettings es =
        ElasticSettings.local(TestStack.get().elasticsearchUrl()).withPrefix("qwbatchit");
    IndexNames idx = es.indices();
    Fixtures f =
        new Fixtures()
            .enterprise("E1", "330102", "C14", "2010-01-01")
            .enterprise("E2", "330106", "F52", "2010-01-01")
            .enterprise("E3", "440105", "C38", "2025-02-01")
            .institution("L1", "330102", true, true)
            .inspector("ZF1", "330105")
            .inspector("ZF2", "330108")
            .sampling("E1", "330102", "2025-03-01", false, "L1")
            .sampling("E2", "330106", "2024-03-01", true, "L1")
            .report("L1", "330102", "2025-03-01", ReportKind.ANNUAL_REPORT, 2024, null, null);
    BatchSettings s =
        BatchSettings.defaults("x")
            .withPlanRatios(
                java.util.Map.of(
                    io.qualitywatch.risk.scoring.RiskBand.A, 1.0,
                    io.qualitywatch.risk.scoring.RiskBand.B, 1.0,
                    io.qualitywatch.risk.scoring.RiskBand.C, 1.0,
                    io.qualitywatch.risk.scoring.RiskBand.D, 1.0));
    Timestamp at = Timestamp.from(Instant.now());
    Dataset<Row> ratings = EnterpriseRating.rate(f.facts(), f.enterprises(), 2025, s).cache();
    Dataset<Row> inst = InstitutionEvaluation.evaluate(f.facts(), f.institutions(), 2025, s);
    Dataset<Row> plan =
        InspectionPlan.draw(ratings, f.inspectors(), f.facts(), 2025, s).assignments();
    Dataset<Row> coverage =
        CoverageStats.compute(
            f.facts(),
            f.enterprises(),
            f.institutions(),
            ratings,
            CoverageStats.targets(ratings.sparkSession(), null),
            2025,
            Fixtures.CST);

    try (RestClient client = ElasticClients.restClient(es)) {
      new IndexInstaller(client, es).installAll();
      Dataset<Row> ratingDocs = EsIndexer.ratingDocs(ratings, "test", at);
      long first = EsIndexer.index(ratingDocs, idx.ratings(), "rating_id", es);
      long second = EsIndexer.index(ratingDocs, idx.ratings(), "rating_id", es);
      assertEquals(3, first);
      assertEquals(first, second);
      long instN =
          EsIndexer.index(
              EsIndexer.institutionDocs(inst, "test", at),
              idx.institutionRatings(),
              "rating_id",
              es);
      long planN =
          EsIndexer.index(EsIndexer.planDocs(plan, at), idx.inspectionPlans(), "assignment_id", es);
      long covN =
          EsIndexer.index(EsIndexer.coverageDocs(coverage, at), idx.coverage(), "coverage_id", es);
      EsIndexer.index(EsIndexer.coverageDocs(coverage, at), idx.coverage(), "coverage_id", es);
      refresh(client, idx);
      assertEquals(3, count(client, idx.ratings()), "indexing the year twice: same documents");
      assertEquals(1, instN);
      assertEquals(instN, count(client, idx.institutionRatings()));
      assertEquals(3, planN, "ratio 1: every entity drawn");
      assertEquals(planN, count(client, idx.inspectionPlans()));
      assertTrue(covN > 20);
      assertEquals(covN, count(client, idx.coverage()));

      JsonNode e1 = get(client, idx.ratings(), "E1:2025");
      assertEquals("B", e1.path("rating").asText(), "a March failure has faded by the year end");
      assertEquals("R01", e1.path("factors").get(0).path("code").asText());
      assertEquals("SUPERVISION", e1.path("factors").get(0).path("group").asText());
    }
  }

  private static void refresh(RestClient client, IndexNames idx) throws IOException {
    client.performRequest(
        new Request(
            "POST",
            "/"
                + String.join(
                    ",",
                    idx.ratings(),
                    idx.institutionRatings(),
                    idx.inspectionPlans(),
                    idx.coverage())
                + "/_refresh"));
  }

  private static long count(RestClient client, String index) throws IOException {
    return EventCodec.mapper()
        .readTree(
            EntityUtils.toString(
                client.performRequest(new Request("GET", "/" + index + "/_count")).getEntity()))
        .path("count")
        .asLong();
  }

  private static JsonNode get(RestClient client, String index, String id) throws IOException {
    return EventCodec.mapper()
        .readTree(
            EntityUtils.toString(
                client.performRequest(new Request("GET", "/" + index + "/_doc/" + id)).getEntity()))
        .path("_source");
  }
}
