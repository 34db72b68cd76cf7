package io.qualitywatch.cli;

import io.qualitywatch.streaming.scoring.EnterpriseScoreFunction;
import io.qualitywatch.streaming.source.ParseEvents;
import org.apache.flink.api.common.JobExecutionResult;

/** The stream job's counters, as one line. */
record JobSummary(long eventsIn, long deadLetters, long lateEvents, long millis) {
  static JobSummary of(JobExecutionResult r) {
    return new JobSummary(
        counter(r, ParseEvents.EVENTS_IN),
        counter(r, ParseEvents.DEAD_LETTERED),
        counter(r, EnterpriseScoreFunction.LATE_EVENTS),
        r.getNetRuntime());
  }

  private static long counter(JobExecutionResult r, String name) {
    Object v = r.getAccumulatorResult(name);
    return v == null ? 0 : ((Number) v).longValue();
  }

  @Override
  public String toString() {
    return String.format(
        "stream job: %,d events in, %,d dead letters, %,d late, %.1f s",
        eventsIn, deadLetters, lateEvents, millis / 1000.0);
  }
}
