package io.qualitywatch.streaming.warning;

import io.qualitywatch.risk.warning.WarningLifecycle;
import io.qualitywatch.risk.warning.WarningState;
import java.time.Duration;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.TimerService;

/**
 * One pending quiet timer per warning subject: moving the deadline deletes the old timer, so a busy
 * subject does not pile up timers.
 */
public final class WarningTimers {
  private static final long DAY_MILLIS = 86_400_000L;
  private static final long CST_MILLIS = 8 * 3_600_000L;

  private WarningTimers() {}

  public static void reschedule(
      TimerService timers, ValueState<Long> pending, WarningState s, Duration quiet)
      throws Exception {
    Long old = pending.value();
    if (!s.open) {
      if (old != null) {
        timers.deleteEventTimeTimer(old);
        pending.clear();
      }
      return;
    }
    long deadline = WarningLifecycle.quietDeadline(s, quiet);
    // Keyed functions that also use day-end timers (aggregates) tell them apart by timestamp, so
    // a quiet deadline never falls exactly on a day's last millisecond (China Standard Time).
    if (Math.floorMod(deadline + 1 + CST_MILLIS, DAY_MILLIS) == 0) {
      deadline++;
    }
    if (old != null && old == deadline) {
      return;
    }
    if (old != null) {
      timers.deleteEventTimeTimer(old);
    }
    timers.registerEventTimeTimer(deadline);
    pending.update(deadline);
  }

  /** No end-of-input bound known: the end of the input closes nothing. */
  public static final long CLOSE_NOTHING_AT_END = Long.MIN_VALUE;

  /**
   * Whether a quiet deadline fired only because a bounded input ended. The end moves event time to
   * its maximum; that is not a quiet period, so a deadline beyond {@code closeUpTo} (the latest
   * event time of the input minus the out-of-orderness: the highest watermark the input itself can
   * ever produce) is not closed. Deadlines up to it are closed whether the last periodic watermark
   * happened to pass them before the end or not, which makes a bounded run's outcome independent of
   * which source split finished last.
   */
  public static boolean suppressedAtEnd(TimerService timers, long deadline, long closeUpTo) {
    return timers.currentWatermark() == Long.MAX_VALUE && deadline > closeUpTo;
  }
}
