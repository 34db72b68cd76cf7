package io.qualitywatch.batch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qualitywatch.batch.BatchSettings;
import io.qualitywatch.batch.Fixtures;
import io.qualitywatch.batch.SparkTestSession;
import io.qualitywatch.batch.archive.EventFacts;
import io.qualitywatch.batch.archive.ReferenceTables;
import io.qualitywatch.batch.rating.EnterpriseRating;
import io.qualitywatch.ingestion.contract.EventEnvelope;
import io.qualitywatch.ingestion.generator.DataGenerator;
import io.qualitywatch.ingestion.generator.GeneratorConfig;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's core query, run by Spark SQL, gives the real rating's score, band, counts and
 * previous score for every enterprise with evidence: the like-for-like figure measures the same
 * computation, and its constants are the rating's.
 */
class CoreAggregationTest {

  @Test
  void sparkRunOfTheCoreQueryEqualsTheRatingOnTheGeneratedYears() throws Exception {
    DataGenerator gen =
        new DataGenerator(
            GeneratorConfig.defaults()
                .withSeed(11)
                .withEnterprises(300)
                .withPeriod(LocalDate.of(2024, 1, 1), 731));
    List<EventEnvelope> events;
    try (var s = gen.events()) {
      events = s.toList();
    }
    var spark = SparkTestSession.get();
    Dataset<Row> facts =
        spark
            .createDataFrame(EventFacts.rows(events, Fixtures.CST), EventFacts.SCHEMA)
            .dropDuplicates("event_id");
    facts.createOrReplaceTempView("core_test_facts");
    BatchSettings settings = BatchSettings.defaults("unused");
    CoreAggregation core = new CoreAggregation(settings.rules(), 2025, settings.zone());
    core.registerRules(spark);

    Map<String, Row> byCode = new HashMap<>();
    for (Row r : spark.sql(core.ratingQuery("core_test_facts")).collectAsList()) {
      byCode.put(r.getAs("credit_code"), r);
    }
    List<Row> rated =
        EnterpriseRating.rate(
                facts, spark.createDataFrame(List.of(), ReferenceTables.ENTERPRISE), 2025, settings)
            .collectAsList();
    assertEquals(rated.size(), byCode.size(), "one row per enterprise with evidence");
    assertTrue(rated.size() > 250, "the fixture covers most of the register: " + rated.size());
    int withPrevious = 0;
    for (Row r : rated) {
      String code = r.getAs("credit_code");
      Row c = byCode.get(code);
      assertEquals((double) r.getAs("score"), (double) c.getAs("score"), 0.0101, code);
      assertEquals((String) r.getAs("band"), c.getAs("band"), code);
      assertEquals((long) r.getAs("evidence_count"), (long) c.getAs("evidence_count"), code);
      assertEquals((long) r.getAs("evidence_in_year"), (long) c.getAs("evidence_in_year"), code);
      if (c.getAs("prev_score") != null) {
        withPrevious++;
        assertEquals((double) r.getAs("prev_score"), (double) c.getAs("prev_score"), 0.0101, code);
        assertEquals((String) r.getAs("prev_band"), c.getAs("prev_band"), code);
      }
    }
    assertTrue(withPrevious > 100, "the fixture has a previous year: " + withPrevious);
  }
}
