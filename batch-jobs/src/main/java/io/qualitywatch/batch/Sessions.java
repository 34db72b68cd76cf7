package io.qualitywatch.batch;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The one place that builds a SparkSession. Local defaults (all cores, small shuffle, UI off,
 * driver on 127.0.0.1, UTC) apply only when no master is configured, so the same code runs
 * unchanged under {@code spark-submit --master yarn|k8s|spark://…}.
 */
public final class Sessions {
  private Sessions() {}

  public static SparkSession getOrCreate(String appName) {
    SparkConf conf = new SparkConf(true);
    SparkSession.Builder b = SparkSession.builder().appName(appName);
    if (!conf.contains("spark.master")) {
      int cores = Runtime.getRuntime().availableProcessors();
      b.master("local[" + cores + "]")
          // 2 × cores: enough to spread skew, few enough that small jobs are not all overhead.
          .config("spark.sql.shuffle.partitions", String.valueOf(Math.max(2, 2 * cores)))
          .config("spark.default.parallelism", String.valueOf(Math.max(2, 2 * cores)))
          .config("spark.ui.enabled", "false")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.sql.adaptive.enabled", "true")
          .config("spark.sql.session.timeZone", "UTC")
          .config("spark.sql.sources.partitionOverwriteMode", "dynamic");
    }
    return b.getOrCreate();
  }
}
