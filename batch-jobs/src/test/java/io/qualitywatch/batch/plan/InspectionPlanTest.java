package io.qualitywatch.batch.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qualitywatch.batch.BatchSettings;
import io.qualitywatch.batch.Fixtures;
import io.qualitywatch.batch.SparkTestSession;
import io.qualitywatch.ingestion.contract.InspectionResult.InspectionOutcome;
import io.qualitywatch.risk.scoring.RiskBand;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InspectionPlanTest {
  static final StructType RATINGS =
      new StructType()
          .add("credit_code", DataTypes.StringType)
          .add("enterprise_name", DataTypes.StringType)
          .add("region_code", DataTypes.StringType)
          .add("industry_code", DataTypes.StringType)
          .add("band", DataTypes.StringType);
  static final String[] COUNTIES = {"330102", "330105", "330106", "330108", "330110"};
  static Dataset<Row> ratings;
  static Fixtures fx;

  /** Who inspected whom in 2025: a conflict for the 2026 plan. */
  static final Map<String, Set<String>> RECENT = new HashMap<>();

  @BeforeAll
  static void world() {
    List<Row> rows = new ArrayList<>();
    fx = new Fixtures();
    for (int i = 0; i < 8000; i++) {
      // A 40%, B 40%, C 15%, D 5%.
      int m = i % 20;
      String band = m < 8 ? "A" : m < 16 ? "B" : m < 19 ? "C" : "D";
      String code = "E%05d".formatted(i);
      // County independent of class, so that no unit faces mostly entities it may not inspect.
      String county = COUNTIES[(i / 20) % COUNTIES.length];
      rows.add(RowFactory.create(code, "企业" + i, county, i % 3 == 0 ? "C14" : "F52", band));
    }
    for (int c = 0; c < COUNTIES.length; c++) {
      for (int j = 0; j < 6; j++) {
        fx.inspector("ZF%s%02d".formatted(COUNTIES[c], j), COUNTIES[c]);
      }
    }
    // Every D enterprise was inspected last year by two inspectors of a neighbouring county.
    for (int i = 19; i < 8000; i += 20) {
      String code = "E%05d".formatted(i);
      String other = COUNTIES[(i / 20 + 1) % COUNTIES.length];
      String a = "ZF%s%02d".formatted(other, i % 6);
      String b = "ZF%s%02d".formatted(other, (i + 1) % 6);
      fx.inspection(
          code,
          COUNTIES[(i / 20) % COUNTIES.length],
          "2025-06-01",
          InspectionOutcome.NO_ISSUES,
          a,
          b);
      RECENT.put(code, Set.of(a, b));
    }
    ratings = SparkTestSession.get().createDataFrame(rows, RATINGS).cache();
  }

  static InspectionPlan.Plan plan(long seed) {
    return InspectionPlan.draw(
        ratings, fx.inspectors(), fx.facts(), 2025, BatchSettings.defaults("x").withPlanSeed(seed));
  }

  static Map<String, List<String>> assignments(InspectionPlan.Plan p) {
    Map<String, List<String>> m = new HashMap<>();
    for (Row r : p.assignments().select("credit_code", "inspector_ids").collectAsList()) {
      m.put(r.getString(0), r.getList(1));
    }
    return m;
  }

  @Test
  void sameSeedSamePlanOtherSeedOtherPlan() {
    InspectionPlan.Plan a = plan(7);
    InspectionPlan.Plan b = plan(7);
    InspectionPlan.Plan c = plan(8);
    assertEquals(assignments(a), assignments(b));
    assertEquals(a.audit().inputHash(), b.audit().inputHash());
    assertNotEquals(assignments(a).keySet(), assignments(c).keySet());
    assertNotEquals(a.audit().inputHash(), c.audit().inputHash(), "the seed is an input");
    assertEquals("SSJ-2026-7", a.audit().planId());
  }

  @Test
  void ratiosAreHonouredPerClass() {
    InspectionPlan.Plan p = plan(11);
    Map<RiskBand, Double> ratios = BatchSettings.defaults("x").planRatios();
    Map<String, long[]> drawn = p.audit().drawn();
    for (RiskBand b : RiskBand.values()) {
      long[] pn = drawn.get(b.name());
      double share = (double) pn[1] / pn[0];
      assertEquals(ratios.get(b), share, 0.005, b + ": " + pn[1] + " of " + pn[0]);
    }
    long d = p.assignments().where("risk_class = 'D'").count();
    assertEquals(drawn.get("D")[1], d);
    // D is drawn far more often than A.
    assertTrue(ratios.get(RiskBand.D) > 10 * ratios.get(RiskBand.A));
  }

  @Test
  void noConflictedInspectorIsEverAssignedAndWorkIsBalanced() {
    for (long seed : new long[] {1, 2, 3}) {
      InspectionPlan.Plan p = plan(seed);
      Map<String, Integer> load = new HashMap<>();
      for (Row r :
          p.assignments().select("credit_code", "region_code", "inspector_ids").collectAsList()) {
        List<String> ids = r.getList(2);
        assertEquals(2, ids.size(), "enough eligible inspectors: two each");
        assertEquals(2, new HashSet<>(ids).size());
        for (String id : ids) {
          assertFalse(id.startsWith("ZF" + r.getString(1)), "same unit: " + r + " " + id);
          assertFalse(
              RECENT.getOrDefault(r.getString(0), Set.of()).contains(id),
              "inspected recently: " + r + " " + id);
          load.merge(id, 1, Integer::sum);
        }
      }
      int min = load.values().stream().min(Integer::compare).get();
      int max = load.values().stream().max(Integer::compare).get();
      assertEquals(30, load.size(), "every inspector works");
      assertTrue(
          max - min <= 1, "balanced: " + min + ".." + max + " " + new java.util.TreeMap<>(load));
      assertEquals(0, p.audit().understaffed());
    }
  }

  @Test
  void checklistFollowsTheIndustry() {
    Row food =
        plan(5).assignments().where("industry_code = 'C14'").select("checklist_items").first();
    List<String> items = food.getList(0);
    assertTrue(items.stream().anyMatch(s -> s.startsWith("SJ-01")));
    assertTrue(items.stream().anyMatch(s -> s.startsWith("SJ-06")));
    assertFalse(items.stream().anyMatch(s -> s.startsWith("SJ-09")), "retail items are for F");
  }
}
