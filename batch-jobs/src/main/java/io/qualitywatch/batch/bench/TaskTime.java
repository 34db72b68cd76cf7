package io.qualitywatch.batch.bench;

import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * Sums the CPU and run (wall) time of the tasks Spark finished since the last {@link #reset}. On a
 * machine shared with other work, wall-clock seconds measure the contention as much as the job; CPU
 * seconds do not, and CPU / run says how much of a core each running task actually got.
 */
final class TaskTime extends SparkListener {
  private final AtomicLong cpuNanos = new AtomicLong();
  private final AtomicLong runMillis = new AtomicLong();
  private final SparkSession spark;

  private TaskTime(SparkSession spark) {
    this.spark = spark;
  }

  static TaskTime attach(SparkSession spark) {
    TaskTime t = new TaskTime(spark);
    spark.sparkContext().addSparkListener(t);
    return t;
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    TaskMetrics m = end.taskMetrics();
    if (m != null) {
      cpuNanos.addAndGet(m.executorCpuTime());
      runMillis.addAndGet(m.executorRunTime());
    }
  }

  void reset() {
    drain();
    cpuNanos.set(0);
    runMillis.set(0);
  }

  /** Task CPU seconds so far; waits for the listener bus so every finished task is counted. */
  double cpuSeconds() {
    drain();
    return cpuNanos.get() / 1e9;
  }

  /** Task run (wall) seconds so far, summed over tasks. */
  double runSeconds() {
    drain();
    return runMillis.get() / 1e3;
  }

  private void drain() {
    // Task-end events reach listeners asynchronously, after the job that ran them returned.
    try {
      spark.sparkContext().listenerBus().waitUntilEmpty(60_000);
    } catch (TimeoutException e) {
      // A sum missing tasks would be a wrong figure, not a smaller one.
      throw new IllegalStateException("listener bus not drained in 60 s", e);
    }
  }
}
