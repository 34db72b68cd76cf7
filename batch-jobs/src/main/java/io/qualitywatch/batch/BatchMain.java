package io.qualitywatch.batch;

import static org.apache.spark.sql.functions.col;

import io.qualitywatch.batch.archive.EventFacts;
import io.qualitywatch.batch.archive.KafkaArchive;
import io.qualitywatch.batch.archive.ReferenceTables;
import io.qualitywatch.batch.coverage.CoverageStats;
import io.qualitywatch.batch.indexing.EsIndexer;
import io.qualitywatch.batch.institution.InstitutionEvaluation;
import io.qualitywatch.batch.plan.InspectionPlan;
import io.qualitywatch.batch.rating.EnterpriseRating;
import io.qualitywatch.ingestion.config.ConfigSource;
import io.qualitywatch.ingestion.contract.EventCodec;
import io.qualitywatch.ingestion.elastic.ElasticSettings;
import io.qualitywatch.ingestion.elastic.IndexNames;
import io.qualitywatch.ingestion.kafka.KafkaSettings;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The thin main of the batch jobs: read the lake, call the transformations, write Parquet and
 * Elasticsearch. Runs under {@code spark-submit} (shaded jar) or locally through {@code qw batch}.
 *
 * <pre>
 * spark-submit --class io.qualitywatch.batch.BatchMain batch-jobs-*-spark.jar \
 *   --config qualitywatch.properties --archive --reference-dir exports/ --year 2025 --index
 * </pre>
 */
@Command(
    name = "batch",
    mixinStandardHelpOptions = true,
    description =
        "Yearly batch analytics: archive events to Parquet, ratings, institution evaluation,"
            + " inspection plan, coverage; Parquet and Elasticsearch outputs.")
public final class BatchMain implements Callable<Integer> {
  @Option(names = "--config", description = "Configuration file (properties).")
  Path config;

  @Option(
      names = "--year",
      required = true,
      description = "Rating year (the plan is for the next year).")
  int year;

  @Option(names = "--archive", description = "First archive the Kafka event topics into the lake.")
  boolean archive;

  @Option(
      names = "--reference-dir",
      description =
          "Load enterprises/institutions/inspectors .jsonl from this directory into the lake.")
  Path referenceDir;

  @Option(names = "--index", description = "Also index the outputs into Elasticsearch.")
  boolean index;

  @Option(names = "--seed", description = "Plan seed (default batch.plan.seed).")
  Long seed;

  private final PrintStream out = System.out;

  public static void main(String[] args) {
    int rc = new CommandLine(new BatchMain()).execute(args);
    if (rc != 0) {
      System.exit(rc);
    }
  }

  @Override
  public Integer call() throws Exception {
    ConfigSource source = ConfigSource.load(config);
    BatchSettings settings = BatchSettings.from(source);
    if (seed != null) {
      settings = settings.withPlanSeed(seed);
    }
    SparkSession spark = Sessions.getOrCreate("qualitywatch-batch");
    spark.sparkContext().setLogLevel("WARN");
    try {
      run(spark, source, settings);
    } finally {
      spark.stop();
    }
    return 0;
  }

  private void run(SparkSession spark, ConfigSource source, BatchSettings settings)
      throws Exception {
    long t0 = System.nanoTime();
    String events = settings.path("events");
    if (archive) {
      long t = System.nanoTime();
      Dataset<Row> lake =
          KafkaArchive.toLake(
              KafkaArchive.readTopics(spark, KafkaSettings.from(source)), settings.zone());
      KafkaArchive.write(lake, events);
      out.printf(
          "batch archive  %,d events from Kafka -> %s (%.1f s)%n",
          spark.read().parquet(events).count(), events, secs(t));
    }
    if (referenceDir != null) {
      for (String name :
          List.of(
              ReferenceTables.ENTERPRISES,
              ReferenceTables.INSTITUTIONS,
              ReferenceTables.INSPECTORS)) {
        Path file = referenceDir.resolve(name + ".jsonl");
        ReferenceTables.write(
            ReferenceTables.readJsonl(spark, name, file.toString()),
            settings.path("reference/" + name));
      }
    }
    long t = System.nanoTime();
    Dataset<Row> facts =
        EventFacts.flatten(KafkaArchive.read(spark, events), settings.zone())
            .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> enterprises = spark.read().parquet(settings.path("reference/enterprises"));
    Dataset<Row> institutions = spark.read().parquet(settings.path("reference/institutions"));
    Dataset<Row> inspectors = spark.read().parquet(settings.path("reference/inspectors"));

    String outDir = "out/";
    Dataset<Row> ratings = EnterpriseRating.rate(facts, enterprises, year, settings);
    write(ratings, settings.path(outDir + "ratings/" + year));
    ratings = spark.read().parquet(settings.path(outDir + "ratings/" + year));
    Dataset<Row> inst = InstitutionEvaluation.evaluate(facts, institutions, year, settings);
    write(inst, settings.path(outDir + "institution-ratings/" + year));
    inst = spark.read().parquet(settings.path(outDir + "institution-ratings/" + year));
    InspectionPlan.Plan plan = InspectionPlan.draw(ratings, inspectors, facts, year, settings);
    String planDir = settings.path(outDir + "inspection-plans/" + plan.audit().planId());
    write(plan.assignments(), planDir);
    Files.writeString(
        Path.of(planDir, "_audit.json"),
        EventCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(plan.audit()));
    Dataset<Row> coverage =
        CoverageStats.compute(
            facts,
            enterprises,
            institutions,
            ratings,
            CoverageStats.targets(spark, settings.targetsFile()),
            year,
            settings.zone());
    write(coverage, settings.path(outDir + "coverage/" + year));
    coverage = spark.read().parquet(settings.path(outDir + "coverage/" + year));
    out.printf(
        "batch jobs     %,d ratings, %,d institutions, plan %s: %,d assignments, %,d coverage rows -> %s (%.1f s)%n",
        ratings.count(),
        inst.count(),
        plan.audit().planId(),
        plan.audit().assignments(),
        coverage.count(),
        settings.path(outDir),
        secs(t));

    if (index) {
      t = System.nanoTime();
      ElasticSettings es = ElasticSettings.from(source);
      IndexNames idx = es.indices();
      Timestamp at = Timestamp.from(Instant.now());
      String version = settings.rules().version() + " cuts=" + settings.rules().bandCuts();
      long n =
          EsIndexer.index(
                  EsIndexer.ratingDocs(ratings, version, at), idx.ratings(), "rating_id", es)
              + EsIndexer.index(
                  EsIndexer.institutionDocs(
                      inst, "institution cuts=" + settings.institutionCuts(), at),
                  idx.institutionRatings(),
                  "rating_id",
                  es)
              + EsIndexer.index(
                  EsIndexer.planDocs(spark.read().parquet(planDir), at),
                  idx.inspectionPlans(),
                  "assignment_id",
                  es)
              + EsIndexer.index(
                  EsIndexer.coverageDocs(coverage, at), idx.coverage(), "coverage_id", es);
      out.printf(
          "batch index    %,d documents into %s (%.1f s)%n", n, es.indexPrefix() + "-*", secs(t));
    }
    printSummary(ratings, inst, coverage, settings.noHistoryBand().name());
    out.printf("batch done     in %.1f s%n", secs(t0));
  }

  private void printSummary(
      Dataset<Row> ratings,
      Dataset<Row> inst,
      Dataset<Row> coverage,
      String settingsNoHistoryBand) {
    Map<String, Long> bands = new TreeMap<>();
    for (Row r : ratings.groupBy("band").count().collectAsList()) {
      bands.put(r.getString(0), r.getLong(1));
    }
    long noHistory = ratings.where(col("no_history")).count();
    out.printf(
        "ratings %d   A %,d  B %,d  C %,d  D %,d  (%,d without history: default class %s)%n",
        year,
        bands.getOrDefault("A", 0L),
        bands.getOrDefault("B", 0L),
        bands.getOrDefault("C", 0L),
        bands.getOrDefault("D", 0L),
        noHistory,
        settingsNoHistoryBand);
    Map<String, Long> ib = new TreeMap<>();
    for (Row r : inst.groupBy("rating").count().collectAsList()) {
      ib.put(r.isNullAt(0) ? "excluded" : r.getString(0), r.getLong(1));
    }
    out.println("institutions   " + ib);
    out.println(
        "top gaps to targets (" + year + ", worst region per metric, by shortfall / target)");
    var worstPerMetric =
        org.apache.spark.sql.expressions.Window.partitionBy("metric_code")
            .orderBy(col("gap_ratio").asc(), col("coverage_id").asc());
    for (Row r :
        coverage
            .where(col("meets_target").equalTo(false))
            .withColumn("n", org.apache.spark.sql.functions.row_number().over(worstPerMetric))
            .where(col("n").equalTo(1))
            .orderBy(col("gap_ratio").asc(), col("coverage_id").asc())
            .limit(5)
            .collectAsList()) {
      out.printf(
          "  %-8s %-6s %-10s %-28s %12s  target %s %s  gap %s%n",
          r.getAs("region_level"),
          r.getAs("region_code"),
          r.getAs("region_name"),
          r.getAs("metric_code"),
          fmt(r.getAs("value")),
          r.getAs("target_comparator"),
          fmt(r.getAs("target")),
          fmt(r.getAs("gap")));
    }
  }

  private static String fmt(Object v) {
    if (v == null) {
      return "-";
    }
    double d = ((Number) v).doubleValue();
    return d == Math.rint(d) && Math.abs(d) >= 1
        ? String.format("%,.0f", d)
        : String.format("%.3f", d);
  }

  private static void write(Dataset<Row> ds, String path) {
    ds.write().mode(SaveMode.Overwrite).parquet(path);
  }

  private static double secs(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
