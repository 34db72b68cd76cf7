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

  /**
   * The end of a bounded input moves event time to its maximum; that is not a quiet period, so no
   * warning is closed for it.
   */
  public static boolean endOfInput(TimerService timers) {
    return timers.currentWatermark() == Long.MAX_VALUE;
  }
}
