package io.qualitywatch.streaming.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qualitywatch.risk.rules.RiskRules;
import io.qualitywatch.risk.scoring.Evidence;
import io.qualitywatch.risk.scoring.EvidenceKind;
import io.qualitywatch.risk.warning.WarningAction;
import io.qualitywatch.streaming.elastic.IndexDoc;
import io.qualitywatch.streaming.rules.ActiveRules;
import io.qualitywatch.streaming.warning.WarningUpdate;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

class CountWarningFunctionTest {
  private static final long DAY = 86_400_000L;
  private static final long T0 = 1_735_689_600_000L; // 2025-01-01T00:00Z = 08:00 CST

  private static KeyedBroadcastOperatorTestHarness<String, CountSignal, String, WarningUpdate>
      harness() throws Exception {
    return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
        new CountWarningFunction(RiskRules.defaults(), "qw-risk-aggregates"),
        CountSignal::key,
        Types.STRING,
        ActiveRules.DESCRIPTOR);
  }

  private static List<CountSignal> signals(Evidence e) {
    List<CountSignal> out = new ArrayList<>();
    new CountSignals()
        .flatMap(
            e,
            new Collector<>() {
              @Override
              public void collect(CountSignal record) {
                out.add(record);
              }

              @Override
              public void close() {}
            });
    return out;
  }

  private static Evidence complaint(String code, String region, long t, int i) {
    return new Evidence(
        "c" + i, code, t, EvidenceKind.COMPLAINT, 1, region, "C14", "FOOD-CONDIMENT", "某公司");
  }

  private static Evidence sampling(String code, String region, long t, int i, boolean failed) {
    return new Evidence(
        "s" + i,
        code,
        t,
        failed ? EvidenceKind.SAMPLING_FAIL_SAFETY : EvidenceKind.SAMPLING_PASS,
        1,
        region,
        "C14",
        "FOOD-CONDIMENT",
        "某公司");
  }

  private static void feed(
      KeyedBroadcastOperatorTestHarness<String, CountSignal, String, WarningUpdate> h, Evidence e)
      throws Exception {
    for (CountSignal s : signals(e)) {
      h.processElement(s, e.eventTimeMillis());
    }
  }

  @Test
  void complaintsFanOutToEnterpriseCountyAndCity() {
    List<CountSignal> s = signals(complaint("A", "330106", T0, 1));
    assertEquals(3, s.size());
    assertEquals(
        List.of(
            "COMPLAINT_SURGE|A",
            "REGIONAL_COMPLAINT_SURGE|330106|C14",
            "REGIONAL_COMPLAINT_SURGE|330100|C14"),
        s.stream().map(CountSignal::key).toList());
  }

  @Test
  void aSurgeAgainstAQuietBaselineRaisesAndEscalatesWithinTheDay() throws Exception {
    var h = harness();
    int i = 0;
    // Baseline: one complaint a fortnight for twelve weeks.
    for (int d = 0; d < 84; d += 14) {
      feed(h, complaint("A", "330106", T0 + d * DAY, i++));
    }
    h.watermark(T0 + 90 * DAY);
    h.extractOutputValues().clear();
    // Surge: four complaints a day for six days (one enterprise counts at most 2 a day).
    for (int d = 91; d < 97; d++) {
      for (int k = 0; k < 4; k++) {
        feed(h, complaint("A", "330106", T0 + d * DAY + k * 60_000L, i++));
      }
    }
    List<WarningUpdate> enterprise =
        h.extractOutputValues().stream()
            .filter(
                w ->
                    w.warningId().contains("COMPLAINT_SURGE:")
                        && w.warningId().startsWith("ENTERPRISE"))
            .toList();
    assertTrue(!enterprise.isEmpty(), "surge not detected");
    assertEquals(WarningAction.RAISED, enterprise.get(0).action());
    assertEquals("ENTERPRISE:A:COMPLAINT_SURGE:1", enterprise.get(0).warningId());
    assertEquals("RED", enterprise.get(enterprise.size() - 1).level());
    assertTrue(
        enterprise.get(enterprise.size() - 1).json().contains("\"evidence_event_ids\":[\"c"));
  }

  @Test
  void aOneDayBurstAtOneEnterpriseIsNoSurge() throws Exception {
    var h = harness();
    int i = 0;
    for (int d = 0; d < 84; d += 14) {
      feed(h, complaint("A", "330106", T0 + d * DAY, i++));
    }
    // Eight consumers of one bad batch complain within hours: capped at 2 for the day.
    for (int k = 0; k < 8; k++) {
      feed(h, complaint("A", "330106", T0 + 91 * DAY + k * 60_000L, i++));
    }
    assertTrue(
        h.extractOutputValues().stream().noneMatch(w -> w.warningId().startsWith("ENTERPRISE")));
  }

  @Test
  void steadyComplaintsRaiseNothing() throws Exception {
    var h = harness();
    for (int d = 0; d < 200; d++) {
      feed(h, complaint("A", "330106", T0 + d * DAY, d));
    }
    assertTrue(h.extractOutputValues().isEmpty(), h.extractOutputValues().toString());
  }

  @Test
  void failureWaveNeedsSeveralProvinces() throws Exception {
    var h = harness();
    int i = 0;
    // A quiet history: 200 passing samplings over 6 months in three provinces.
    String[] regions = {"330106", "440305", "320583"};
    for (int d = 0; d < 168; d++) {
      feed(h, sampling("P" + d, regions[d % 3], T0 + d * DAY, i++, false));
    }
    // Ten failures from ONE province: a bad producer, not a wave.
    for (int k = 0; k < 10; k++) {
      feed(h, sampling("Q" + k, "330106", T0 + 170 * DAY + k, i++, true));
    }
    assertTrue(h.extractOutputValues().isEmpty());
    // Failures from two more provinces make it a systemic wave.
    feed(h, sampling("R1", "440305", T0 + 171 * DAY, i++, true));
    feed(h, sampling("R2", "320583", T0 + 171 * DAY, i++, true));
    List<WarningUpdate> out = h.extractOutputValues();
    assertEquals("SYSTEMIC:FOOD-CONDIMENT:FAILURE_WAVE:1", out.get(0).warningId());
    assertEquals(WarningAction.RAISED, out.get(0).action());
  }

  @Test
  void dailyAggregatesAreWrittenAtTheEndOfEachActiveDay() throws Exception {
    var h = harness();
    feed(h, complaint("A", "330106", T0, 1));
    feed(h, complaint("B", "330106", T0 + 3_600_000L, 2));
    h.watermark(T0 + 2 * DAY);
    List<IndexDoc> aggs =
        h.getSideOutput(CountWarningFunction.AGGREGATES).stream()
            .map(StreamRecord::getValue)
            .toList();
    // County and city of the one day; enterprise complaint keys write no aggregates.
    assertEquals(2, aggs.size());
    IndexDoc county =
        aggs.stream().filter(d -> d.id().contains("330106")).findFirst().orElseThrow();
    assertEquals("REGION_INDUSTRY:330106|C14:2025-01-01", county.id());
    assertTrue(county.json().contains("\"complaints\":2"), county.json());
  }

  @Test
  void certificateAbuseClusterCountsDistinctEnterprisesInTheCity() throws Exception {
    var h = harness();
    for (int k = 0; k < 3; k++) {
      Evidence e =
          new Evidence(
              "a" + k,
              "E" + k,
              T0 + k * DAY,
              EvidenceKind.CERT_ABUSE,
              1,
              k == 0 ? "330106" : "330108",
              "C38",
              null,
              "某公司");
      feed(h, e);
    }
    List<WarningUpdate> out = h.extractOutputValues();
    assertEquals(2, out.size(), out.toString());
    assertEquals("REGIONAL:330100:CERT_ABUSE_CLUSTER:1", out.get(0).warningId());
    assertEquals("BLUE", out.get(0).level());
    assertEquals("YELLOW", out.get(1).level());
  }
}
