package io.qualitywatch.batch.rating;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qualitywatch.batch.BatchSettings;
import io.qualitywatch.batch.Fixtures;
import io.qualitywatch.ingestion.config.ConfigSource;
import io.qualitywatch.ingestion.contract.Complaint.ComplaintKind;
import io.qualitywatch.risk.scoring.Evidence;
import io.qualitywatch.risk.scoring.EvidenceMapper;
import io.qualitywatch.risk.scoring.RiskScorer;
import io.qualitywatch.risk.scoring.ScoringRules;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EnterpriseRatingTest {
  static Fixtures fx;
  static final BatchSettings DEFAULTS = BatchSettings.defaults("unused");

  @BeforeAll
  static void history() {
    fx =
        new Fixtures()
            .enterprise("FAIL", "330102", "C14", "2010-01-01")
            .enterprise("NOISY", "330102", "C14", "2010-01-01")
            .enterprise("QUIET", "330106", "C13", "2010-01-01")
            .enterprise("NEW", "330106", "C13", "2025-03-01")
            .enterprise("RECOVERED", "440105", "C38", "2010-01-01")
            .enterprise("FUTURE", "440105", "C38", "2026-02-01")
            // One safety-critical failure half a day before the year end.
            .sampling("FAIL", "330102", "2025-12-31", false, null);
    for (int i = 1; i <= 10; i++) {
      fx.complaint("NOISY", "330102", "2025-12-%02d".formatted(10 + i), ComplaintKind.COMPLAINT);
    }
    fx.sampling("NOISY", "330102", "2025-11-01", true, null)
        .sampling("NEW", "330106", "2025-06-01", true, null)
        // Failed in early 2024, nothing since: last year worse than this year.
        .sampling("RECOVERED", "440105", "2024-02-01", false, null)
        .sampling("RECOVERED", "440105", "2024-03-01", false, null)
        // Not in the register: still rated, flagged.
        .sampling("GHOST", "320102", "2025-05-05", false, null)
        // Unregistered with changing attributes: rated under the latest non-null ones.
        .sampledAs("MOVED", "旧名", "320102", "C13", "2025-02-01")
        .sampledAs("MOVED", null, "320506", null, "2025-04-01")
        .sampledAs("TIED", "甲", "320102", "C13", "2025-03-01")
        .sampledAs("TIED", "乙", "320102", "C14", "2025-03-01")
        // In the register without an industry: stays without one, evidence does not fill it.
        .enterprise("BLANK", "330102", null, "2010-01-01")
        .sampledAs("BLANK", "别名", "330102", "C13", "2025-03-01")
        // After the year end: must not count for 2025.
        .sampling("QUIET", "330106", "2026-01-05", false, null);
  }

  static Map<String, Row> rate(BatchSettings s) {
    Map<String, Row> out = new HashMap<>();
    for (Row r : EnterpriseRating.rate(fx.facts(), fx.enterprises(), 2025, s).collectAsList()) {
      out.put(r.getAs("credit_code"), r);
    }
    return out;
  }

  static double scorerSays(String code, ScoringRules rules) {
    List<Evidence> ev =
        fx.events().stream()
            .filter(e -> code.equals(e.creditCode()))
            .map(EvidenceMapper::map)
            .flatMap(java.util.Optional::stream)
            .filter(e -> e.eventTimeMillis() < EnterpriseRating.yearEndMillis(2025, Fixtures.CST))
            .toList();
    return new RiskScorer(rules)
        .scoreAll(code, ev, EnterpriseRating.yearEndMillis(2025, Fixtures.CST))
        .score();
  }

  @Test
  void scoreIsTheScorersAndTheDefaultCutsPlaceItInC() {
    Row fail = rate(DEFAULTS).get("FAIL");
    double expected = scorerSays("FAIL", ScoringRules.defaults());
    assertEquals(expected, (double) fail.getAs("score"));
    assertTrue(expected > 45 && expected < 70, "one fresh safety failure is class C: " + expected);
    assertEquals("C", fail.getAs("band"));
    assertEquals("较高风险", fail.getAs("band_label"));
  }

  @Test
  void cutPointsComeFromConfiguration() {
    BatchSettings raised =
        BatchSettings.from(
            ConfigSource.of(Map.of("batch.lake.dir", "x", "batch.rating.cuts", "50,60,80")));
    Map<String, Row> r = rate(raised);
    assertEquals("B", r.get("FAIL").getAs("band"), "52.7 is below the raised C cut of 60");
    // The cut itself belongs to the upper class: the no-history score sits exactly on B's cut.
    assertEquals(50.0, (double) r.get("QUIET").getAs("score"));
    assertEquals("B", r.get("QUIET").getAs("band"));
  }

  @Test
  void factorsAndGroupsExplainTheScore() {
    Map<String, Row> r = rate(DEFAULTS);
    Row noisy = r.get("NOISY");
    List<Row> factors = noisy.getList(noisy.fieldIndex("factors"));
    Row complaints = factors.stream().filter(f -> f.getAs("code").equals("R10")).findFirst().get();
    Row pass = factors.stream().filter(f -> f.getAs("code").equals("R04")).findFirst().get();
    assertEquals("SOCIAL", complaints.getAs("group"));
    assertEquals("社会评价信息", complaints.getAs("group_label"));
    assertEquals(1.5, (double) complaints.getAs("weight"));
    assertEquals((double) noisy.getAs("score"), (double) complaints.getAs("points"), 0.011);
    assertTrue((double) pass.getAs("raw") < 0, "a passed sampling reassures");
    assertEquals(0.0, (double) pass.getAs("points"));
    List<Row> groups = noisy.getList(noisy.fieldIndex("groups"));
    assertEquals(5, groups.size(), "every indicator group is listed, zero or not");
    double sum = groups.stream().mapToDouble(g -> g.getAs("points")).sum();
    assertEquals((double) noisy.getAs("score"), sum, 0.02);
    Row social = groups.stream().filter(g -> g.getAs("group").equals("SOCIAL")).findFirst().get();
    assertEquals((double) complaints.getAs("points"), (double) social.getAs("points"), 0.011);
  }

  @Test
  void noHistoryGetsTheDocumentedDefault() {
    Row quiet = rate(DEFAULTS).get("QUIET");
    assertEquals("B", quiet.getAs("band"));
    assertEquals(20.0, (double) quiet.getAs("score"));
    assertTrue((boolean) quiet.getAs("no_history"));
    assertEquals("SAME", quiet.getAs("band_change"));
    BatchSettings lenient =
        BatchSettings.from(
            ConfigSource.of(Map.of("batch.lake.dir", "x", "batch.rating.no.history.band", "A")));
    assertEquals("A", rate(lenient).get("QUIET").getAs("band"));
  }

  @Test
  void changeFromLastYear() {
    Map<String, Row> r = rate(DEFAULTS);
    Row rec = r.get("RECOVERED");
    assertTrue((double) rec.getAs("prev_score") > (double) rec.getAs("score"));
    assertEquals(
        Math.round(((double) rec.getAs("score") - (double) rec.getAs("prev_score")) * 100) / 100.0,
        (double) rec.getAs("score_change"));
    assertEquals("C", rec.getAs("prev_band"));
    assertEquals("B", rec.getAs("band"));
    assertEquals("UP", rec.getAs("band_change"));
    Row fresh = r.get("NEW");
    assertNull(fresh.getAs("prev_band"), "established this year: no rating last year");
    assertEquals("NEW", fresh.getAs("band_change"));
    assertEquals("A", fresh.getAs("band"), "a passed sampling is evidence of low risk");
  }

  @Test
  void unregisteredAreRatedAndFlaggedAndFutureOnesAreNot() {
    Map<String, Row> r = rate(DEFAULTS);
    assertTrue((boolean) r.get("GHOST").getAs("unregistered"));
    assertEquals("320100", r.get("GHOST").getAs("city_code"));
    assertFalse((boolean) r.get("FAIL").getAs("unregistered"));
    assertFalse(r.containsKey("FUTURE"), "registered after the year end");
    assertEquals("FAIL:2025", r.get("FAIL").getAs("rating_id"));
  }

  @Test
  void unregisteredTakeTheLatestNonNullAttributesOfTheirEvidence() {
    Map<String, Row> r = rate(DEFAULTS);
    Row moved = r.get("MOVED");
    assertTrue((boolean) moved.getAs("unregistered"));
    assertEquals("320506", moved.getAs("region_code"), "the later event's region");
    assertEquals("旧名", moved.getAs("enterprise_name"), "the later event has no name");
    assertEquals("C13", moved.getAs("industry_code"), "the later event has no industry");
    // Same event time: the larger event id wins, a tie-break that does not depend on plan order.
    var tied =
        fx.events().stream()
            .filter(e -> "TIED".equals(e.creditCode()))
            .max(java.util.Comparator.comparing(e -> e.eventId()))
            .orElseThrow();
    assertEquals(tied.enterpriseName(), r.get("TIED").getAs("enterprise_name"));
    assertEquals(tied.industryCode(), r.get("TIED").getAs("industry_code"));
    Row blank = r.get("BLANK");
    assertFalse((boolean) blank.getAs("unregistered"));
    assertEquals("企业BLANK", blank.getAs("enterprise_name"), "the register's name");
    assertNull(blank.getAs("industry_code"), "a register gap is not filled from events");
  }
}
