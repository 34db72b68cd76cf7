package io.qualitywatch.streaming.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qualitywatch.risk.rules.RiskRules;
import io.qualitywatch.risk.scoring.Evidence;
import io.qualitywatch.risk.scoring.EvidenceKind;
import io.qualitywatch.risk.scoring.RiskBand;
import io.qualitywatch.risk.scoring.RiskScorer;
import io.qualitywatch.streaming.rules.ActiveRules;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class EnterpriseScoreFunctionTest {
  private static final long DAY = 86_400_000L;
  private static final long T0 = 1_735_689_600_000L;

  static Evidence ev(String code, String id, long t, EvidenceKind kind) {
    return new Evidence(id, code, t, kind, 1, "110101", "C14", "FOOD-CONDIMENT", "n");
  }

  private static KeyedBroadcastOperatorTestHarness<String, Evidence, String, ScoreUpdate> harness()
      throws Exception {
    return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
        new EnterpriseScoreFunction(RiskRules.defaults(), Duration.ofDays(365)),
        Evidence::creditCode,
        Types.STRING,
        ActiveRules.DESCRIPTOR);
  }

  @Test
  void scoresAccumulatePerEnterpriseAndMatchTheBatchScorer() throws Exception {
    var h = harness();
    List<Evidence> a =
        List.of(
            ev("A", "e1", T0, EvidenceKind.SAMPLING_FAIL_SAFETY),
            ev("A", "e2", T0 + DAY, EvidenceKind.PENALTY));
    h.processElement(a.get(0), a.get(0).eventTimeMillis());
    h.processElement(ev("B", "e3", T0, EvidenceKind.COMPLAINT), T0);
    h.processElement(a.get(1), a.get(1).eventTimeMillis());

    List<ScoreUpdate> out = h.extractOutputValues();
    assertEquals(3, out.size());
    ScoreUpdate lastA = out.get(2);
    assertEquals("A", lastA.creditCode());
    double batch =
        new RiskScorer(RiskRules.defaults().scoring()).scoreAll("A", a, T0 + DAY).score();
    assertEquals(batch, lastA.score());
    assertEquals(RiskBand.C, lastA.band(), "safety failure + penalty = raw 45, score 67.5");
    assertEquals("A:e2", lastA.historyId());
    assertTrue(out.get(1).score() < out.get(0).score(), "one complaint scores lower");
  }

  @Test
  void lateEvidenceIsCountedOnTheSideOutputAndStillScored() throws Exception {
    var h = harness();
    h.processElement(ev("A", "e1", T0 + 10 * DAY, EvidenceKind.COMPLAINT), T0 + 10 * DAY);
    h.watermark(T0 + 9 * DAY);
    h.processElement(ev("A", "late", T0, EvidenceKind.SAMPLING_FAIL_SAFETY), T0);

    assertEquals(1, h.getSideOutput(EnterpriseScoreFunction.LATE).size());
    List<ScoreUpdate> out = h.extractOutputValues();
    assertEquals(2, out.size());
    assertTrue(out.get(1).score() > out.get(0).score());
    assertEquals(T0 + 10 * DAY, out.get(1).asOfMillis(), "late evidence must not move time back");
  }

  @Test
  void newRulesApplyWithoutRestart() throws Exception {
    var h = harness();
    h.processElement(ev("A", "e1", T0, EvidenceKind.COMPLAINT), T0);
    String heavier =
        RiskRules.defaults()
            .toJson()
            .replace("\"version\":\"default-1\"", "\"version\":\"heavy-complaints\"")
            .replace("\"COMPLAINT\":{\"weight\":1.5", "\"COMPLAINT\":{\"weight\":30.0");
    h.processBroadcastElement(heavier, T0);
    h.processElement(ev("A", "e2", T0, EvidenceKind.COMPLAINT), T0);
    List<ScoreUpdate> out = h.extractOutputValues();
    assertTrue(out.get(1).score() > 70, "two complaints at weight 30: " + out.get(1).score());
    assertTrue(out.get(1).documentJson().contains("heavy-complaints"));
    assertTrue(out.get(0).documentJson().contains("default-1"));
  }
}
