package io.qualitywatch.risk.warning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WarningLifecycleTest {
  private static final long DAY = 86_400_000L;
  private static final long T0 = 1_735_689_600_000L;
  private static final Thresholds T = new Thresholds(90, 80, 70, 60);
  private static final Duration QUIET = Duration.ofDays(30);

  private static WarningSignal sig(double metric, long at, String eventId) {
    return new WarningSignal(
        WarningType.RISK_SCORE,
        "C1",
        "C1",
        "某公司",
        "110101",
        "C14",
        null,
        metric,
        at,
        eventId,
        List.of("抽检不合格(安全性)"));
  }

  private static Optional<WarningLifecycle.Change> apply(
      WarningState s, double m, long at, String id) {
    return WarningLifecycle.onSignal(s, sig(m, at, id), T, "v1");
  }

  @Test
  void noWarningBelowBlue() {
    WarningState s = new WarningState();
    assertTrue(apply(s, 59.9, T0, "e0").isEmpty());
    assertEquals(0, s.sequence);
  }

  @Test
  void raiseEscalateDeescalateAndAutoClose() {
    WarningState s = new WarningState();
    var raised = apply(s, 62, T0, "e1").orElseThrow();
    assertEquals(WarningAction.RAISED, raised.action());
    assertEquals("BLUE", raised.document().level());
    assertEquals("ENTERPRISE:C1:RISK_SCORE:1", raised.document().warningId());
    assertEquals("110000", raised.document().provinceCode());

    var same = apply(s, 65, T0 + DAY, "e2").orElseThrow();
    assertEquals(WarningAction.UPDATED, same.action());
    assertEquals(List.of("e1", "e2"), same.document().evidenceEventIds());

    var up = apply(s, 91, T0 + 2 * DAY, "e3").orElseThrow();
    assertEquals(WarningAction.ESCALATED, up.action());
    assertEquals(1, up.document().levelRank());
    assertEquals(90.0, up.document().threshold());

    var down = apply(s, 75, T0 + 3 * DAY, "e4").orElseThrow();
    assertEquals(WarningAction.DEESCALATED, down.action());
    assertEquals("YELLOW", down.document().level());

    // Below blue: stays open (same id), the quiet period runs from the last active signal.
    var quietSignal = apply(s, 30, T0 + 4 * DAY, "e5").orElseThrow();
    assertEquals("OPEN", quietSignal.document().status());
    assertEquals(List.of("e1", "e2", "e3", "e4"), quietSignal.document().evidenceEventIds());
    assertEquals(T0 + 3 * DAY + QUIET.toMillis(), WarningLifecycle.quietDeadline(s, QUIET));
    assertTrue(WarningLifecycle.onQuiet(s, T0 + 20 * DAY, QUIET, "v1").isEmpty());

    var closed = WarningLifecycle.onQuiet(s, T0 + 33 * DAY, QUIET, "v1").orElseThrow();
    assertEquals(WarningAction.CLOSED, closed.action());
    assertEquals("CLOSED", closed.document().status());
    assertEquals(WarningLifecycle.AUTO_CLOSED_QUIET, closed.document().disposition());
    List<String> actions =
        closed.document().history().stream().map(WarningDocument.HistoryEntry::action).toList();
    assertEquals(List.of("RAISED", "ESCALATED", "DEESCALATED", "CLOSED"), actions);
    assertNull(closed.document().history().get(3).toLevel());

    // The next raise is a new warning with the next number.
    var again = apply(s, 85, T0 + 40 * DAY, "e6").orElseThrow();
    assertEquals(WarningAction.RAISED, again.action());
    assertEquals("ENTERPRISE:C1:RISK_SCORE:2", again.document().warningId());
    assertEquals(List.of("e6"), again.document().evidenceEventIds());
    assertEquals(1, again.document().history().size());
  }

  @Test
  void activityWithinTheQuietPeriodKeepsTheWarningOpen() {
    WarningState s = new WarningState();
    apply(s, 70, T0, "e1");
    apply(s, 61, T0 + 25 * DAY, "e2");
    assertTrue(WarningLifecycle.onQuiet(s, T0 + 31 * DAY, QUIET, "v1").isEmpty());
    assertTrue(WarningLifecycle.onQuiet(s, T0 + 56 * DAY, QUIET, "v1").isPresent());
  }

  @Test
  void evidenceListIsCappedAndDeduplicated() {
    WarningState s = new WarningState();
    for (int i = 0; i < 80; i++) {
      apply(s, 65, T0 + i, "e" + i);
    }
    apply(s, 65, T0 + 100, "e79");
    List<String> ids = apply(s, 65, T0 + 101, "e79").orElseThrow().document().evidenceEventIds();
    assertEquals(WarningLifecycle.MAX_EVIDENCE, ids.size());
    assertEquals("e30", ids.get(0));
    assertEquals("e79", ids.get(ids.size() - 1));
  }

  @Test
  void aMeasurementAfterTheQuietDeadlineClosesFirstExactlyAsTheTimerWould() {
    WarningState viaSignal = new WarningState();
    apply(viaSignal, 70, T0, "e1");
    List<WarningLifecycle.Change> changes =
        WarningLifecycle.apply(viaSignal, sig(85, T0 + 40 * DAY, "e2"), T, QUIET, "v1");
    assertEquals(
        List.of(WarningAction.CLOSED, WarningAction.RAISED),
        changes.stream().map(WarningLifecycle.Change::action).toList());
    assertEquals("ENTERPRISE:C1:RISK_SCORE:2", changes.get(1).document().warningId());

    WarningState viaTimer = new WarningState();
    apply(viaTimer, 70, T0, "e1");
    WarningLifecycle.Change closedByTimer =
        WarningLifecycle.onQuiet(viaTimer, T0 + 40 * DAY, QUIET, "v1").orElseThrow();
    // Same close, whichever path reached it: closed as of the deadline, not the call time.
    assertEquals(closedByTimer.document(), changes.get(0).document());
    assertEquals(
        java.time.Instant.ofEpochMilli(T0 + 30 * DAY), closedByTimer.document().closedAt());

    // Within the quiet period nothing is closed.
    WarningState open = new WarningState();
    apply(open, 70, T0, "e1");
    assertEquals(
        List.of(WarningAction.ESCALATED),
        WarningLifecycle.apply(open, sig(85, T0 + 10 * DAY, "e2"), T, QUIET, "v1").stream()
            .map(WarningLifecycle.Change::action)
            .toList());
  }
}
