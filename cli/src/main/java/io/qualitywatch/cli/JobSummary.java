package io.qualitywatch.cli;

import io.qualitywatch.streaming.scoring.EnterpriseScoreFunction;
import io.qualitywatch.streaming.source.ParseEvents;
import org.apache.flink.api.common.JobExecutionResult;

/** The stream job's counters, as one line. */
record JobSummary(
    long eventsIn, long deadLetters, long lateEvents, long foreignTimestamps, long millis) {
  static JobSummary of(JobExecutionResult r) {
    return new JobSummary(
        counter(r, ParseEvents.EVENTS_IN),
        counter(r, ParseEvents.DEAD_LETTERED),
        counter(r, EnterpriseScoreFunction.LATE_EVENTS),
        counter(r, ParseEvents.FOREIGN_TIMESTAMPS),
        r.getNetRuntime());
  }

  private static long counter(JobExecutionResult r, String name) {
    Object v = r.getAccumulatorResult(name);
    return v == null ? 0 : ((Number) v).longValue();
  }

  @Override
  public String toString() {
    // Only when it happens: a producer breaking the topics' timestamp contract can move event time.
    String foreign =
        foreignTimestamps == 0
            ? ""
            : String.format(
                ", %,d stamped with another time than their event time (see"
                    + " docs/streaming-operations.md, \"Record timestamps\")",
                foreignTimestamps);
    return String.format(
        "stream job: %,d events in, %,d dead letters, %,d late%s, %.1f s",
        eventsIn, deadLetters, lateEvents, foreign, millis / 1000.0);
  }
}
