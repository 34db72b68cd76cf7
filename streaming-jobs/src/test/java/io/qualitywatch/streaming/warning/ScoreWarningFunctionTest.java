package io.qualitywatch.streaming.warning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qualitywatch.risk.rules.RiskRules;
import io.qualitywatch.risk.scoring.RiskBand;
import io.qualitywatch.risk.warning.WarningAction;
import io.qualitywatch.streaming.rules.ActiveRules;
import io.qualitywatch.streaming.scoring.ScoreUpdate;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class ScoreWarningFunctionTest {
  private static final long DAY = 86_400_000L;
  private static final long T0 = 1_735_689_600_000L;

  private static ScoreUpdate score(String code, double score, long at, String eventId) {
    return new ScoreUpdate(
        code,
        "某公司",
        code + ":" + eventId,
        "110101",
        "C14",
        score,
        RiskBand.D,
        at,
        eventId,
        "抽检不合格(安全性)",
        "{}");
  }

  private static KeyedBroadcastOperatorTestHarness<String, ScoreUpdate, String, WarningUpdate>
      harness() throws Exception {
    return harness(new ScoreWarningFunction(RiskRules.defaults()));
  }

  private static KeyedBroadcastOperatorTestHarness<String, ScoreUpdate, String, WarningUpdate>
      harness(ScoreWarningFunction f) throws Exception {
    var h =
        ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
            f, ScoreUpdate::creditCode, Types.STRING, ActiveRules.DESCRIPTOR);
    return h;
  }

  private static List<WarningAction> actions(List<WarningUpdate> out) {
    return out.stream().map(WarningUpdate::action).toList();
  }

  @Test
  void lowScoresRaiseNothing() throws Exception {
    var h = harness();
    h.processElement(score("A", 20, T0, "e1"), T0);
    h.processElement(score("A", 59.9, T0 + DAY, "e2"), T0 + DAY);
    assertTrue(h.extractOutputValues().isEmpty());
    h.processElement(score("A", 60, T0 + 2 * DAY, "e3"), T0 + 2 * DAY);
    assertEquals("BLUE", h.extractOutputValues().get(0).level());
  }

  @Test
  void raisedEscalatedAndClosedAfterTheQuietPeriod() throws Exception {
    var h = harness();
    h.processElement(score("A", 72, T0, "e1"), T0);
    h.processElement(score("A", 93, T0 + DAY, "e2"), T0 + DAY);
    h.processElement(score("A", 40, T0 + 2 * DAY, "e3"), T0 + 2 * DAY);
    h.watermark(T0 + 30 * DAY);
    assertEquals(
        List.of(WarningAction.RAISED, WarningAction.ESCALATED, WarningAction.UPDATED),
        actions(h.extractOutputValues()));
    // Default quiet period for score warnings: 60 days after the last active signal (day 1).
    h.watermark(T0 + 62 * DAY);
    List<WarningUpdate> out = h.extractOutputValues();
    assertEquals(WarningAction.CLOSED, out.get(out.size() - 1).action());
    assertTrue(out.get(out.size() - 1).json().contains("AUTO_CLOSED_QUIET"));
    assertEquals("ENTERPRISE:A:RISK_SCORE:1", out.get(0).warningId());
    assertEquals("YELLOW", out.get(0).level());
    assertEquals("RED", out.get(1).level());
  }

  @Test
  void theEndOfABoundedInputClosesNothing() throws Exception {
    var h = harness();
    h.processElement(score("A", 85, T0, "e1"), T0);
    h.watermark(Long.MAX_VALUE);
    assertEquals(List.of(WarningAction.RAISED), actions(h.extractOutputValues()));
  }

  @Test
  void theEndOfABoundedInputClosesWhatTheInputsOwnWatermarkCouldReach() throws Exception {
    // Quiet period 60 days: A's deadline is day 60, B's day 90. The input's latest event allows
    // closing up to day 75, whatever watermark happened to be emitted before the end.
    var h = harness(new ScoreWarningFunction(RiskRules.defaults(), T0 + 75 * DAY));
    h.processElement(score("A", 85, T0, "a1"), T0);
    h.processElement(score("B", 85, T0 + 30 * DAY, "b1"), T0 + 30 * DAY);
    h.watermark(T0 + 40 * DAY); // the last periodic watermark: before both deadlines
    h.watermark(Long.MAX_VALUE);
    List<WarningUpdate> out = h.extractOutputValues();
    assertEquals(
        List.of(WarningAction.RAISED, WarningAction.RAISED, WarningAction.CLOSED), actions(out));
    assertEquals("ENTERPRISE:A:RISK_SCORE:1", out.get(2).warningId());
  }
}
