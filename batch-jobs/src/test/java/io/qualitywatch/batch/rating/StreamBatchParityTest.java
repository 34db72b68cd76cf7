package io.qualitywatch.batch.rating;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qualitywatch.batch.BatchSettings;
import io.qualitywatch.batch.Fixtures;
import io.qualitywatch.batch.SparkTestSession;
import io.qualitywatch.batch.archive.EventFacts;
import io.qualitywatch.batch.archive.ReferenceTables;
import io.qualitywatch.ingestion.contract.EventEnvelope;
import io.qualitywatch.ingestion.generator.DataGenerator;
import io.qualitywatch.ingestion.generator.GeneratorConfig;
import io.qualitywatch.risk.scoring.Evidence;
import io.qualitywatch.risk.scoring.EvidenceMapper;
import io.qualitywatch.risk.scoring.RiskScore;
import io.qualitywatch.risk.scoring.RiskScorer;
import io.qualitywatch.risk.scoring.ScoreState;
import io.qualitywatch.risk.scoring.ScoringRules;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The shared fixture is the seeded generator's year (with its injected incidents). The stream's
 * contract (EnterpriseScoreFunction) is: per event, {@code state.apply(evidence)}, and the score at
 * a time is {@code scorer.score(code, state, t)}. Replaying that in arrival order — and in a
 * shuffled order, as a stream with late events would see it — must give the batch rating's score at
 * the year end, to the cent, for every enterprise.
 */
class StreamBatchParityTest {

  @Test
  void batchScoresEqualTheStreamsOnTheGeneratedYear() throws Exception {
    DataGenerator gen =
        new DataGenerator(
            GeneratorConfig.defaults()
                .withSeed(7)
                .withEnterprises(400)
                .withPeriod(LocalDate.of(2025, 1, 1), 365));
    List<EventEnvelope> events;
    try (var s = gen.events()) {
      events = s.toList();
    }
    ScoringRules rules = ScoringRules.defaults();
    RiskScorer scorer = new RiskScorer(rules);
    long yearEnd = EnterpriseRating.yearEndMillis(2025, Fixtures.CST);

    Map<String, ScoreState> inOrder = new HashMap<>();
    Map<String, ScoreState> shuffled = new HashMap<>();
    List<Evidence> evidence = new ArrayList<>();
    for (EventEnvelope e : new LinkedHashSet<>(events)) { // exact re-deliveries are one event
      EvidenceMapper.map(e).ifPresent(evidence::add);
    }
    for (Evidence ev : evidence) {
      inOrder.computeIfAbsent(ev.creditCode(), k -> new ScoreState()).apply(ev, rules);
    }
    List<Evidence> late = new ArrayList<>(evidence);
    Collections.shuffle(late, new Random(3));
    for (Evidence ev : late) {
      shuffled.computeIfAbsent(ev.creditCode(), k -> new ScoreState()).apply(ev, rules);
    }

    var spark = SparkTestSession.get();
    Dataset<Row> facts =
        spark
            .createDataFrame(EventFacts.rows(events, Fixtures.CST), EventFacts.SCHEMA)
            .dropDuplicates("event_id");
    Dataset<Row> register = spark.createDataFrame(List.of(), ReferenceTables.ENTERPRISE);
    List<Row> rated =
        EnterpriseRating.rate(facts, register, 2025, BatchSettings.defaults("unused"))
            .select("credit_code", "score", "band", "evidence_count")
            .collectAsList();

    assertEquals(inOrder.size(), rated.size(), "every enterprise with evidence is rated");
    assertTrue(rated.size() > 250, "the fixture covers most of the register: " + rated.size());
    int nonZero = 0;
    for (Row r : rated) {
      String code = r.getString(0);
      RiskScore stream = scorer.score(code, inOrder.get(code), yearEnd);
      RiskScore late2 = scorer.score(code, shuffled.get(code), yearEnd);
      assertEquals(stream.score(), r.getDouble(1), code);
      assertEquals(late2.score(), r.getDouble(1), code + " (events out of order)");
      assertEquals(stream.band().name(), r.getString(2), code);
      assertEquals(stream.evidenceCount(), r.getLong(3), code);
      nonZero += r.getDouble(1) > 0 ? 1 : 0;
    }
    assertTrue(nonZero > 20, "the fixture has risky enterprises: " + nonZero);
  }
}
